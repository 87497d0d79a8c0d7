"""An author's name in the forum, as the directory knows it: linked to their
directory profile when it is listed and visible, with their credentials
(unless they switched them off) and the "Program director" badge.

``{% directory_author post.poster among=posts %}`` looks up every author of
``among`` at its first use on a page, in one query, and remembers them on the
request, so a topic page costs the same however many posts it shows.
"""

from django import template
from django.urls import reverse

from directory.selectors import AuthorFacts, author_facts

register = template.Library()

_CACHE = "_directory_author_facts"


def _ids_of(items) -> set[int]:
    ids = set()
    for item in items or ():
        # A topic's last post only if it is loaded already: never a query here.
        state = getattr(item, "_state", None)
        last_post = state.fields_cache.get("last_post") if state else None
        for source in (item, last_post):
            pk = getattr(source, "poster_id", None)
            if pk:
                ids.add(pk)
    return ids


def _facts_for(context, user, among) -> AuthorFacts:
    request = context.get("request")
    cache = getattr(request, _CACHE, None) if request is not None else None
    if cache is None:
        cache = {}
        if request is not None:
            setattr(request, _CACHE, cache)
    if user.pk not in cache:
        wanted = ({user.pk} | _ids_of(among)) - cache.keys()
        found = author_facts(user_ids=wanted)
        for pk in wanted:
            cache[pk] = found.get(pk, AuthorFacts())
    return cache[user.pk]


@register.inclusion_tag("member_directory/_forum_author.html", takes_context=True)
def directory_author(context, user, among=None, credentials=True):
    """The linked name, credentials (with ``credentials``) and badge of ``user``."""
    facts = _facts_for(context, user, among)
    if facts.in_directory:
        url = reverse("directory:profile", args=[user.pk])
    else:
        url = reverse("forum_member:profile", args=[user.pk])
    return {
        "name": user.get_display_name(),
        "url": url,
        "credentials": facts.credentials if credentials else "",
        "is_program_director": facts.is_program_director,
    }
