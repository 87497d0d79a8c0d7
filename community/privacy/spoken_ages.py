"""Ages over 89 that ``ages`` leaves out: a person's age after "is", "was",
"he's", "turned" ("his grandmother is 96", "she's 101"), a bare age set off by
commas after any word ("a retired nun, 90, who"), and ages in words anywhere
they describe a person ("ninety-three", "one hundred and two", "turned ninety").

Numbers 90 to 125 are ages only when no unit follows them (minutes, percent,
points, mg, dollars, sessions...), so "the session is 90 minutes" and "she is
95% sure" stay quiet.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from community.privacy.base import AGE, Found, Keyed

_REASON = "An age over 89"
_UNITS = (
    r"(?![\d.,]\d|[ ]*(?:%|-?(?i:percent|per|minutes?|mins?|min\b|hours?|hrs?"
    r"|seconds?|secs?|days?|weeks?|months?|sessions?|points?|pts|mg|mcg|ml|kg|lbs?"
    r"|pounds?|dollars?|miles?|km|degrees?|th\b|st\b|nd\b|rd\b|out of|on the|/|"
    r"percentile|score|times|x\b)))"
)
_IS_AGE = re.compile(
    r"(?i:\b(?:is|was|who's|he's|she's|they're|now|being|nearly|almost|over|past))"
    rf"[ ]+(?P<n>\d{{2,3}})\b{_UNITS}"
)
_COMMA_AGE = re.compile(rf",[ ]*(?P<n>\d{{2,3}})[ ]*,{_UNITS}")
_TENS = "ninety"
_UNITS_WORDS = "one|two|three|four|five|six|seven|eight|nine"
_IN_WORDS = re.compile(
    rf"(?i:\b(?:{_TENS}(?:[- ](?:{_UNITS_WORDS}))?"
    rf"|(?:one|a)[ ]hundred(?:[ ](?:and[ ])?(?:{_UNITS_WORDS}|ten|eleven|twelve"
    rf"|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
    rf"|twenty(?:[- ](?:{_UNITS_WORDS}))?))?)\b)"
    r"(?![ -](?i:minutes?|mins?|percent|per|days?|weeks?|sessions?|dollars?"
    r"|pages?|points?|miles?|times?|degrees?|hours?|seconds?|people|members?"
    r"|clients?|patients?|cases?|questions?|items?))"
)


def _old(value: str) -> bool:
    return 90 <= int(value) <= 125


def _find_spoken_ages(text: str, keyed: Keyed) -> Iterator[Found]:
    for regex in (_IS_AGE, _COMMA_AGE):
        for m in regex.finditer(text):
            if _old(m["n"]):
                yield m.start("n"), m.end("n"), AGE, _REASON
    for m in _IN_WORDS.finditer(text):
        yield m.start(), m.end(), AGE, _REASON
