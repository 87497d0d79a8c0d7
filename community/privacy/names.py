"""Personal names: a capitalised word next to a clinical or family word, a
title, a clinical verb or an age."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

from community.privacy.base import (
    NAME,
    Found,
    Keyed,
    _alternation,
    _keyed,
    _word_matches,
    _words,
)
from community.privacy.words import (
    _RELATION_LIST,
    _RELATION_SET,
    _RELATIONS,
    _TITLES,
    _name_before,
    _name_words_at,
    _names_from,
)

_NAME_REASON = "A personal name next to a clinical word"
_POSSESSIVE_CLUES = _alternation(
    [
        *_RELATION_LIST,
        *_words("parents family diagnosis symptom symptoms session sessions intake"),
        *_words("file chart overdose relapse psychosis self-harm"),
        "eating disorder",
        "suicide attempt",
    ]
)
_CLINICAL_VERBS = _alternation(
    _words(
        """
        presented presents reported reports disclosed discloses endorsed endorses
        denied denies confided confides admitted admits relapsed dissociated
        dissociates overdosed self-harms self-harmed"""
    )
    + ["told me", "tells me", "told us"]
    + [
        f"{aux} {verb}"
        for aux in ("was", "has been", "is", "got")
        for verb in _words(
            "diagnosed admitted discharged hospitalised hospitalized referred "
            "sectioned readmitted"
        )
    ]
)
_NAME_CUE_LIST = (
    _words("named nicknamed seeing treating saw")
    + ["known as", "goes by", "go by", "working with", "worked with", "work with"]
    + [
        f"{verb} {who}"
        for verb in ("call", "calls", "calling")
        for who in _words("her him them")
    ]
)
_NAME_CUES = _alternation(_NAME_CUE_LIST)
_RELATION_CONTEXT = _keyed(
    "relation",
    _RELATION_SET,
    rf"(?i:{_RELATIONS}s?)"
    r"(?:[ ]*,[ ]*|[ ]*\([ ]*|[ ]+(?i:named|called|nicknamed|known as|who goes by)[ ]+"
    r"|[ ]+)(?=[\"“(]?[ ]*[^\W\d_])",
)
_NAME_CUE = _keyed(
    "name_cue", _NAME_CUE_LIST, rf"(?i:{_NAME_CUES})[ ]+(?=[\"“(]?[^\W\d_])"
)
_YEAR_OLD_CUE = re.compile(
    r"\d{1,2}[- ](?i:years?|months?)[- ]old"
    r"(?:[ ]+(?i:boy|girl|man|woman|client|patient|son|daughter))?[ ]*,?"
    r"[ ]+(?=[\"“(]?[^\W\d_])"
)
_TITLE_CONTEXT = re.compile(rf"{_TITLES}\.?[ ]+(?=(?:[A-Z]\.[ ]+)?[^\W\d_])")
# Clues that follow a name. Each branch starts with a character (', ’, comma, space,
# parenthesis) so that re can scan for it; the name itself is read backwards.
_AFTER_NAME_CONTEXT = re.compile(
    rf"['’]s[ ]+(?i:{_POSSESSIVE_CLUES})\b"
    r"|,[ ]*(?:an?|my|our|the|his|her|their)[ ]+"
    rf"(?:\d{{1,3}}[- ]year[- ]old|(?i:{_RELATIONS}s?)\b)"
    r"|,[ ]*(?:(?i:age|aged)[ ]*)?\d{1,3}[ ]*,"
    r"|[ ]?\((?:(?i:age|aged)[ ]*)?\d{1,3}\)(?![ ]*\d)"
    r"|[ ](?:(?:is|was)[ ]+an?[ ]+\d{1,3}[- ]year[- ]old"
    rf"|{_CLINICAL_VERBS}\b)"
)


_SENTENCE_END = re.compile(r"[.!?]\s|\n")
_LONG_WORD = re.compile(r"[^\W\d_]{4,}")


class _TitleCase:
    """Tells whether a name was found in a title-cased line ("My Client Keeps...").

    There every word is capitalised, so a capital after "client" says nothing about
    a name, and context-based names are not reported. The name itself is left out of
    the count: "Her son Jake Miller Smith arrived." is a sentence, not a title.
    Each sentence's words are counted once, so asking about every word of a long
    text stays linear.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.bounds = [m.end() for m in _SENTENCE_END.finditer(text)]
        self._counts: dict[int, tuple[int, int]] = {}

    def _sentence(self, start: int) -> tuple[int, int, int]:
        at = bisect.bisect_right(self.bounds, start)
        first = self.bounds[at - 1] if at else 0
        last = self.bounds[at] if at < len(self.bounds) else len(self.text)
        return at, first, last

    def _count(self, first: int, last: int) -> tuple[int, int]:
        words = _LONG_WORD.findall(self.text, first, last)
        return len(words), sum(1 for word in words if word[0].isupper())

    def holds(self, start: int, end: int) -> bool:
        at, first, last = self._sentence(start)
        if at not in self._counts:
            self._counts[at] = self._count(first, last)
        words, capitalised = self._counts[at]
        own_words, own_capitalised = self._count(start, min(end, last))
        words, capitalised = words - own_words, capitalised - own_capitalised
        return words >= 3 and capitalised >= 0.75 * words


def _find_names(text: str, keyed: Keyed) -> Iterator[Found]:
    for match in _word_matches(_TITLE_CONTEXT, text):
        span = _name_words_at(text, match.end())
        if span:
            yield match.start(), span[1], NAME, "A name after a title such as Dr."
    title_case = _TitleCase(text)
    cues = [
        *keyed.get(_RELATION_CONTEXT, ()),
        *keyed.get(_NAME_CUE, ()),
        *_word_matches(_YEAR_OLD_CUE, text),
    ]
    for match in cues:
        for start, end in _names_from(text, match.end()):
            if not title_case.holds(start, end):
                yield start, end, NAME, _NAME_REASON
    for match in _AFTER_NAME_CONTEXT.finditer(text):
        span = _name_before(text, match.start())
        if span and not title_case.holds(*span):
            yield *span, NAME, _NAME_REASON
