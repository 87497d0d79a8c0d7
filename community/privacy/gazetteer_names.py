"""Names the context rules in ``names`` cannot see: a first name alone ("Nadia
texts me between sessions"), in lower case or possessive ("toby's father"), a
full name with no cue ("Dmitri Vasquez said..."), initials with a surname
("J.R. Whitcombe"), and rare capitalised words that English does not know.

A word counts as a first name when Faker's name lists of every locale hold it
(``gazetteers.first_names``). Since many first names are also words ("Will",
"Grace", "Hope", "Mark"), how common the word is in English (its Zipf
frequency) decides how much more is needed:

- capitalised inside a sentence: a first name up to 4.3 ("Dawn"), any word
  English hardly knows (below 2.8: "Priyanka", "Thanh");
- at a sentence start, where every word is capitalised: a first name up to 3.8;
- followed by a surname, possessive ("Sunny's"), in parentheses ("(Thanh)"),
  in quotes ("'Chi-Chi'") or paired with another ("Chase and Autumn"): any
  first name below 5.0, which leaves out "Will", "June", "Mark" and "Hope";
- in lower case: a very rare first name alone (below 3.4), a rare one in the
  possessive or before "says", "told me"... (below 4.5), and any first name or
  unknown word right after a relation word ("my client devon").

Title-cased headings ("Working With Shame In Couples") are skipped, except for
a first name right after a relation word ("My Client Maria Stopped Eating").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from community.privacy import gazetteers
from community.privacy.base import NAME, Found, Keyed
from community.privacy.names import _RELATION_CONTEXT, _TitleCase
from community.privacy.words import (
    _MONTH_NAMES,
    _NOT_NAMES,
    _RELATION_SET,
    _RELATIONS,
)

_REASON = "Looks like a personal name"
_TOKEN = re.compile(r"[^\W\d_](?:[^\W\d_]|['’\-](?=[^\W\d_]))*")
_POSSESSIVE = re.compile(r"['’]s$")
_INITIALS_SURNAME = re.compile(r"[A-Z]\.(?:[ ]?[A-Z]\.)?[ ]?(?=[A-Z][a-z])")
_SENTENCE_START = re.compile(r"(?:^|[.!?:;\"“(\n]\s*|\s-\s)$")
_ENCLOSED = re.compile(r"[(‘'\"“]$")
_CLOSERS = frozenset(")’'\"”,")
# Endings of English words that a name rarely has: an unknown word ending so is
# a word English knows in another form ("Avoidant", "Mentalizing").
_WORD_ENDINGS = re.compile(
    r"(?:ant|ent|ive|ous|ism|ist|ity|tion|sion|ment|ness|ance|ence|ical|ology|ed"
    r"|ing|ly|able|ible|al|ic|ize|ise|ized|ised)$"
)
_SPEECH_AFTER = re.compile(
    r"[ ]+(?:[a-z][ ]+)?(?:says|said|told|tells|texts|texted|keeps|kept|wants|wanted"
    r"|asked|asks|cried|cries|shrugs|shrugged|mentioned|admitted|called|emailed"
    r"|messaged|came|comes|left|missed|cancelled|canceled|refuses|refused)\b"
)
# Zipf frequencies (wordfreq): "will" 6.5, "grace" 4.6, "dawn" 4.3, "toby" 3.7.
CAPITALISED_ALONE = 4.3
SENTENCE_START_ALONE = 3.5
# Before a verb only a person does ("Frank insists"), any first name counts,
# and so does a capitalised word English hardly knows ("Okonkwo said").
ACTING_UNKNOWN = 4.0
WITH_CONTEXT = 5.0
UNKNOWN_WORD = 2.8
LOWER_CASE_ALONE = 3.4
LOWER_CASE_WITH_CONTEXT = 4.5
_NEVER = (
    _NOT_NAMES
    | _RELATION_SET
    | {m.lower() for m in _MONTH_NAMES}
    | {"major", "minor", "general", "case", "disorder", "formulation", "doc"}
    | gazetteers.states_and_countries()
)
_NAME_CAPITALS = re.compile(r"(?:Mc|Mac|O['’]|D['’]|De|Di|Le|La)?[A-Z][a-z]")


def _person_verbs() -> re.Pattern[str]:
    verbs = sorted(gazetteers.data_lines("person_verbs.txt"), key=len, reverse=True)
    adverbs = "just|still|never|always|barely|finally|now|also|only|really|often"
    return re.compile(
        rf"(?:[ ]+(?:{adverbs}))?[ ]+(?:{'|'.join(map(re.escape, verbs))})\b"
        r"|[ ]+(?:is|was|turned|turns)[ ]+\d{1,3}\b"
        r"|,[ ]*(?:who|whom|my|our|his|her|their|aged?|\d{1,3})\b"
        rf"|,[ ]*(?:the|a|an)[ ]+(?:[a-z]+[ ]+)?(?i:{_RELATIONS})s?\b"
        r"|[ ]+and[ ]+(?:his|her|their)\b"
    )


_ACTS = _person_verbs()


def _word_shaped(word: str) -> bool:
    """A name's shape: one capital (or Mc/O'...), no acronym, no "-informed"."""
    head, _, tail = word.partition("-")
    if tail and tail.isupper():
        return False  # "Y-BOCS", "C-SSRS"
    if tail and not tail[:1].isupper() and gazetteers.zipf(tail.lower()) >= 3.5:
        return False  # "AEDP-informed", "FBT-style"; not "Ji-woo"
    upper = sum(c.isupper() for c in head)
    return upper <= 1 or bool(_NAME_CAPITALS.fullmatch(head[:4]) and upper == 2)


def _english_shaped(word: str) -> bool:
    """An English word's ending, on a word without a hyphen ("Avoidant"; not
    "Wei-Ling")."""
    return "-" not in word and bool(_WORD_ENDINGS.search(word))


@lru_cache(maxsize=65536)
def _key(word: str) -> str:
    return gazetteers.fold(word.lower())


def _is_first_name(word: str, *, below: float) -> bool:
    key = _key(word)
    return key in gazetteers.first_names() and gazetteers.zipf(key) < below


def _surname_like(word: str) -> bool:
    word = _POSSESSIVE.sub("", word)
    key = _key(word)
    if not word[0].isupper() or not _word_shaped(word) or key in _NEVER:
        return False
    return key in gazetteers.surnames() or gazetteers.zipf(key) < 4.0


class _Tokens:
    """The words of a text, with what the rules ask about each one."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens = list(_TOKEN.finditer(text))

    def following(self, index: int, end: int) -> str | None:
        if index + 1 >= len(self.tokens):
            return None
        token = self.tokens[index + 1]
        return token.group() if self.text[end : token.start()] == " " else None

    def preceding(self, index: int, start: int) -> str | None:
        if index == 0:
            return None
        token = self.tokens[index - 1]
        return token.group() if self.text[token.end() : start] == " " else None


