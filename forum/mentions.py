"""@mentions of members in posts: "@Dana Reyes" in a post's text names the
member whose display name it is (the longest name that matches, up to four
words, any case).

Only a member who can read the forum is told: a mention of someone else
notifies no one, and the author is told so when posting. Candidates for the
autocomplete are the same people.
"""

import re

from django.contrib.auth import get_user_model
from django.db.models import Q
from machina.apps.forum_permission.handler import PermissionHandler

from community import access

MAX_WORDS = 4
AT = re.compile(rf"(?<![\w@])@(\w[^\s@]*(?:[ \t]+[^\s@]+){{0,{MAX_WORDS - 1}}})")
TRAILING = ".,;:!?)\"'"


def _occurrences(text: str) -> list[list[str]]:
    """For each "@", the 1..4-word phrases after it, longest first, lower case,
    each as typed and with trailing punctuation cut."""
    found = []
    for match in AT.finditer(text or ""):
        words = match.group(1).split()
        phrases = []
        for n in range(len(words), 0, -1):
            phrase = " ".join(words[:n]).lower()
            # As typed first ("@Dana R." is Dana R.), then without the
            # punctuation that ends a sentence ("thanks, @Dana Reyes.").
            phrases += [phrase, phrase.rstrip(TRAILING)]
        found.append([phrase for phrase in dict.fromkeys(phrases) if phrase])
    return found


def mentioned(text: str) -> list:
    """The accounts the text mentions: at each "@", the longest phrase that
    is someone's display name ("@Dana Reyes" is Dana Reyes, not a Dana)."""
    occurrences = _occurrences(text)
    phrases = {phrase for phrases in occurrences for phrase in phrases}
    if not phrases:
        return []
    names = Q()
    for phrase in phrases:
        names |= Q(display_name__iexact=phrase)
    by_name: dict[str, list] = {}
    for user in get_user_model().objects.filter(
        names, is_active=True, deleted_at__isnull=True
    ):
        by_name.setdefault(user.display_name.lower(), []).append(user)
    chosen = {}
    for phrases_here in occurrences:
        match = next((p for p in phrases_here if p in by_name), None)
        for user in by_name.get(match, []):
            chosen[user.pk] = user
    return list(chosen.values())


def can_read(user, forum, handler=None) -> bool:
    handler = handler or PermissionHandler()
    return access.has_member_access(user) and handler.can_read_forum(forum, user)


def split_by_access(text: str, forum, *, author=None) -> tuple[list, list]:
    """(who can read the forum and will be told, who cannot), the author left out."""
    handler = PermissionHandler()
    readers, others = [], []
    for user in mentioned(text):
        if author is not None and user.pk == author.pk:
            continue
        (readers if can_read(user, forum, handler) else others).append(user)
    return readers, others


def candidates(*, forum, query: str, exclude=None, limit: int = 8) -> list:
    """Members who can read ``forum`` whose name contains ``query``."""
    query = query.strip().lstrip("@")
    if len(query) < 2:
        return []
    users = access.users_with_member_access(
        get_user_model().objects.filter(
            display_name__icontains=query, is_active=True, deleted_at__isnull=True
        )
    ).order_by("display_name")
    if exclude is not None:
        users = users.exclude(pk=exclude.pk)
    handler = PermissionHandler()
    found = []
    for user in users[: limit * 3]:
        if handler.can_read_forum(forum, user):
            found.append(user)
        if len(found) == limit:
            break
    return found
