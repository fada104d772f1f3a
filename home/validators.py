"""Validators for Finnish contact details, shared by blocks, settings and (later) association profiles."""

from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

phone_validator = RegexValidator(
    r"^\+?[0-9][0-9 ()-]{4,19}$",
    _("Enter a phone number with digits, spaces and an optional leading +, e.g. +358 40 123 4567."),
)

postal_code_validator = RegexValidator(r"^\d{5}$", _("A postal code has five digits."))
