"""Ages over 89, in digits or words."""

from __future__ import annotations

import re
from collections.abc import Iterator

from community.privacy.base import AGE, Found, Keyed, _keyed, _word_matches, _words
from community.privacy.words import _RELATION_SET, _is_name_word

_AGE_REASON = "An age over 89"
# Each pattern captures the number as "n"; only 90 to 125 is reported.
_YEARS_OLD = re.compile(
    r"(?P<n>\d(?<![\w.]\d)\d{1,2})[ ]?[- ]?[ ]?"
    r"(?i:(?:years?|yrs?)[- ](?:old|of age)\b|y/o|y\.o\.|yo\b)"
)
_AGE_LABEL = _keyed(
    "age_label",
    _words("age aged"),
    r"(?i:aged?|age:)[ ]*(?P<n>\d{2,3})\b(?![\d%.,]\d|[ ]*%)",
)
_AGE_TURNED = _keyed(
    "age_turned",
    _words("turned turns turning will"),
    r"(?i:turned|turns|turning|will be)[ ]+(?P<n>\d{2,3})\b(?!%)",
)
# "her father, now 101," and "Hiroshi, 96,": an age set off by a comma after a
# relation word or a name.
_AGE_AFTER_COMMA = re.compile(
    r",[ ]*(?:(?i:now|aged?)[ ]+)?(?P<n>\d{2,3})\b"
    r"(?![\d%.]|[ ]*(?i:percent|points?|out))"
)
_WORD_BEFORE_COMMA = re.compile(r"([^\W\d_]+)$")
_AGE_IN_WORDS = _keyed(
    "age_in_words",
    _words("ninety one nonagenarian nonagenarians centenarian centenarians"),
    r"(?i:(?:ninety|one hundred)(?:[- ](?:one|two|three|four|five|six|seven"
    r"|eight|nine))?(?:[- ]years?[- ]old\b|[ ]years[ ]of[ ]age\b)"
    r"|nonagenarians?\b|centenarians?\b)",
)


def _is_old_age(value: str) -> bool:
    return 90 <= int(value) <= 125


def _find_ages(text: str, keyed: Keyed) -> Iterator[Found]:
    numbered = [
        *_word_matches(_YEARS_OLD, text),
        *keyed.get(_AGE_LABEL, ()),
        *keyed.get(_AGE_TURNED, ()),
    ]
    for m in numbered:
        if _is_old_age(m["n"]):
            yield m.start(), m.end(), AGE, _AGE_REASON
    for m in _AGE_AFTER_COMMA.finditer(text):
        if not _is_old_age(m["n"]):
            continue
        before = _WORD_BEFORE_COMMA.search(text, max(0, m.start() - 30), m.start())
        if before and (
            before.group(1).lower() in _RELATION_SET or _is_name_word(before.group(1))
        ):
            yield m.start("n"), m.end(), AGE, _AGE_REASON
    for m in keyed.get(_AGE_IN_WORDS, ()):
        yield m.start(), m.end(), AGE, _AGE_REASON
