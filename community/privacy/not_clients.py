"""Names that are not clients: the field's theorists and authors, medications and
therapies (``data/not_clients.txt``), and the site's own members' full display
names, which the caller passes in. A name candidate that overlaps one of them is
dropped: "Marsha Linehan's DBT", "as Dana Reyes said in the last session", and
a listed surname standing alone ("Kohut on mirroring"); a listed surname inside
a longer name ("Jake Miller Smith") is not. A member's first name alone still
counts, since clients share first names with members.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from community.privacy import gazetteers


def _phrase_pattern(phrase: str) -> str:
    words = [re.escape(word) for word in phrase.split()]
    return r"[ ]+".join(words)


@lru_cache(maxsize=64)
def _pattern(extra: tuple[str, ...]) -> re.Pattern[str]:
    phrases = sorted({*gazetteers.not_clients(), *extra}, key=len, reverse=True)
    alternation = "|".join(_phrase_pattern(phrase) for phrase in phrases)
    return re.compile(rf"(?<![\w'’\-])(?:{alternation})(?:['’]s?)?(?![\w\-])")


def not_client_spans(
    text: str, extra: Iterable[str] = ()
) -> list[tuple[int, int, bool]]:
    """Where the listed names (and ``extra`` full names) stand in ``text``, each
    with whether it is a full name (several words) or a single surname."""
    names = tuple(sorted({name.strip() for name in extra if " " in name.strip()}))
    return [
        (*match.span(), " " in match.group().strip())
        for match in _pattern(names).finditer(text)
    ]


_TITLE = re.compile(r"(?:Dr|Prof|Professor|Doctor|Mr|Mrs|Ms)\.?[ ]+$")


def is_not_a_client(text: str, start: int, end: int, spans) -> bool:
    """A candidate overlapping a listed full name, or no more than a listed
    surname, perhaps after a title ("Dr. Beck's triad", not "Jake Miller Smith")."""
    for s, e, full_name in spans:
        if full_name and s < end and start < e:
            return True
        if (
            not full_name
            and end <= e
            and (s <= start or _TITLE.fullmatch(text, start, s))
        ):
            return True
    return False
