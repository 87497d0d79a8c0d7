"""The reaction buttons under each post of a topic page.

The page's reactions are read once, for every post the page shows
(``selectors.reactions_for``), the first time a post asks, and kept on the
request: the number of queries does not grow with the posts on the page.
"""

from django import template

from forum.models import PostReaction
from forum.selectors import reactions_for

register = template.Library()
CACHE = "_forum_reactions"


def _page_reactions(context) -> dict:
    """Kept on the request: every include of the page reads the same answer."""
    request = context["request"]
    posts = context.get("posts") or []
    key = tuple(post.pk for post in posts)
    cache = request.__dict__.setdefault(CACHE, {})
    if key not in cache:
        cache[key] = reactions_for(post_ids=key, user=request.user)
    return cache[key]


@register.inclusion_tag("community_forum/_reactions.html", takes_context=True)
def post_reactions(context, post):
    reactions = _page_reactions(context).get(post.pk)
    if reactions is None:  # a post not in the page's list (a preview)
        reactions = reactions_for(post_ids=[post.pk], user=context["request"].user)[
            post.pk
        ]
    return {
        "post": post,
        "request": context["request"],
        "csrf_token": context.get("csrf_token"),
        "may_react": post.approved and post.poster_id != context["request"].user.pk,
        "kinds": [
            {"value": value, "label": label, **reactions[value]}
            for value, label in PostReaction.Kind.choices
        ],
    }
