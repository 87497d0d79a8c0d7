"""Case-privacy guard: find likely patient identifiers in a case before it is saved.

Members write about real patients. HIPAA's Safe Harbor method lists the identifiers that
must go before a text counts as de-identified (names, dates tied to a person, phone and
fax numbers, email, places smaller than a state, record and account numbers, ages over
89, URLs...). This package points at the ones that are likely present so the author can
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

Layout: ``engine`` runs each recognizer (one module per kind of identifier:
``names``, ``dates``, ``ages``, ``phones``, ``online``, ``places``, ``numbers``),
merges and ranks their matches; ``base`` holds the categories and the match;
``words`` the word lists several recognizers share.
"""

from community.privacy.base import (
    ADDRESS,
    AGE,
    CATEGORY_LABELS,
    DATE,
    EMAIL,
    HANDLE,
    ID_NUMBER,
    NAME,
    ORGANIZATION,
    PHONE,
    URL,
    IdentifierMatch,
)
from community.privacy.engine import (
    DEFAULT_PHONE_REGION,
    find_identifiers,
    highlight_identifiers,
)

__all__ = [
    "ADDRESS",
    "AGE",
    "CATEGORY_LABELS",
    "DATE",
    "DEFAULT_PHONE_REGION",
    "EMAIL",
    "HANDLE",
    "ID_NUMBER",
    "NAME",
    "ORGANIZATION",
    "PHONE",
    "URL",
    "IdentifierMatch",
    "find_identifiers",
    "highlight_identifiers",
]
