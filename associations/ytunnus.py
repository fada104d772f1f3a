"""The Finnish business ID (Y-tunnus): seven digits, a hyphen and a check digit.

The check digit: weights 7, 9, 10, 5, 8, 4, 2 on the digits, r = sum mod 11; r = 0 gives 0, r = 1 is never
valid, otherwise the check digit is 11 - r.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

WEIGHTS = (7, 9, 10, 5, 8, 4, 2)
FORMAT = re.compile(r"^(\d{7})-(\d)$")


def check_digit(digits):
    """The check digit for seven digits, or None when no check digit can make them valid."""
    remainder = sum(int(digit) * weight for digit, weight in zip(digits, WEIGHTS, strict=True)) % 11
    if remainder == 1:
        return None
    return 0 if remainder == 0 else 11 - remainder


def normalise_business_id(value):
    """Strip surrounding space; accept the old six-digit form by adding the leading zero."""
    value = (value or "").strip()
    if re.fullmatch(r"\d{6}-\d", value):
        value = "0" + value
    return value


def validate_business_id(value):
    """Raise ValidationError unless `value` is a Y-tunnus with a correct check digit."""
    match = FORMAT.match(value or "")
    if not match:
        raise ValidationError(
            _("Enter the business ID as seven digits, a hyphen and a check digit, e.g. 0737546-2."),
            code="format",
        )
    digits, given = match.groups()
    expected = check_digit(digits)
    if expected is None:
        raise ValidationError(
            _("%(value)s is not a valid business ID: no check digit fits these digits."),
            code="remainder_one",
            params={"value": value},
        )
    if expected != int(given):
        raise ValidationError(
            _("The check digit of %(value)s is wrong. Check the business ID."),
            code="check_digit",
            params={"value": value},
        )