def _capitalised(tokens: _Tokens, index: int, word: str, start: int, end: int):
    text = tokens.text
    following = tokens.following(index, end)
    first_name = _is_first_name(word, below=WITH_CONTEXT + 1)
    if following and first_name and _surname_like(following):
        return end + 1 + len(_POSSESSIVE.sub("", following))
    at_start = bool(_SENTENCE_START.search(text, max(0, start - 4), start))
    possessive = text.startswith(("'s", "’s"), end)
    enclosed = bool(_ENCLOSED.search(text, max(0, start - 1), start)) and (
        text[end : end + 1] in _CLOSERS
    )
    paired = (following or "").lower() == "and" or (
        (tokens.preceding(index, start) or "").lower() == "and"
    )
    with_context = (
        possessive or enclosed or (paired and not at_start) or _listed(tokens, index)
    )
    limit = SENTENCE_START_ALONE if at_start else CAPITALISED_ALONE
    if _is_first_name(word, below=WITH_CONTEXT if with_context else limit):
        return end
    if _ACTS.match(text, end) or (possessive and at_start):
        key = _key(word)
        if key in gazetteers.first_names() or (
            gazetteers.zipf(key) < ACTING_UNKNOWN and not _english_shaped(word)
        ):
            return end
    if paired and at_start and _pair_of_names(tokens, index, end):
        return end
    unknown = gazetteers.zipf(_key(word)) < UNKNOWN_WORD
    if unknown and not _english_shaped(word) and (not at_start or enclosed):
        return end
    return None


def _listed(tokens: _Tokens, index: int) -> bool:
    """ "Noor, Wren and Priya": next to another first name in a comma list."""
    text, words = tokens.text, tokens.tokens
    neighbours = []
    if index > 0 and text[words[index - 1].end() : words[index].start()] == ", ":
        neighbours.append(words[index - 1].group())
    if index + 1 < len(words) and (
        text[words[index].end() : words[index + 1].start()] == ", "
    ):
        neighbours.append(words[index + 1].group())
    return any(
        other[0].isupper() and _is_first_name(other, below=WITH_CONTEXT)
        for other in neighbours
    )


def _pair_of_names(tokens: _Tokens, index: int, end: int) -> bool:
    """ "Chase and Autumn": both first names, joined by "and"."""
    if index + 2 >= len(tokens.tokens):
        return False
    other = tokens.tokens[index + 2].group()
    return other[0].isupper() and _is_first_name(other, below=WITH_CONTEXT)


def _lower_case(tokens: _Tokens, index: int, word: str, end: int):
    text = tokens.text
    possessive = text.startswith(("'s", "’s"), end)
    speaking = bool(_SPEECH_AFTER.match(text, end))
    if _is_first_name(word, below=LOWER_CASE_ALONE):
        return end
    if (possessive or speaking) and _is_first_name(word, below=LOWER_CASE_WITH_CONTEXT):
        return end
    return None


def _after_relation(text: str, keyed: Keyed) -> Iterator[Found]:
    """ "my client devon", "My Client Maria": the word after a relation word."""
    for match in keyed.get(_RELATION_CONTEXT, ()):
        token = _TOKEN.match(text, match.end())
        if token is None:
            continue
        word = _POSSESSIVE.sub("", token.group())
        key = _key(word)
        if key in _NEVER or len(word) < 2 or not _word_shaped(word):
            continue
        if _is_first_name(word, below=WITH_CONTEXT):
            yield token.start(), token.start() + len(word), NAME, _REASON


def _find_gazetteer_names(text: str, keyed: Keyed) -> Iterator[Found]:
    title_case = _TitleCase(text)
    tokens = _Tokens(text)
    for index, token in enumerate(tokens.tokens):
        word = _POSSESSIVE.sub("", token.group())
        start, end = token.start(), token.start() + len(word)
        if len(word) < 2 or _key(word) in _NEVER:
            continue
        if word[0].isupper():
            if not _word_shaped(word) or title_case.holds(start, end):
                continue
            name_end = _capitalised(tokens, index, word, start, end)
        elif word.islower():
            name_end = _lower_case(tokens, index, word, end)
        else:
            name_end = None
        if name_end:
            yield start, name_end, NAME, _REASON
    yield from _after_relation(text, keyed)
    for match in _INITIALS_SURNAME.finditer(text):
        surname = _TOKEN.match(text, match.end())
        if surname and _surname_like(surname.group()):
            yield match.start(), surname.end(), NAME, _REASON
