"""Phone and fax numbers, through libphonenumber on short windows around digit
runs (see the package docstring for the budget)."""

from __future__ import annotations

import re
from collections.abc import Iterator

import phonenumbers

from community.privacy.base import PHONE, Found
from community.privacy.dates import _ISO_DATE, _NUMERIC_DATE

# Runs of digits (seven or more, with the usual separators) worth asking
# libphonenumber about. Bounded repetition keeps this linear.
_PHONE_CANDIDATE = re.compile(r"(?:\+\d|\([ ]?\d|\d)(?:[ \t().\-–/]{0,3}\d){6,17}")
# A number right after one of these words is a phone number even when it is not one
# for the default region: "call me at 555-0142", "her mobile is 07700 900123".
_PHONE_WORD_BEFORE = re.compile(
    r"\b(?i:phone|cell|cellphone|mobile|tel|telephone|fax|landline|number|call|text"
    r"|whatsapp|ring|extension|ext)\b[^\d\n]{0,20}$"
)
_DIGIT_GROUP = re.compile(r"\d+")
_PHONE_REASON = "Looks like a phone or fax number"


def _is_labelled_phone(text: str, candidate: re.Match[str]) -> bool:
    value = candidate.group()
    groups = _DIGIT_GROUP.findall(value)
    digits = sum(len(group) for group in groups)
    if not 7 <= digits <= 15 or max(len(group) for group in groups) < 3:
        return False  # "12 14 16 18" is a list of scores
    if _NUMERIC_DATE.fullmatch(value) or _ISO_DATE.fullmatch(value):
        return False
    start = candidate.start()
    return bool(_PHONE_WORD_BEFORE.search(text, max(0, start - 45), start))


# libphonenumber takes 0.1 to 0.5 ms for each run of digits. A post that is a table
# of numbers would cost seconds, so each check asks it about this many runs at most;
# after that a run is a phone number when it has a phone's shape.
_MATCHER_BUDGET = 150
_PHONE_SHAPE = re.compile(
    r"\+\d[\d ().\-]{6,18}\d|\(?\b\d{3}\)?[ .\-]?\d{3}[ .\-]\d{4}\b"
)


_ZIP4 = re.compile(r"\d{5}-\d{4}$")
_OTHER_REGIONS = ("GB", "AU", "IE", "NZ", "CA", "IN", "ZA", "DE", "FR")


def _national(value: str, region: str) -> bool:
    try:
        number = phonenumbers.parse(value, region)
    except phonenumbers.NumberParseException:
        return False
    return phonenumbers.is_valid_number(number)


def _find_phones(text: str, region: str) -> Iterator[Found]:
    budget = _MATCHER_BUDGET
    for candidate in _PHONE_CANDIDATE.finditer(text):
        value = candidate.group()
        if value[0] != "+" and max(map(len, _DIGIT_GROUP.findall(value))) < 3:
            continue  # "12 15 18 21": national numbers have a group of three
        found = False
        if budget:
            budget -= 1
            # A little context on both sides lets the matcher see "+" and letters.
            lo = max(0, candidate.start() - 3)
            hi = min(len(text), candidate.end() + 3)
            for number in phonenumbers.PhoneNumberMatcher(text[lo:hi], region):
                found = True
                yield lo + number.start, lo + number.end, PHONE, _PHONE_REASON
        if not found:
            # libphonenumber skips numbers that cannot be dialled (555-0100,
            # unassigned area codes); a privacy check still flags the shape.
            for shape in _PHONE_SHAPE.finditer(value):
                found = True
                start = candidate.start() + shape.start()
                yield start, candidate.start() + shape.end(), PHONE, _PHONE_REASON
        if not found and budget and value[0] == "0" and not _ZIP4.match(value):
            # A national number of another country ("020 7946 0321"): the
            # regions members most often write from besides the default.
            budget -= 1
            found = any(_national(value, other) for other in _OTHER_REGIONS)
            if found:
                yield candidate.start(), candidate.end(), PHONE, _PHONE_REASON
        if not found and _is_labelled_phone(text, candidate):
            yield candidate.start(), candidate.end(), PHONE, _PHONE_REASON
