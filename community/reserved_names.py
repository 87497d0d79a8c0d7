"""The director's display name is hers alone.

Members recognise the program director by her name in the forum and the
directory; a member who signed up as "Dr Miriam Okafor." would borrow her
authority. So names are compared as their words, not their characters: case,
accents, spacing, punctuation, invisible characters and the common Cyrillic and
Greek look-alikes of Latin letters are folded away, titles and credentials
("Dr", "PhD") are ignored, and a name is hers when it holds every word of her
name ("Miriam Okafor, PhD", "Okafor Miriam"), spells it without spaces, or is
her surname alone ("Dr. Okafor").
"""

import re
import unicodedata

from community.roles import DIRECTOR_GROUP

RESERVED_NAME_MESSAGE = (
    "That display name belongs to the program director. Please choose another."
)

# Letters of other scripts drawn like Latin ones (after casefolding).
_LOOK_ALIKES = str.maketrans(
    {
        "а": "a", "в": "b", "с": "c", "ԁ": "d", "е": "e", "ё": "e", "һ": "h",
        "н": "h", "і": "i", "ї": "i", "ј": "j", "к": "k", "ӏ": "l", "м": "m",
        "о": "o", "р": "p", "ԛ": "q", "ѕ": "s", "т": "t", "у": "y", "ү": "y",
        "х": "x", "ԝ": "w", "α": "a", "β": "b", "ε": "e", "η": "n", "ι": "i",
        "κ": "k", "ν": "v", "ο": "o", "ρ": "p", "τ": "t", "υ": "u", "χ": "x",
        "ω": "w", "ı": "i", "ℓ": "l", "0": "o", "1": "l",
    }
)  # fmt: skip
_TITLES = frozenset({
    "dr", "doctor", "prof", "professor", "mr", "mrs", "ms", "mx", "phd", "psyd",
    "md", "do", "lcsw", "lpc", "lpcc", "lmft", "lmhc", "ma", "msc", "msw", "mft",
    "rn", "np", "pmhnp",
})  # fmt: skip


def name_words(name: str) -> tuple[str, ...]:
    """The words of a name, folded for comparison, titles left out."""
    decomposed = unicodedata.normalize("NFKD", name or "")
    kept = "".join(
        ch for ch in decomposed if unicodedata.category(ch) not in ("Mn", "Cf")
    )
    folded = kept.casefold().translate(_LOOK_ALIKES)
    words = re.findall(r"[^\W\d_]+", folded)
    return tuple(word for word in words if word not in _TITLES)


def _borrows(wanted: tuple[str, ...], taken: tuple[str, ...]) -> bool:
    if not taken or not wanted:
        return False
    return (
        "".join(wanted) == "".join(taken)  # "AdaLane", "Ada-Lane"
        or set(taken) <= set(wanted)
        or (len(taken) > 1 and wanted == taken[-1:])
    )


# Names of roles, which would pass for the staff themselves.
_ROLE_NAMES = frozenset(
    {
        ("program", "director"),
        ("director",),
        ("admin",),
        ("administrator",),
        ("moderator",),
        ("staff",),
        ("site", "admin"),
    }
)


def is_reserved_name(name: str, *, user=None) -> bool:
    """Whether ``name`` would pass for a director's display name (``user``'s
    own excepted) or for a role ("Program director", "Admin")."""
    from django.contrib.auth import get_user_model

    wanted = name_words(name)
    if not wanted:
        return False
    if wanted in _ROLE_NAMES and not (user is not None and user.is_staff):
        return True
    directors = get_user_model().objects.filter(
        groups__name=DIRECTOR_GROUP, is_active=True, deleted_at__isnull=True
    )
    if user is not None and user.pk is not None:
        directors = directors.exclude(pk=user.pk)
    names = directors.values_list("display_name", flat=True)
    return any(_borrows(wanted, name_words(taken)) for taken in names)
