"""Case-privacy guard: find likely patient identifiers in a case before it is saved.

Members write about real patients. HIPAA's Safe Harbor method lists the identifiers that
must go before a text counts as de-identified (names, dates tied to a person, phone and
fax numbers, email, places smaller than a state, record and account numbers, ages over
89, URLs...). This module points at the ones that are likely present so the author can
edit them out or confirm that they are fine (a pseudonym, a public author).

Why it works the way it does:

- **Rules, not a model.** It runs inside a form's ``clean()`` on every save, on any
  machine, with nothing downloaded at run time and the same answer every time. Each rule
  carries a sentence that tells the author why the text was marked, which a statistical
  tagger could not give.
- **Names need context.** A capitalised word alone is not a name ("Beck Depression
  Inventory", "Socratic questioning", "CBT", "May I ask"). A word is taken for a name
  only next to a clinical or family word ("my client Maria", "her son Jake", "a client
  named Tom"), after a title ("Mr. Alvarez"), or before a clinical verb or an age
  ("Omar presented with", "Sarah, a 29-year-old nurse"). Names with no such context
  ("Then Priya cried") are missed: the guard helps the author, it does not replace them.
- **Dates must be calendar dates.** A day with a month (and maybe a year) or a full
  numeric date is marked; a bare year, a month alone, a weekday, "last week", "at 10:30"
  or "session 12" are not, as Safe Harbor allows years and they say nothing about a day.
  A month with a year is marked only next to a life event ("admitted in February 2021").
- **Phone numbers** go through Google's libphonenumber (the ``phonenumbers`` package),
  which knows which digit groups are real numbers in each country. Its matcher costs
  about 20 µs a word on running text, so it only sees short windows around runs of
  seven or more digits that a cheap regex found first, and at most 150 of them per
  check (a pasted table of numbers would otherwise take seconds); past that, a run
  counts when it has a phone number's shape. A run right after "phone", "cell",
  "fax"... counts whatever its country.
- **Fast on long posts** (a 5,000-word post in about 20 ms). Python's ``re`` scans
  quickly only for a pattern that starts with a case-sensitive literal or character
  class; a leading ``\\b``, look-behind or case-insensitive word makes it try the whole
  pattern at every position. So patterns start with their most telling character (the
  "@" of an email, the ".com" of a domain, a digit), word boundaries are checked in
  Python, and the patterns that start with a case-insensitive keyword ("MRN", "my
  client", "aged") are tried only where one pass over the words found that keyword.
- **Overlaps go to the more specific category**: an email beats the domain and the
  ``@name`` inside it, a labelled record number beats a phone-shaped number, and so on
  (see ``_PRIORITY``). Overlapping matches of one category are merged.
- **Recall before precision.** A false alarm costs the author one click to confirm; a
  missed identifier costs a patient their privacy. The labelled corpus in
  ``tests/community/privacy_corpus.tsv`` measures both.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

import phonenumbers
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

NAME = "name"
DATE = "date"
AGE = "age"
PHONE = "phone"
EMAIL = "email"
ADDRESS = "address"
ID_NUMBER = "id_number"
URL = "url"
HANDLE = "handle"

CATEGORY_LABELS: dict[str, str] = {
    NAME: "Personal name",
    DATE: "Date",
    AGE: "Age over 89",
    PHONE: "Phone or fax number",
    EMAIL: "Email address",
    ADDRESS: "Street address or ZIP code",
    ID_NUMBER: "Record, account or ID number",
    URL: "Web address",
    HANDLE: "Social media handle",
}

# Lower wins when two matches of different categories overlap: the more specific
# reading first (an email contains a domain, a labelled MRN may look like a phone).
_PRIORITY: dict[str, int] = {
    EMAIL: 0,
    URL: 1,
    ID_NUMBER: 2,
    HANDLE: 3,
    PHONE: 4,
    DATE: 5,
    AGE: 6,
    ADDRESS: 7,
    NAME: 8,
}

DEFAULT_PHONE_REGION = "US"

# (start, end, category, reason) as the finders below yield them.
Found = tuple[int, int, str, str]


@dataclass(frozen=True, slots=True)
class IdentifierMatch:
    """One likely identifier: ``source[start:end]`` in the checked text.

    ``source`` is the checked text itself, held by reference (no copy), so ``text`` is
    always exactly the slice the offsets point at.
    """

    start: int
    end: int
    category: str
    reason: str
    source: str = field(default="", repr=False, compare=False)

    @property
    def text(self) -> str:
        return self.source[self.start : self.end]

    @property
    def label(self) -> str:
        return CATEGORY_LABELS.get(self.category, self.category)


# --------------------------------------------------------------------------- helpers


def _words(text: str) -> list[str]:
    return text.split()


def _wordset(text: str) -> frozenset[str]:
    return frozenset(text.split())


def _alternation(phrases: Iterable[str]) -> str:
    """A regex matching any of ``phrases``, factored into a prefix tree.

    ``re`` tries every branch of a plain ``a|b|c`` in turn; a tree tries one branch
    per letter. For the case-insensitive relation words over 5,000 words this took
    16 ms as a plain alternation and 2 ms as a tree. Case-sensitive trees (titles,
    months, states) also let ``re`` scan for their first letters.
    """
    tree: dict[str, dict] = {}
    for phrase in phrases:
        node = tree
        for char in phrase:
            node = node.setdefault(char, {})
        node[""] = {}

    def build(node: dict[str, dict]) -> str:
        branches = [
            re.escape(char) + build(child)
            for char, child in sorted(node.items())
            if char
        ]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return "(?:" + build(tree) + ")"


def _starts_word(text: str, index: int) -> bool:
    """True when ``index`` is at a word start (the ``\\b`` the patterns leave out)."""
    return index == 0 or not (text[index - 1].isalnum() or text[index - 1] == "_")


def _word_matches(regex: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    for match in regex.finditer(text):
        if _starts_word(text, match.start()):
            yield match


# Patterns that start with a case-insensitive keyword ("MRN", "my client", "aged")
# are not scanned for: ``re`` cannot scan fast for a case-insensitive start. One pass
# over the words of the text finds where their keywords are, and each pattern is
# then matched there only (see _keyword_matches).
_KEY_WORD = re.compile(r"[^\W\d_]+")
_KEYED_PATTERNS: dict[str, re.Pattern[str]] = {}
_KEYWORD_INDEX: dict[str, list[str]] = {}

Keyed = dict[str, list[re.Match[str]]]


def _keyed(name: str, phrases: Iterable[str], pattern: str) -> str:
    """Register ``pattern`` to be tried where the first word of a phrase starts."""
    _KEYED_PATTERNS[name] = re.compile(pattern)
    for phrase in phrases:
        first = _KEY_WORD.match(phrase)
        if first is None:
            raise ValueError(f"{name}: {phrase!r} does not start with a word")
        names = _KEYWORD_INDEX.setdefault(first.group().lower(), [])
        if name not in names:
            names.append(name)
    return name


def _keyword_matches(text: str) -> Keyed:
    found: Keyed = {}
    for word in _KEY_WORD.finditer(text):
        names = _KEYWORD_INDEX.get(word.group().lower())
        if names:
            for name in names:
                match = _KEYED_PATTERNS[name].match(text, word.start())
                if match:
                    found.setdefault(name, []).append(match)
    return found


# --------------------------------------------------------------------------- words

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


# --------------------------------------------------------------------------- names

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
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.bounds = [m.end() for m in _SENTENCE_END.finditer(text)]

    def holds(self, start: int, end: int) -> bool:
        at = bisect.bisect_right(self.bounds, start)
        first = self.bounds[at - 1] if at else 0
        last = self.bounds[at] if at < len(self.bounds) else len(self.text)
        words = _LONG_WORD.findall(self.text, first, start)
        words += _LONG_WORD.findall(self.text, end, last)
        capitalised = sum(1 for word in words if word[0].isupper())
        return len(words) >= 3 and capitalised >= 0.75 * len(words)


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


# --------------------------------------------------------------------------- dates

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


# --------------------------------------------------------------------------- ages

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


# --------------------------------------------------------------------------- phones

# Runs of digits (seven or more, with the usual separators) worth asking
# libphonenumber about. Bounded repetition keeps this linear.
_PHONE_CANDIDATE = re.compile(r"(?:\+\d|\([ ]?\d|\d)(?:[ \t().\-–/]{0,3}\d){6,17}")
# A number right after one of these words is a phone number even when it is not one
# for the default region: "call me at 555-0142", "her mobile is 07700 900123".
_PHONE_WORD_BEFORE = re.compile(
    r"\b(?i:phone|cell|cellphone|mobile|tel|telephone|fax|landline|number|call|text"
    r"|whatsapp|ring|extension|ext)\b[^\d\n]{0,20}$"
)
_DIGIT_GROUP = re.compile(r"\d+")
_PHONE_REASON = "Looks like a phone or fax number"


def _is_labelled_phone(text: str, candidate: re.Match[str]) -> bool:
    value = candidate.group()
    groups = _DIGIT_GROUP.findall(value)
    digits = sum(len(group) for group in groups)
    if not 7 <= digits <= 15 or max(len(group) for group in groups) < 3:
        return False  # "12 14 16 18" is a list of scores
    if _NUMERIC_DATE.fullmatch(value) or _ISO_DATE.fullmatch(value):
        return False
    start = candidate.start()
    return bool(_PHONE_WORD_BEFORE.search(text, max(0, start - 45), start))


# libphonenumber takes 0.1 to 0.5 ms for each run of digits. A post that is a table
# of numbers would cost seconds, so each check asks it about this many runs at most;
# after that a run is a phone number when it has a phone's shape.
_MATCHER_BUDGET = 150
_PHONE_SHAPE = re.compile(
    r"\+\d[\d ().\-]{6,18}\d|\(?\b\d{3}\)?[ .\-]?\d{3}[ .\-]\d{4}\b"
)


def _find_phones(text: str, region: str) -> Iterator[Found]:
    budget = _MATCHER_BUDGET
    for candidate in _PHONE_CANDIDATE.finditer(text):
        value = candidate.group()
        if value[0] != "+" and max(map(len, _DIGIT_GROUP.findall(value))) < 3:
            continue  # "12 15 18 21": national numbers have a group of three
        found = False
        if budget:
            budget -= 1
            # A little context on both sides lets the matcher see "+" and letters.
            lo = max(0, candidate.start() - 3)
            hi = min(len(text), candidate.end() + 3)
            for number in phonenumbers.PhoneNumberMatcher(text[lo:hi], region):
                found = True
                yield lo + number.start, lo + number.end, PHONE, _PHONE_REASON
        if not found:
            # libphonenumber skips numbers that cannot be dialled (555-0100,
            # unassigned area codes); a privacy check still flags the shape.
            for shape in _PHONE_SHAPE.finditer(value):
                found = True
                start = candidate.start() + shape.start()
                yield start, candidate.start() + shape.end(), PHONE, _PHONE_REASON
        if not found and _is_labelled_phone(text, candidate):
            yield candidate.start(), candidate.end(), PHONE, _PHONE_REASON


# --------------------------------------------------------------------------- online

_EMAIL_DOMAIN = re.compile(
    r"@(?:[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,24}\b"
)
_EMAIL_LOCAL = re.compile(r"(?<![\w.+\-])[A-Za-z0-9][A-Za-z0-9._%+\-]{0,63}$")
_SCHEME_URL = _keyed(
    "scheme_url", _words("http https www"), r"(?i:https?://|www\.)[^\s<>\"'()\[\]{}]+"
)
# Top-level domains that are not also common English words, so that "that.It" (a
# missing space) is not a web address.
_TLD = re.compile(
    r"\.(?:com|org|net|edu|gov|mil|io|co|us|uk|ca|au|nz|ie|de|fr|nl|ch|se|dk|fi|pl|br"
    r"|mx|info|biz|me|ly|app|dev|health|blog|online|tv|xyz)\b(?![.\-]?\w)"
)
_DOMAIN_BEFORE_TLD = re.compile(
    r"(?<![\w.@/\-])(?:[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?\.){0,4}"
    r"[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?$"
)
_URL_PATH = re.compile(r"/[^\s<>\"'()\[\]{}]*")
_URL_TRAILING = ".,;:!?)]}'\"’”"

_AT_HANDLE = re.compile(
    r"@(?<![\w@.]@)[A-Za-z0-9_](?:[A-Za-z0-9_.]{0,28}[A-Za-z0-9_])?"
)
_REDDIT_USER = re.compile(r"u/(?<![\w/]u/)[A-Za-z0-9_\-]{3,20}\b")
_PLATFORMS = _words(
    """
    instagram insta ig twitter tiktok snapchat snap facebook fb reddit discord
    telegram threads bluesky tumblr youtube twitch linkedin kik"""
)
_PLATFORM_HANDLE = _keyed(
    "platform",
    _PLATFORMS,
    rf"(?i:{_alternation(_PLATFORMS)})"
    r"(?P<label>[ ]+(?i:handle|username|user[ ]name|account|profile|name|id))?"
    r"[ ]*(?P<sep>:|=|[ ](?i:is|as))[ ]*@?(?P<handle>[A-Za-z0-9_.]{2,30}[A-Za-z0-9_])",
)


def _trim_url(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1] in _URL_TRAILING:
        end -= 1
    return end


def _find_online(text: str, keyed: Keyed) -> Iterator[Found]:
    for m in _EMAIL_DOMAIN.finditer(text):
        local = _EMAIL_LOCAL.search(text, max(0, m.start() - 64), m.start())
        if local:
            yield local.start(), m.end(), EMAIL, "Looks like an email address"
    url_reason = "Looks like a web address"
    for m in keyed.get(_SCHEME_URL, ()):
        end = _trim_url(text, m.start(), m.end())
        if end > m.start():
            yield m.start(), end, URL, url_reason
    for m in _TLD.finditer(text):
        domain = _DOMAIN_BEFORE_TLD.search(text, max(0, m.start() - 120), m.start())
        if domain is None:
            continue
        path = _URL_PATH.match(text, m.end())
        end = _trim_url(text, m.end(), path.end()) if path else m.end()
        yield domain.start(), end, URL, url_reason
    reason = "Looks like a social media handle"
    for regex in (_AT_HANDLE, _REDDIT_USER):
        for m in regex.finditer(text):
            yield m.start(), m.end(), HANDLE, reason
    for m in keyed.get(_PLATFORM_HANDLE, ()):
        handle = m.group("handle")
        strong = m.group("label") or m.group("sep") in (":", "=")
        if handle.lower() in _NOT_NAMES:
            continue
        if strong or any(c.isdigit() or c in "_." for c in handle):
            yield m.start("handle"), m.end("handle"), HANDLE, reason


# --------------------------------------------------------------------------- places

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


# --------------------------------------------------------------------------- numbers

_SSN = re.compile(r"\d(?<![\d\-]\d)\d{2}-\d{2}-\d{4}(?![\d\-])")
# Words that label a number as an identifier. Those in _ID_ALONE label one on their
# own ("MRN 4482913", "plate 7ABC123"); the others need "number", "no." or "ID" after
# them ("case number", "member ID"), as "case 12" is just a case.
_ID_SUFFIXES = ("number", "no", "no.", "num", "#", "id")
_ID_ALONE = _words(
    """
    mrn record chart policy account acct acct. licence license plate passport
    serial vin ssn medicaid medicare nhs npi id"""
) + [
    "medical record",
    "license plate",
    "licence plate",
    "driver's license",
    "driver’s license",
    "drivers license",
    "social security",
]
_ID_WITH_SUFFIX = _words(
    """
    patient member membership insurance subscriber student employee client device
    tax group case claim file certificate badge registration"""
)
_ID_LABELS = (
    [*_ID_ALONE]
    + [f"{word} {suffix}" for word in _ID_ALONE for suffix in _ID_SUFFIXES]
    + [f"{word} {suffix}" for word in _ID_WITH_SUFFIX for suffix in _ID_SUFFIXES]
)
_LABELLED_ID = _keyed(
    "id_label",
    _ID_LABELS,
    rf"(?i:{_alternation(_ID_LABELS)})(?![\w])[ ]*"
    r"(?:(?i:is|was|as|of)[ ]+|[:#=][ ]*|-[ ]*)?"
    r"(?P<id>#?[A-Za-z0-9](?:[A-Za-z0-9\-]{0,24}[A-Za-z0-9])?(?:[ ]\d{2,6}){0,3})"
    r"(?![\w\-])",
)
_HASH_NUMBER = re.compile(r"#(?<![\w&]#)[ ]?\d{3,}\b")
_LONG_NUMBER = re.compile(r"\d(?<![\d.,/\-]\d)\d{7,}(?!\d|[.,/\-]\d)")
# An unlabelled long number is the weakest reading of all: a phone number, a date or
# anything else that claims the same digits wins over it.
_LONG_NUMBER_REASON = "A long number that could be a record or account number"


def _find_numbers(text: str, keyed: Keyed) -> Iterator[Found]:
    for m in _SSN.finditer(text):
        yield m.start(), m.end(), ID_NUMBER, "Looks like a Social Security number"
    for m in keyed.get(_LABELLED_ID, ()):
        value = m.group("id")
        if sum(c.isdigit() for c in value) >= 3 and len(value) >= 4:
            yield m.start(), m.end(), ID_NUMBER, "A record, account or ID number"
    for regex in (_HASH_NUMBER, _LONG_NUMBER):
        for m in regex.finditer(text):
            yield m.start(), m.end(), ID_NUMBER, _LONG_NUMBER_REASON


# --------------------------------------------------------------------------- public


def _candidates(text: str, region: str) -> Iterator[Found]:
    keyed = _keyword_matches(text)
    yield from _find_online(text, keyed)
    yield from _find_numbers(text, keyed)
    yield from _find_phones(text, region)
    yield from _find_dates(text, keyed)
    yield from _find_ages(text, keyed)
    yield from _find_places(text, keyed)
    yield from _find_names(text, keyed)


def _merge_same_category(candidates: Iterable[Found]) -> list[Found]:
    """Union overlapping spans of one category; the longer span's reason is kept."""
    by_category: dict[str, list[Found]] = {}
    for candidate in candidates:
        by_category.setdefault(candidate[2], []).append(candidate)
    merged: list[Found] = []
    for items in by_category.values():
        items.sort()
        current = items[0]
        for item in items[1:]:
            if item[0] < current[1]:
                longer = max(item, current, key=lambda c: c[1] - c[0])
                current = (current[0], max(current[1], item[1]), current[2], longer[3])
            else:
                merged.append(current)
                current = item
        merged.append(current)
    return merged


