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


# Business IDs of real companies from the trade register (Nokia Oyj, Kesko Oyj): an independent source for
# the check digit, so a wrong weight or remainder rule fails here.
@pytest.mark.parametrize("value", ["0112038-9", "0109862-8"])
def test_real_business_ids_are_valid(value):
    assert check_digit(value[:7]) == int(value[-1])
    validate_business_id(value)


@pytest.mark.parametrize("value", ["0112038-8", "0109862-9", "0109862-0"])
def test_one_wrong_digit_is_caught(value):
    with pytest.raises(ValidationError) as error:
        validate_business_id(value)
    assert error.value.code == "check_digit"
    assert value in str(error.value.messages[0])


@pytest.mark.parametrize(
    "typed",
    ["0737546-2", " 0737546-2 ", "07375462", "0737546 2", "0737546 - 2", "FI07375462", "fi 0737546-2"],
)
def test_separators_and_the_vat_prefix_are_normalised(typed):
    assert normalise_business_id(typed) == "0737546-2"
    validate_business_id(normalise_business_id(typed))


@pytest.mark.parametrize(
    "typed",
    # "٠٧٣٧٥٤٦-٢" is 0737546-2 in Arabic-Indic digits: Python counts them as digits, the register does not.
    [
        "0737546",
        "737546",
        "073754622",
        "O737546-2",
        "0737546-X",
        "0737546-²",
        "٠٧٣٧٥٤٦-٢",
        "yksi",
        "0737546/2",
    ],
)
def test_what_cannot_be_cleaned_is_left_as_typed_and_rejected(typed):
    assert normalise_business_id(typed) == typed
    with pytest.raises(ValidationError) as error:
        validate_business_id(normalise_business_id(typed))
    assert error.value.code == "format"


def test_seven_digits_without_a_check_digit_are_not_read_as_the_old_form():
    # "0737546" lacks its check digit; prefixing a zero would invent the ID 0073754-6.
    assert normalise_business_id("0737546") == "0737546"


def test_a_wrong_check_digit_survives_normalisation():
    with pytest.raises(ValidationError) as error:
        validate_business_id(normalise_business_id("0737546 3"))
    assert error.value.code == "check_digit"


def test_empty_values_normalise_to_empty():
    assert normalise_business_id(None) == ""
    assert normalise_business_id("   ") == ""
