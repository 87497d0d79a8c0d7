"""The director's display name is hers alone.

Members recognise the program director by her name in the forum and the
directory; a member who signed up as "Dr Dana Reyes." would borrow her
authority. Two names are "the same" when they match ignoring case, spaces, dots
and a leading "Dr", so the check is made on a normalised form.
"""

import re
import unicodedata

from community.roles import DIRECTOR_GROUP

RESERVED_NAME_MESSAGE = (
    "That display name belongs to the program director. Please choose another."
)
_LEADING_DR = re.compile(r"^\s*dr\b\.?", re.IGNORECASE)


def normalised_name(name: str) -> str:
    name = unicodedata.normalize("NFKC", name or "").strip()
    name = _LEADING_DR.sub("", name)
    return re.sub(r"[\s.]+", "", name).casefold()


def is_reserved_name(name: str, *, user=None) -> bool:
    """Whether ``name`` is a director's display name (``user``'s own excepted)."""
    from django.contrib.auth import get_user_model

    wanted = normalised_name(name)
    if not wanted:
        return False
    directors = get_user_model().objects.filter(
        groups__name=DIRECTOR_GROUP, is_active=True, deleted_at__isnull=True
    )
    if user is not None and user.pk is not None:
        directors = directors.exclude(pk=user.pk)
    names = directors.values_list("display_name", flat=True)
    return any(normalised_name(taken) == wanted for taken in names)
