"""Record, account and ID numbers: SSNs, labelled numbers, long digit runs."""

from __future__ import annotations

import re
from collections.abc import Iterator

from community.privacy.base import ID_NUMBER, Found, Keyed, _alternation, _keyed, _words

_SSN = re.compile(r"\d(?<![\d\-]\d)\d{2}-\d{2}-\d{4}(?![\d\-])")
# Words that label a number as an identifier. Those in _ID_ALONE label one on their
# own ("MRN 4482913", "plate 7ABC123"); the others need "number", "no." or "ID" after
# them ("case number", "member ID"), as "case 12" is just a case.
_ID_SUFFIXES = ("number", "no", "no.", "num", "#", "id")
_ID_ALONE = _words(
    """
    mrn record chart policy account acct acct. licence license plate passport
    serial vin ssn medicaid medicare nhs npi id"""
) + [
    "medical record",
    "license plate",
    "licence plate",
    "driver's license",
    "driver’s license",
    "drivers license",
    "social security",
]
_ID_WITH_SUFFIX = _words(
    """
    patient member membership insurance subscriber student employee client device
    tax group case claim file certificate badge registration"""
)
_ID_LABELS = (
    [*_ID_ALONE]
    + [f"{word} {suffix}" for word in _ID_ALONE for suffix in _ID_SUFFIXES]
    + [f"{word} {suffix}" for word in _ID_WITH_SUFFIX for suffix in _ID_SUFFIXES]
)
_LABELLED_ID = _keyed(
    "id_label",
    _ID_LABELS,
    rf"(?i:{_alternation(_ID_LABELS)})(?![\w])[ ]*"
    r"(?:(?i:is|was|as|of)[ ]+|[:#=][ ]*|-[ ]*)?"
    r"(?P<id>#?[A-Za-z0-9](?:[A-Za-z0-9\-]{0,24}[A-Za-z0-9])?(?:[ ]\d{2,6}){0,3})"
    r"(?![\w\-])",
)
_HASH_NUMBER = re.compile(r"#(?<![\w&]#)[ ]?\d{3,}\b")
_LONG_NUMBER = re.compile(r"\d(?<![\d.,/\-]\d)\d{7,}(?!\d|[.,/\-]\d)")
# An unlabelled long number is the weakest reading of all: a phone number, a date or
# anything else that claims the same digits wins over it.
_LONG_NUMBER_REASON = "A long number that could be a record or account number"


def _find_numbers(text: str, keyed: Keyed) -> Iterator[Found]:
    for m in _SSN.finditer(text):
        yield m.start(), m.end(), ID_NUMBER, "Looks like a Social Security number"
    for m in keyed.get(_LABELLED_ID, ()):
        value = m.group("id")
        if sum(c.isdigit() for c in value) >= 3 and len(value) >= 4:
            yield m.start(), m.end(), ID_NUMBER, "A record, account or ID number"
    for regex in (_HASH_NUMBER, _LONG_NUMBER):
        for m in regex.finditer(text):
            yield m.start(), m.end(), ID_NUMBER, _LONG_NUMBER_REASON
