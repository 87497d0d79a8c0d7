"""What the forum's lists show of posts that wait for the director's approval.

machina's forum page and its "posts by a member" page are machina views we do
not override; these tags let their templates list the viewer's own pending
topics and leave out everyone else's pending posts, counts included.
"""

from django import template
from django.core.paginator import Paginator
from machina.conf import settings as machina_settings

from forum import selectors

register = template.Library()


@register.filter
def reply_count(topic) -> int:
    """Replies a topic shows: its approved posts after the first, never fewer
    than none (a topic whose only post is pending has no approved post)."""
    return max((topic.posts_count or 0) - 1, 0)


@register.simple_tag(takes_context=True)
def own_pending_topics(context, forum):
    """The viewer's topics in ``forum`` that wait for approval, for the first
    page of its topic list."""
    request = context["request"]
    page = context.get("page_obj")
    if page is not None and page.number != 1:
        return []
    return list(selectors.own_pending_topics(user=request.user, forum=forum))


@register.simple_tag(takes_context=True)
def member_posts_page(context, poster):
    """A page of ``poster``'s posts as the viewer may see them: with her pending
    posts on her own page, without them on anyone else's."""
    request = context["request"]
    posts = selectors.member_posts(
        poster=poster,
        viewer=request.user,
        readable_forums=selectors.readable_forums(
            user=request.user, permission_handler=request.forum_permission_handler
        ),
    )
    paginator = Paginator(posts, machina_settings.PROFILE_POSTS_NUMBER_PER_PAGE)
    return paginator.get_page(request.GET.get("page"))
