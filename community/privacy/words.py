"""Word lists and name-shape helpers that several recognizers share."""

from __future__ import annotations

import re

from community.privacy.base import _alternation, _words, _wordset

_MONTH_NAMES = _words(
    """
    January February March April May June July August September October November
    December Jan Feb Mar Apr Jun Jul Aug Sept Sep Oct Nov Dec"""
)
_MONTHS = _alternation(_MONTH_NAMES)

# People a therapist mentions next to a name ("my client Maria", "her son Jake").
# Matched case-insensitively, with an optional plural "s" ("her sons Jake and Ryan").
_RELATION_LIST = _words(
    """
    client patient counselee analysand supervisee trainee intern
    son daughter child kid baby toddler infant teen teenager adolescent boy girl
    man woman guy lady widow widower couple twin sibling
    husband wife spouse partner boyfriend girlfriend fiance fiancee fiancé fiancée lover
    ex ex-husband ex-wife ex-partner ex-boyfriend ex-girlfriend
    mother father mom mum dad mommy mummy daddy mama papa parent
    brother sister grandmother grandfather grandma grandpa granny nana
    grandson granddaughter grandchild aunt auntie uncle cousin niece nephew
    stepfather stepmother stepdad stepmom stepmum stepson stepdaughter
    stepbrother stepsister half-brother half-sister
    friend roommate flatmate housemate neighbor neighbour classmate
    boss manager coworker co-worker colleague teacher coach tutor sponsor
    carer caregiver caseworker therapist psychiatrist psychologist counselor
    counsellor gp nurse pastor priest rabbi imam abuser perpetrator stalker victim"""
) + ["best friend", "social worker", "probation officer"]
_RELATIONS = _alternation(_RELATION_LIST)
_RELATION_SET = frozenset(_RELATION_LIST) | {w + "s" for w in _RELATION_LIST}

# Titles that make the next capitalised word a name even in a heading. Family titles
# ("Grandma Rose", "Uncle Joe") go through the relation words instead.
_TITLES = _alternation(
    _words(
        "Mr Mrs Ms Mx Dr Prof Rev Miss Mister Doctor Professor Rabbi Pastor Reverend"
    )
)

# Capitalised words that are not names although they can sit where a name would.
_NOT_NAMES = _wordset(
    """
    i he she they we you it him her them me us his hers their theirs our ours my mine
    your yours its this that these those there here who whom whose which what when
    where why how the a an and or but so then also if because although though while
    after before since until as at on in of to for with without during from by about
    into over under between both each every all some any no not none nobody everybody
    everyone someone somebody anyone anybody one today yesterday tomorrow tonight now
    later last next first second third just only still even yes ok okay hi hello thanks
    thank dear please sorry well maybe perhaps again once twice initially recently
    eventually finally meanwhile however therefore overall unfortunately actually
    apparently obviously clearly sadly luckily earlier soon lately instead call
    monday tuesday wednesday thursday friday saturday sunday weekend weekday
    christmas easter ramadan thanksgiving halloween hanukkah diwali passover eid
    little young old older younger poor big new late sweet
    health questionnaire inventory scale depression anxiety assessment therapy
    services service protective protection welfare centered centred care
    intake safety plan socratic method model protocol program programme hospital
    clinic unit ward court police school church university college team group staff
    systems system research evidence literature studies study screening testing
    zoom teams skype facetime whatsapp facebook instagram google internet
    god lord jesus christ allah christian muslim jewish catholic protestant hindu
    buddhist sikh atheist black white brown latina latino latinx hispanic asian
    indigenous native arab african american english british spanish french german
    chinese korean japanese indian mexican irish italian polish russian
    jungian freudian kleinian lacanian rogerian adlerian gestalt
    mr mrs ms mx dr prof miss mister doctor professor
    i'm i've i'd i'll he's she's it's we're we've they're they've that's there's
    what's let's don't didn't can't won't isn't wasn't
    session sessions week weeks month months year years score scores total baseline
    practitioner practice office centre center
    """
) | frozenset(m.lower() for m in _MONTH_NAMES)

# A capitalised word after one of these is a place more often than a person:
# "In Portland, my client..." is not a name ("the letter to Daniel, her abuser" is).
_PLACE_PREPOSITIONS = _wordset(
    "in at from near of on across around outside inside into toward towards"
)
_WORD_BEFORE = re.compile(r"([^\W\d_]+)[ ]+$")

_WORD = r"[^\W\d_](?:[^\W\d_]|['’\-](?=[^\W\d_]))*"
_NAME_AT = re.compile(
    rf"[\"“(]?[ ]*(?:(?P<initial>[A-Z])\.[ ]+)?"
    rf"(?P<words>{_WORD}(?:[ ]{_WORD}){{0,2}})"
)
_WORD_RE = re.compile(_WORD)
_NAME_BEFORE = re.compile(rf"(?<![\w'’\-])(?:(?P<a>{_WORD})[ ])?(?P<b>{_WORD})[\")”]?$")
_AND_NAME = re.compile(r"[ ]*(?:,[ ]*)?(?:and|&)[ ]+")
_POSSESSIVE = re.compile(r"['’]s$")


def _is_name_word(word: str) -> bool:
    if not word[0].isupper():
        return False
    if len(word) > 1 and not any(c.islower() for c in word):
        return False  # acronyms: CBT, EMDR, ACT, DSM
    lowered = word.lower()
    return lowered not in _NOT_NAMES and lowered not in _RELATION_SET


def _name_words_at(text: str, pos: int) -> tuple[int, int] | None:
    """A name starting at ``pos`` (one to three capitalised words), or None."""
    match = _NAME_AT.match(text, pos)
    if match is None:
        return None
    words_start = match.start("words")
    end = words_start
    accepted = 0
    for token in _WORD_RE.finditer(text, words_start, match.end("words")):
        word = _POSSESSIVE.sub("", token.group())
        if not _is_name_word(word):
            break
        end = token.start() + len(word)
        accepted += 1
        if word != token.group():
            break  # a possessive ends the name
    if accepted == 0:
        return None
    start = match.start("initial") if match.group("initial") else words_start
    return start, end


def _names_from(text: str, pos: int) -> list[tuple[int, int]]:
    """The name at ``pos`` plus a second one joined by "and" ("Mark and Priya")."""
    first = _name_words_at(text, pos)
    if first is None:
        return []
    spans = [first]
    joined = _AND_NAME.match(text, first[1])
    if joined:
        second = _name_words_at(text, joined.end())
        if second:
            spans.append(second)
    return spans


def _name_before(text: str, pos: int) -> tuple[int, int] | None:
    """A name ending right before ``pos`` ("Omar| presented"), or None."""
    match = _NAME_BEFORE.search(text, max(0, pos - 80), pos)
    if match is None or not _is_name_word(match.group("b")):
        return None
    start = match.start("b")
    first = match.group("a")
    if first and _is_name_word(first):
        start = match.start("a")
    before = _WORD_BEFORE.search(text, max(0, start - 20), start)
    if before and before.group(1).lower() in _PLACE_PREPOSITIONS:
        return None
    return start, match.end("b")
