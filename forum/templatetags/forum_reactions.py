"""The reaction buttons under each post of a topic page.

The page's reactions are read once, for every post the page shows
(``selectors.reactions_for``), the first time a post asks, and kept on the
request: the number of queries does not grow with the posts on the page.
"""

from django import template

from forum.models import PostFlag, PostReaction
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


FLAGS_CACHE = "_forum_flagged_by_me"


@register.simple_tag(takes_context=True)
def flagged_by_me(context, post) -> bool:
    """Whether this member has flagged the post: the "Flag" link is then not
    offered again. One query for the page's posts, kept on the request."""
    request = context["request"]
    posts = context.get("posts") or [post]
    key = tuple(each.pk for each in posts)
    cache = request.__dict__.setdefault(FLAGS_CACHE, {})
    if key not in cache:
        cache[key] = set(
            PostFlag.objects.filter(
                flagged_by_id=request.user.pk, post_id__in=key
            ).values_list("post_id", flat=True)
        )
    return post.pk in cache[key]
