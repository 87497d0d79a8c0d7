"""Named employers, schools, workplaces, churches, teams and clubs tied to a
client: "works the counter at Riverside Auto Glass", "a junior at Lincoln
High", "the night shift at Mercy General", "she plays for the Blue Lines".

Two readings, either is enough:
- a run of capitalised words whose last word names a kind of organization
  (``data/organization_words.txt``: School, High, Clinic, Glass, Logistics...);
- a capitalised run right after a workplace or school phrase ("works at",
  "employed by", "a sophomore at", "got into", "volunteers at", "plays for").
Generic places ("the ER", "a community college", "her high school") are lower
case and never match; the field's institutes (the Gottman Institute) are in the
not-clients list.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from community.privacy.base import ORGANIZATION, Found, Keyed
from community.privacy.gazetteers import data_lines
from community.privacy.words import _NOT_NAMES

_REASON = "A named employer, school or group"
_CAP = r"(?:[A-Z][\w'’\-]*|&|\d+(?:st|nd|rd|th)?)"
_JOIN = r"(?:[ ](?:of|the|and|for|on|de|&)(?=[ ][A-Z]))?"
_RUN = rf"{_CAP}(?:{_JOIN}[ ,]+{_CAP}){{0,5}}"
_CAPITAL_RUN = re.compile(rf"(?<![\w'’\-]){_RUN}")
_AFTER_CUE = re.compile(
    r"(?i:\b(?:works?|working|worked|job|shift|shifts|employed|hired|interns?|interning"
    r"|volunteers?|volunteering|teaches|taught|teaching|studies|studying|enrolled"
    r"|attends|attending|attended|junior|senior|sophomore|freshman|student|students"
    r"|pupil|nurse|nurses|barista|cashier|manager|drives|driver|plays|played|coaches"
    r"|coach|member|members|patient|got[ ]into|accepted|admitted|transferred|fired"
    r"|laid[ ]off|quit|left|retired|serves|served|deployed|year|semester|varsity"
    r"|flies|flew|marched|marches|drums|sings|sang|leader|taker|worker|staffer"
    r"|aide|clerk|cook|server|bartender|mechanic|engineer|analyst|director|pastor)"
    r"(?:[ ]+(?!at\b|for\b|by\b|with\b|into\b|on\b|in\b)[a-z]+){0,3}"
    r"[ ]+(?:at|for|by|with|into|on|in|from)(?:[ ]+the)?)[ ]+"
    rf"(?P<org>{_RUN})"
)


@cache
def _organization_words() -> frozenset[str]:
    return frozenset(data_lines("organization_words.txt"))


def _trim(run: str) -> str:
    return run.rstrip(" ,&")


def _named(run: str) -> bool:
    words = [w for w in re.split(r"[ ,]+", run) if w and w != "&"]
    return bool(words) and any(w.lower() not in _NOT_NAMES for w in words)


_CALLED = re.compile(
    r"(?i:\b(?:band|team|church|company|shop|store|restaurant|bar|club|group|firm"
    r"|school|startup|business|agency|crew|league|choir|gym)[ ]+(?:called|named))"
    rf"[ ]+(?P<org>{_RUN})"
)


def _find_organizations(text: str, keyed: Keyed) -> Iterator[Found]:
    kinds = _organization_words()
    for m in _CAPITAL_RUN.finditer(text):
        run = _trim(m.group())
        words = run.split(" ")
        # The run must end in a kind word ("Riverside Auto Glass"), after a name.
        start = m.start()
        if words[0] == "The":
            words, start = words[1:], start + 4
        if len(words) > 1 and words[-1] in kinds and _named(" ".join(words[:-1])):
            yield start, m.start() + len(run), ORGANIZATION, _REASON
    for m in (*_AFTER_CUE.finditer(text), *_CALLED.finditer(text)):
        run = _trim(m["org"])
        if _named(run) and not run.isupper():
            yield m.start("org"), m.start("org") + len(run), ORGANIZATION, _REASON
