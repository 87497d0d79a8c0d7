"""Dates written out in words: "on the second of March", "born on the ninth of
October 1961", "the twenty-third of November", "March the third". A day in
words is a calendar date just as "3 March" is (``dates`` reads the digits).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from community.privacy.base import DATE, Found, Keyed
from community.privacy.words import _MONTHS

_REASON = "An exact calendar date"
_ORDINAL_UNITS = (
    "first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh"
    "|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth"
    "|nineteenth|twentieth|thirtieth"
)
_DAY = (
    rf"(?:(?:twenty|thirty)[- ](?:first|second|third|fourth|fifth|sixth|seventh"
    rf"|eighth|ninth)|{_ORDINAL_UNITS})"
)
_YEAR = r"(?:,?[ ]+(?:\d{4}|'\d{2}))?"
_DAY_OF_MONTH = re.compile(
    rf"(?i:the[ ]+){_DAY}[ ]+(?i:of)[ ]+{_MONTHS}\b{_YEAR}", re.IGNORECASE
)
_MONTH_THE_DAY = re.compile(rf"{_MONTHS}[ ]+(?i:the[ ]+){_DAY}\b{_YEAR}")


def _find_spoken_dates(text: str, keyed: Keyed) -> Iterator[Found]:
    for regex in (_DAY_OF_MONTH, _MONTH_THE_DAY):
        for m in regex.finditer(text):
            yield m.start(), m.end(), DATE, _REASON
