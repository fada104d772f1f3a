"""The Finnish business ID (Y-tunnus) check digit."""

import pytest
from django.core.exceptions import ValidationError

from associations.ytunnus import check_digit, normalise_business_id, validate_business_id


def test_valid_business_id():
    assert check_digit("0737546") == 2
    validate_business_id("0737546-2")


def test_wrong_check_digit():
    with pytest.raises(ValidationError) as error:
        validate_business_id("0737546-3")
    assert error.value.code == "check_digit"


def test_remainder_one_is_never_valid():
    # 6 * 2 = 12, and 12 mod 11 = 1: no check digit fits.
    assert check_digit("0000006") is None
    for digit in range(10):
        with pytest.raises(ValidationError) as error:
            validate_business_id(f"0000006-{digit}")
        assert error.value.code == "remainder_one"


def test_remainder_zero_gives_check_digit_zero():
    assert check_digit("0000000") == 0
    validate_business_id("0000000-0")


@pytest.mark.parametrize(
    "value", ["", "0737546", "07375462", "737546-2", "0737546-22", "O737546-2", "0737546 2"]
)
def test_wrong_format(value):
    with pytest.raises(ValidationError) as error:
        validate_business_id(value)
    assert error.value.code == "format"


def test_old_six_digit_form_gets_its_leading_zero():
    assert normalise_business_id(" 737546-2 ") == "0737546-2"
    validate_business_id(normalise_business_id("737546-2"))