def _rank(found: Found) -> tuple[int, int, int]:
    start, end, category, reason = found
    priority = len(_PRIORITY) if reason == _LONG_NUMBER_REASON else _PRIORITY[category]
    return priority, start - end, start


def find_identifiers(
    text: str, *, region: str = DEFAULT_PHONE_REGION
) -> list[IdentifierMatch]:
    """Likely identifiers in ``text``, sorted by start and never overlapping.

    ``region`` is the country assumed for phone numbers written without "+".
    """
    if not text or not text.strip():
        return []
    merged = _merge_same_category(_candidates(text, region))
    # Most specific category first, then the longest span; keep what does not overlap.
    merged.sort(key=_rank)
    kept: list[Found] = []  # sorted by start, never overlapping
    starts: list[int] = []
    for candidate in merged:
        start, end = candidate[0], candidate[1]
        at = bisect.bisect_right(starts, start)
        if start >= end:
            continue
        if at and kept[at - 1][1] > start:
            continue  # overlaps the kept match before it
        if at < len(kept) and kept[at][0] < end:
            continue  # overlaps the kept match after it
        kept.insert(at, candidate)
        starts.insert(at, start)
    return [
        IdentifierMatch(start=s, end=e, category=c, reason=r, source=text)
        for s, e, c, r in kept
    ]


def _escape_block(text: str) -> str:
    escaped = str(escape(text))
    return escaped.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "<br>")


def highlight_identifiers(
    text: str, matches: list[IdentifierMatch] | None = None
) -> SafeString:
    """``text`` as safe HTML with each match in a ``<mark class="privacy-match">``.

    Everything, the reason included, goes through ``escape``: this is the only place
    the author's raw text meets the page, so no user HTML can pass. Matches that are
    out of range or overlap an earlier one are skipped rather than trusted.
    """
    if matches is None:
        matches = find_identifiers(text)
    parts: list[str] = []
    position = 0
    for match in sorted(matches, key=lambda m: (m.start, m.end)):
        if match.start < position or match.end > len(text) or match.start >= match.end:
            continue
        parts.append(_escape_block(text[position : match.start]))
        category = escape(match.category)
        reason = escape(match.reason)
        inner = _escape_block(text[match.start : match.end])
        parts.append(
            f'<mark class="privacy-match" data-category="{category}" title="{reason}">'
            f"{inner}</mark>"
        )
        position = match.end
    parts.append(_escape_block(text[position:]))
    # Every piece was escaped above.
    return mark_safe("".join(parts))  # noqa: S308  # nosec B308 B703
