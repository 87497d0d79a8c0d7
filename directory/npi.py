"""The US National Provider Identifier's shape and check digit.

An NPI is 10 digits whose last one is a Luhn check digit computed over the
first nine with the card-issuer prefix "80840" in front (CMS, "Requirements
for the NPI check digit"). Checking it before saving catches the typo that
would otherwise send the director to look up somebody else.
"""

import re

from django.core.exceptions import ValidationError

NPI_PREFIX = "80840"
SHAPE_MESSAGE = "An NPI is 10 digits."
CHECK_DIGIT_MESSAGE = "That NPI's check digit doesn't match — check for a typo."


def npi_check_digit(first_nine: str) -> int:
    """The Luhn digit that completes ``80840`` + ``first_nine``."""
    total = 0
    # From the right, every other digit is doubled, starting with the last
    # one of the payload (the check digit would be the undoubled one after it).
    for position, char in enumerate(reversed(NPI_PREFIX + first_nine)):
        digit = int(char)
        if position % 2 == 0:
            digit *= 2
            if digit > 9:
                digit -= 9
        total += digit
    return (10 - total % 10) % 10


def npi_has_shape(value) -> bool:
    return isinstance(value, str) and re.fullmatch(r"[0-9]{10}", value) is not None


def npi_is_valid(value) -> bool:
    return npi_has_shape(value) and npi_check_digit(value[:9]) == int(value[9])


def validate_npi(value) -> None:
    """A Django validator: the shape first, then the check digit."""
    if not npi_has_shape(value):
        raise ValidationError(SHAPE_MESSAGE, code="npi_shape")
    if not npi_is_valid(value):
        raise ValidationError(CHECK_DIGIT_MESSAGE, code="npi_check_digit")
