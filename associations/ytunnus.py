"""The Finnish business ID (Y-tunnus): seven digits, a hyphen and a check digit.

The checksum and the separators users type come from python-stdnum (`stdnum.fi.ytunnus`); this module adds
what stdnum does not know: the old six-digit form, the one stored form (`1234567-1`), and error messages in
the site's languages that tell an editor which part is wrong.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum import exceptions as stdnum_errors
from stdnum.fi import alv, ytunnus

STORED_FORM = re.compile(r"^[0-9]{7}-[0-9]$")
# IDs are still written without their leading zero (six digits, a hyphen, the check digit).
OLD_SIX_DIGIT_FORM = re.compile(r"^[0-9]{6}\s*-\s*[0-9]$")


def check_digit(digits):
    """The check digit for seven digits, or None when no check digit can make them valid."""
    # stdnum's checksum over the eight digits is 0 for a valid ID; with a trial 0 it is the remainder r of
    # the seven weighted digits, and the check digit must be 11 - r (r = 1 would need 10, so none fits).
    remainder = alv.checksum(digits + "0")
    if remainder == 1:
        return None
    return 0 if remainder == 0 else 11 - remainder


def normalise_business_id(value):
    """The stored form of what a user typed (spaces, a missing hyphen, an FI prefix, the old six-digit form).

    A value that is not eight digits once cleaned comes back only stripped, so the error shows what was typed.
    """
    value = (value or "").strip()
    if OLD_SIX_DIGIT_FORM.fullmatch(value):
        value = "0" + value
    compact = ytunnus.compact(value)
    if len(compact) == 8 and compact.isascii() and compact.isdigit():
        return ytunnus.format(compact)
    return value


def validate_business_id(value):
    """Raise ValidationError unless `value` is a Y-tunnus in the stored form with a correct check digit."""
    value = value or ""
    if not STORED_FORM.match(value):
        raise ValidationError(
            _("Enter the business ID as seven digits, a hyphen and a check digit, e.g. 0737546-2."),
            code="format",
        )
    try:
        ytunnus.validate(value)
    except stdnum_errors.InvalidChecksum:
        if check_digit(value[:7]) is None:
            raise ValidationError(
                _("%(value)s is not a valid business ID: no check digit fits these digits."),
                code="remainder_one",
                params={"value": value},
            ) from None
        raise ValidationError(
            _("The check digit of %(value)s is wrong. Check the business ID."),
            code="check_digit",
            params={"value": value},
        ) from None
