"""Places smaller than a state that ``places`` (streets with numbers, units, PO
boxes, labelled ZIP codes) leaves out:

- a town, city or county from the gazetteer after a place word ("moved from
  Fresno to a suburb of Spokane", "a nursing home in Scranton") or before a
  state ("Boise, ID");
- any capitalised place after a residence phrase ("lives in Wicker Park", "her
  place in Eastlake"), since neighbourhoods are not in any gazetteer;
- a street named without a number ("the house on Cutler Lane");
- a bare ZIP or ZIP+4 that is a real US ZIP code ("she is in 85719 now"), except
  the CPT billing codes that look like one (90832, 99213...).

US states and countries alone are not identifiers and are never reported.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from community.privacy import gazetteers
from community.privacy.base import ADDRESS, Found, Keyed
from community.privacy.words import _NOT_NAMES

_REASON = "A place smaller than a state"
_CAP = r"[A-Z][^\W\d_A-Z]+(?:['’\-][^\W\d_]+)?"
_PHRASE = rf"(?P<place>{_CAP}(?:[ ]{_CAP}){{0,2}})"
_PLACE_WORD = re.compile(
    rf"(?i:\b(?:in|from|to|near|outside|around|of|at|towards?|across))[ ]+{_PHRASE}"
)
_RESIDENCE = re.compile(
    r"(?i:\b(?:lives?|living|lived|moved|moving|moves|relocated|relocating|grew[ ]up"
    r"|raised|stays?|staying|stayed|settled|resides?|residing|home|house|apartment"
    r"|flat|place|room|unit|condo|shelter|motherhouse|neighbou?rhood|suburb|town"
    r"|village)(?:[ ]+(?:back|out|alone|there|here|now|with[ ]\w+))?"
    r"[ ]+(?:in|to|near|at|on|outside|of)(?:[ ]+the)?)[ ]+" + _PHRASE
)
_BEFORE_STATE = re.compile(
    rf"{_PHRASE},[ ]+(?:[A-Z]{{2}}\b|(?:New[ ]|North[ ]|South[ ]|West[ ])?[A-Z][a-z]+)"
)
_STREET = re.compile(
    rf"(?<![\w])(?:{_CAP}[ ]){{1,2}}(?:Street|St\.|Lane|Ln\.?|Road|Rd\.?|Avenue|Ave\.?"
    r"|Row|Drive|Court|Boulevard|Blvd\.?|Way|Place|Terrace|Circle|Parkway|Highway"
    r"|Crescent|Close|Square)\b"
)
_BARE_ZIP = re.compile(
    r"(?<![\w$#.,\-])(?P<zip>\d{5})(?:-\d{4})?(?![\w%\-]|[.,]\d|[ ]*%)"
)


@cache
def _not_places() -> frozenset[str]:
    """States and countries (allowed by Safe Harbor) and words that are no place."""
    return gazetteers.states_and_countries() | _NOT_NAMES


def _is_billing_code(value: int) -> bool:
    return 90785 <= value <= 90899 or 99202 <= value <= 99499


def _place_span(match: re.Match[str], *, known_only: bool) -> tuple[int, int] | None:
    words = match["place"].split(" ")
    not_places = _not_places()
    known = gazetteers.places()
    # The longest run of words from the start that is a known place (or, after a
    # residence phrase, any capitalised run that is not a state or a country).
    for count in range(len(words), 0, -1):
        phrase = " ".join(words[:count])
        low = gazetteers.fold(phrase.lower())
        if low in not_places:
            continue
        if low in known or not known_only:
            start = match.start("place")
            return start, start + len(phrase)
    return None


def _find_towns(text: str, keyed: Keyed) -> Iterator[Found]:
    for regex, known_only in (
        (_PLACE_WORD, True),
        (_BEFORE_STATE, True),
        (_RESIDENCE, False),
    ):
        for match in regex.finditer(text):
            span = _place_span(match, known_only=known_only)
            if span:
                yield *span, ADDRESS, _REASON
    for match in _STREET.finditer(text):
        yield match.start(), match.end(), ADDRESS, "A street name"
    zip_codes = gazetteers.zip_codes()
    for match in _BARE_ZIP.finditer(text):
        value = match["zip"]
        if value in zip_codes and not _is_billing_code(int(value)):
            yield match.start(), match.end(), ADDRESS, "Looks like a ZIP code"
