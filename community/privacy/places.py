"""Places smaller than a state: streets, units, PO boxes, ZIP codes, counties."""

from __future__ import annotations

import re
from collections.abc import Iterator

from community.privacy.base import (
    ADDRESS,
    Found,
    Keyed,
    _alternation,
    _keyed,
    _word_matches,
    _words,
)

_STREET_SUFFIX = (
    r"(?:Street|Avenue|Road|Boulevard|Lane|Drive|Court|Place|Terrace|Circle|Parkway"
    r"|Highway|Square|Crescent|Close|Mews|Alley|Trail|Grove|Gardens|Way|Row|Walk)\b"
    r"|(?:St|Ave|Rd|Blvd|Ln|Dr|Ct|Pl|Ter|Cir|Pkwy|Hwy|Sq)\b\.?"
)
_STREET = re.compile(
    r"\d(?<![\w,.]\d)\d{0,5}[A-Za-z]?(?:-\d{1,4})?[ ]+(?:[NSEW]\.?[ ]+)?"
    rf"(?:[A-Z][\w'’.\-]*[ ]+){{1,3}}(?:{_STREET_SUFFIX})"
)
_UNIT = _keyed(
    "unit",
    _words("apt apartment suite ste unit flat"),
    r"(?:Apt|apt|Apartment|Suite|Ste|Unit|Flat)\.?[ ]*#?[ ]*\d{1,5}[A-Za-z]?\b"
    r"|(?i:apartment|unit|suite)[ ]*#[ ]*\d{1,5}[A-Za-z]?\b",
)
_PO_BOX = _keyed(
    "po_box",
    _words("p po post"),
    r"(?i:p\.?[ ]?o\.?[ ]*box|post[ ]office[ ]box)[ ]*#?[ ]*\d+\b",
)
_US_STATES = _alternation(
    _words(
        """
        AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO
        MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY PR"""
    )
)
_STATE_ZIP = re.compile(rf"{_US_STATES},?[ ]+\d{{5}}(?:-\d{{4}})?\b(?![\-\d])")
_LABELLED_ZIP = _keyed(
    "zip_label",
    _words("zip zipcode postal postcode"),
    r"(?i:zip|zip[ ]?code|postal[ ]code|postcode)\b[ ]*(?:(?i:is|was)|:|#)?[ ]*"
    r"(?P<zip>\d{5}(?:-\d{4})?)\b(?![\-\d])",
)
_UK_POSTCODE = re.compile(r"[A-Z]{1,2}\d[A-Z\d]?[ ]\d[A-Z]{2}\b")
_COUNTY = re.compile(r"[ ]County\b")
_COUNTY_NAME = re.compile(r"(?<![\w'’\-])(?:[A-Z][a-z]+[ ])?[A-Z][a-z]+$")


def _find_places(text: str, keyed: Keyed) -> Iterator[Found]:
    for m in _STREET.finditer(text):
        yield m.start(), m.end(), ADDRESS, "Looks like a street address"
    for m in [*keyed.get(_UNIT, ()), *keyed.get(_PO_BOX, ())]:
        yield m.start(), m.end(), ADDRESS, "Looks like part of a postal address"
    for m in _word_matches(_STATE_ZIP, text):
        yield m.start(), m.end(), ADDRESS, "Looks like a ZIP code"
    for m in keyed.get(_LABELLED_ZIP, ()):
        yield m.start("zip"), m.end(), ADDRESS, "Looks like a ZIP code"
    for m in _word_matches(_UK_POSTCODE, text):
        yield m.start(), m.end(), ADDRESS, "Looks like a postcode"
    for m in _COUNTY.finditer(text):
        name = _COUNTY_NAME.search(text, max(0, m.start() - 40), m.start())
        if name:
            yield name.start(), m.end(), ADDRESS, "A county is smaller than a state"
