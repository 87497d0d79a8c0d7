"""Dates tied to a person: a day with a month, full numeric dates, a month and
year next to a life event, holidays with a year."""

from __future__ import annotations

import re
from collections.abc import Iterator

from community.privacy.base import (
    DATE,
    Found,
    Keyed,
    _alternation,
    _keyed,
    _word_matches,
    _words,
)
from community.privacy.words import _MONTHS

# "\d(?<![...]\d)" is a digit not preceded by one of [...]: the look-behind comes
# after the first digit so that re can still scan for digits.
_NUMERIC_DATE = re.compile(
    r"(?P<a>\d(?<![\d/.\-]\d)\d?)(?P<sep>[/.\-])(?P<b>\d{1,2})(?P=sep)"
    r"(?P<y>\d{4}|\d{2})(?![\d/\-]|\.\d)"
)
_ISO_DATE = re.compile(
    r"(?P<y>[12](?<![\d/.\-][12])\d{3})(?P<sep>[\-/.])(?P<m>\d{1,2})(?P=sep)"
    r"(?P<d>\d{1,2})(?![\d/\-]|\.\d)"
)
_NOT_AFTER_DAY = (
    r"(?![ ]*(?:%|-|–|:|\d|(?i:sessions?|minutes?|mins?|hours?|hrs?|days?|weeks?"
    r"|months?|years?|times?|mg|kg|lbs?|points?|clients?|patients?|people)\b))"
)
_MONTH_DAY = re.compile(
    rf"{_MONTHS}\.?[ ]+(?:the[ ]+)?(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\b"
    rf"(?:,?[ ]+(?:19|20)\d\d\b|{_NOT_AFTER_DAY})"
)
_DAY_MONTH = re.compile(
    rf"(?P<d>\d(?<![\w.,/\-]\d)\d?)(?:st|nd|rd|th)?[ ]+(?:of[ ]+)?{_MONTHS}\b"
    r"(?:,?[ ]+(?:19|20)\d\d\b)?"
)
_ON_MONTH_DAY = _keyed(
    "on_date",
    _words("on dob born"),
    r"(?i:on|dob:?|born)[ ]+(?P<a>\d{1,2})/(?P<b>\d{1,2})(?![\d/]|\.\d)",
)
_LIFE_EVENT_LIST = _words(
    """
    born birth died death admitted readmitted discharged hospitalised
    hospitalized sectioned arrested married divorced diagnosed attempt attempted
    overdose overdosed assaulted raped dob deceased funeral buried adopted
    released incarcerated miscarried miscarriage stillborn"""
) + ["passed away"]
_EVENT_MONTH_YEAR = _keyed(
    "life_event",
    _LIFE_EVENT_LIST,
    rf"(?i:{_alternation(_LIFE_EVENT_LIST)})\b"
    rf"[^.;!?\n]{{0,30}}?\b(?P<date>{_MONTHS}\.?,?[ ]+(?:19|20)\d\d)\b",
)
_HOLIDAY_YEAR = re.compile(
    r"(?:Christmas(?:[ ](?:Day|Eve))?|New Year['’]s(?:[ ](?:Day|Eve))?|Thanksgiving"
    r"|Easter(?:[ ]Sunday)?|Halloween|Valentine['’]s Day|Independence Day"
    r"|Mother['’]s Day|Father['’]s Day)[ ]+(?:of[ ]+)?(?:19|20)\d\d\b"
)


def _valid_day_month(a: int, b: int) -> bool:
    """Either M/D or D/M: both orders are in use among members."""
    return (1 <= a <= 12 and 1 <= b <= 31) or (1 <= b <= 12 and 1 <= a <= 31)


def _find_dates(text: str, keyed: Keyed) -> Iterator[Found]:
    reason = "An exact calendar date"
    for m in _NUMERIC_DATE.finditer(text):
        if _valid_day_month(int(m["a"]), int(m["b"])):
            yield m.start(), m.end(), DATE, reason
    for m in _ISO_DATE.finditer(text):
        valid = 1 <= int(m["m"]) <= 12 and 1 <= int(m["d"]) <= 31
        if m["y"][:2] in ("19", "20") and valid:
            yield m.start(), m.end(), DATE, reason
    for m in keyed.get(_ON_MONTH_DAY, ()):
        if 1 <= int(m["a"]) <= 12 and 1 <= int(m["b"]) <= 31:
            yield m.start("a"), m.end(), DATE, reason
    for regex in (_MONTH_DAY, _DAY_MONTH):
        for m in _word_matches(regex, text):
            if 1 <= int(m["d"]) <= 31:
                yield m.start(), m.end(), DATE, reason
    for m in keyed.get(_EVENT_MONTH_YEAR, ()):
        yield m.start("date"), m.end("date"), DATE, "A month and year tied to an event"
    for m in _word_matches(_HOLIDAY_YEAR, text):
        yield m.start(), m.end(), DATE, reason
