"""Reads for the forum: who posts without approval, queues, search helpers."""

from django.conf import settings
from django.db.models import Count, Prefetch

from community import access
from forum.models import PostFlag


def readable_forums(*, user, permission_handler):
    """The forums this member may read (machina's per-forum permissions)."""
    from machina.apps.forum.models import Forum

    return permission_handler.get_readable_forums(Forum.objects.all(), user)


def user_is_trusted_poster(*, user) -> bool:
    """Moderators, and members with enough approved posts, skip pre-moderation.

    Cached on the user object for the request: machina asks more than once.
    """
    if not getattr(user, "is_authenticated", False):
        return False
    if access.can_moderate(user):
        return True
    if not hasattr(user, "_trusted_poster_cache"):
        from machina.apps.forum_conversation.models import Post

        needed = settings.FORUM_PREMODERATED_POSTS
        approved = Post.objects.filter(poster=user, approved=True)[:needed].count()
        user._trusted_poster_cache = approved >= needed
    return user._trusted_poster_cache


def pending_posts():
    """Posts waiting for approval, oldest first, with what the queue shows."""
    from machina.apps.forum_conversation.models import Post

    return (
        Post.objects.filter(approved=False)
        .select_related("poster", "topic", "topic__forum", "privacy_confirmation")
        .order_by("created")
    )


def open_flags_by_post():
    """Flagged posts with their open flags, the most flagged first."""
    from machina.apps.forum_conversation.models import Post

    open_flags = PostFlag.objects.filter(status=PostFlag.Status.OPEN).select_related(
        "flagged_by"
    )
    return (
        Post.objects.filter(flags__status=PostFlag.Status.OPEN)
        .annotate(open_flag_count=Count("flags"))
        .select_related("poster", "topic", "topic__forum", "privacy_confirmation")
        .prefetch_related(Prefetch("flags", queryset=open_flags, to_attr="open_flags"))
        .order_by("-open_flag_count", "created")
    )


def forum_export(*, user) -> tuple[str, list[dict]]:
    """A member's forum posts, for "download my data"."""
    from machina.apps.forum_conversation.models import Post

    posts = (
        Post.objects.filter(poster=user)
        .select_related("topic", "topic__forum")
        .order_by("created")
    )
    return "forum_posts", [
        {
            "forum": post.topic.forum.name,
            "topic": post.topic.subject,
            "subject": post.subject,
            "text": getattr(post.content, "raw", str(post.content)),
            "created": post.created.isoformat(),
            "approved": post.approved,
        }
        for post in posts
    ]


def recent_topics(*, user, readable_forums, limit: int = 5):
    """The newest active topics the member can read, with unread markers."""
    from machina.apps.forum_conversation.models import Topic
    from machina.apps.forum_tracking.handler import TrackingHandler

    topics = list(
        Topic.approved_objects.filter(forum__in=readable_forums)
        .select_related("forum", "poster", "last_post", "last_post__poster")
        .order_by("-last_post_on")[:limit]
    )
    unread = set(TrackingHandler().get_unread_topics(topics, user))
    for topic in topics:
        topic.is_unread = topic in unread
    return topics
