"""An NPI is checked for its shape and its Luhn check digit (over "80840" and
the first nine digits) before it is saved; the check here is written again,
independently, from the CMS description, so the two must agree."""

import pytest
from django.core.exceptions import ValidationError

from directory.npi import npi_is_valid, validate_npi


def luhn_ok(digits: str) -> bool:
    """The plain Luhn test over a whole number (check digit included)."""
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char) * (2 if index % 2 else 1)
        total += value // 10 + value % 10
    return total % 10 == 0


def complete(first_nine: str) -> str:
    """The NPI that the CMS formula makes of nine digits: with the prefix's
    constant 24 added to the doubled-and-summed digits."""
    total = 24
    for index, char in enumerate(first_nine):
        value = int(char) * (2 if index % 2 == 0 else 1)
        total += value // 10 + value % 10
    return first_nine + str((10 - total % 10) % 10)


def test_the_cms_example_is_valid():
    assert npi_is_valid("1234567893")
    assert luhn_ok("80840" + "1234567893")


@pytest.mark.parametrize(
    "first_nine", ["123456789", "100000000", "199999999", "287654321", "150806143"]
)
def test_numbers_completed_by_the_formula_are_valid(first_nine):
    npi = complete(first_nine)
    assert luhn_ok("80840" + npi)
    assert npi_is_valid(npi)
    validate_npi(npi)  # does not raise


@pytest.mark.parametrize("first_nine", ["123456789", "150806143", "287654321"])
def test_every_other_check_digit_is_refused(first_nine):
    right = complete(first_nine)
    for digit in "0123456789":
        wrong = first_nine + digit
        assert npi_is_valid(wrong) is (wrong == right)


@pytest.mark.parametrize(
    "value",
    ["1234567890", "1234567894", "2234567893", "1234567839"],
)
def test_a_wrong_check_digit_or_a_typo_is_invalid(value):
    assert not npi_is_valid(value)
    with pytest.raises(ValidationError, match="check digit"):
        validate_npi(value)


@pytest.mark.parametrize(
    "value",
    [
        "123456789",
        "12345678933",
        "12345678A3",
        "",
        "１２３４５６７８９３",
        None,
        1234567893,
    ],
)
def test_anything_but_ten_digits_is_refused_for_its_shape(value):
    assert not npi_is_valid(value)
    with pytest.raises(ValidationError, match="10 digits"):
        validate_npi(value)
