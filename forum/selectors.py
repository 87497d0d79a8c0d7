"""Reads for the forum: who posts without approval, queues, search helpers."""

from django.conf import settings
from django.db.models import Count, Exists, Min, OuterRef, Prefetch, Q

from community import access
from forum.models import ModerationLogEntry, PostFlag


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
    """Posts waiting for approval, oldest first, with what the queue shows
    (``is_topic_head`` reads the topic's first post: loaded with it)."""
    from machina.apps.forum_conversation.models import Post

    return (
        Post.objects.filter(approved=False)
        .select_related(
            "poster",
            "topic",
            "topic__forum",
            "topic__first_post",
            "privacy_confirmation",
        )
        .order_by("created", "pk")
    )


def posts_visible_to(*, posts, user):
    """``posts`` without the ones waiting for approval, except the viewer's own.

    machina hides every pending post from everyone, its author too; the author
    sees hers, marked as waiting, so that she can edit or withdraw it.
    """
    if not getattr(user, "is_authenticated", False):
        return posts.filter(approved=True)
    return posts.filter(Q(approved=True) | Q(poster=user))


def own_pending_topics(*, user, forum):
    """The member's own topics in ``forum`` still waiting for approval, newest
    first (machina's forum page lists approved topics only)."""
    from machina.apps.forum_conversation.models import Topic

    if not getattr(user, "is_authenticated", False):
        return Topic.objects.none()
    return (
        Topic.objects.filter(forum=forum, poster=user, approved=False)
        .exclude(type=Topic.TOPIC_ANNOUNCE)
        .select_related("forum", "poster")
        .order_by("-created")
    )


def member_posts(*, poster, viewer, readable_forums):
    """A member's posts, newest first, in the forums the viewer may read: the
    pending ones only when she looks at her own."""
    from machina.apps.forum_conversation.models import Post

    posts = Post.objects.filter(poster=poster, topic__forum__in=readable_forums)
    if getattr(viewer, "pk", None) != poster.pk:
        posts = posts.filter(approved=True)
    return posts.select_related("topic", "topic__forum", "poster").order_by(
        "-created", "-pk"
    )


def open_flags_by_post():
    """Flagged posts with their open flags, the longest waiting first (by their
    oldest open flag)."""
    from machina.apps.forum_conversation.models import Post

    open_flags = (
        PostFlag.objects.filter(status=PostFlag.Status.OPEN)
        .select_related("flagged_by")
        .order_by("created_at", "pk")
    )
    return (
        Post.objects.filter(flags__status=PostFlag.Status.OPEN)
        .annotate(
            open_flag_count=Count("flags"), first_flagged_at=Min("flags__created_at")
        )
        .select_related(
            "poster",
            "topic",
            "topic__forum",
            "topic__first_post",
            "privacy_confirmation",
        )
        .prefetch_related(Prefetch("flags", queryset=open_flags, to_attr="open_flags"))
        .order_by("first_flagged_at", "pk")
    )


def moderation_log():
    """The moderation log, newest first; ``topic_exists`` says whether a link to
    the topic still leads somewhere."""
    from machina.apps.forum_conversation.models import Topic

    return ModerationLogEntry.objects.select_related("actor", "post_author").annotate(
        topic_exists=Exists(Topic.objects.filter(pk=OuterRef("topic_id")))
    )


def forum_export(*, user) -> tuple[str, dict]:
    """What a member wrote and left in the forum, for "download my data": posts,
    earlier versions of them, rejected posts, flags raised, what moderation did
    to their posts and what they decided as a moderator (the log's ids and
    reasons), signature, follows."""
    from django.apps import apps
    from machina.apps.forum_conversation.models import Post

    from forum.models import ModerationDecision, PostRevision

    ForumProfile = apps.get_model("forum_member", "ForumProfile")
    TopicPollVote = apps.get_model("forum_polls", "TopicPollVote")

    def text(value) -> str:
        return getattr(value, "raw", None) or str(value or "")

    posts = (
        Post.objects.filter(poster=user)
        .select_related("topic", "topic__forum")
        .order_by("created")
    )
    revisions = (
        PostRevision.objects.filter(post__poster=user)
        .select_related("post__topic")
        .order_by("replaced_at")
    )
    rejected = ModerationDecision.objects.filter(
        post_author=user, action=ModerationDecision.Action.REJECTED
    ).order_by("decided_at")
    flags = (
        PostFlag.objects.filter(flagged_by=user)
        .select_related("post__topic")
        .order_by("created_at")
    )
    profile = ForumProfile.objects.filter(user=user).first()

    def log_rows(entries) -> list[dict]:
        return [
            {
                "action": entry.action,
                "reason": entry.reason,
                "post_id": entry.post_id,
                "topic_id": entry.topic_id,
                "at": entry.created_at.isoformat(),
            }
            for entry in entries.order_by("created_at", "pk")
        ]

    from forum.models import PostReaction

    return "forum", {
        "reactions": [
            {
                "post_id": reaction.post_id,
                "kind": reaction.kind,
                "at": reaction.created_at.isoformat(),
            }
            for reaction in PostReaction.objects.filter(user=user).order_by("pk")
        ],
        "posts": [
            {
                "forum": post.topic.forum.name,
                "topic": post.topic.subject,
                "subject": post.subject,
                "text": text(post.content),
                "created": post.created.isoformat(),
                "approved": post.approved,
            }
            for post in posts
        ],
        "earlier_versions": [
            {
                "topic": revision.post.topic.subject,
                "subject": revision.subject,
                "text": revision.content,
                "replaced_at": revision.replaced_at.isoformat(),
            }
            for revision in revisions
        ],
        "rejected_posts": [
            {
                "topic": decision.topic_subject,
                "text": decision.content,
                "note": decision.note,
                "decided_at": decision.decided_at.isoformat(),
            }
            for decision in rejected
        ],
        "flags": [
            {
                "topic": flag.post.topic.subject,
                "reason": flag.reason,
                "note": flag.note,
                "status": flag.status,
                "created_at": flag.created_at.isoformat(),
            }
            for flag in flags
        ],
        "moderation_of_my_posts": log_rows(
            ModerationLogEntry.objects.filter(post_author=user)
        ),
        "moderation_actions_taken": log_rows(
            ModerationLogEntry.objects.filter(actor=user)
        ),
        "signature": text(profile.signature) if profile else "",
        "followed_topics": list(
            user.topic_subscriptions.order_by("pk").values_list("subject", flat=True)
        ),
        "poll_votes": TopicPollVote.objects.filter(voter=user).count(),
    }


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


def reactions_for(*, post_ids, user) -> dict:
    """Each post's reactions for a page of posts, in one query: per post and
    kind, the count, the names of who reacted, and whether ``user`` did.
    ``{post_id: {kind: {"count", "names", "mine"}}}``; a kind nobody chose is
    there with a count of 0, so that the buttons show."""
    from forum.models import PostReaction

    found = {
        post_id: {
            kind: {"count": 0, "names": [], "mine": False}
            for kind in PostReaction.Kind.values
        }
        for post_id in post_ids
    }
    rows = (
        PostReaction.objects.filter(post_id__in=list(post_ids))
        .select_related("user")
        .order_by("created_at", "pk")
    )
    for reaction in rows:
        entry = found[reaction.post_id][reaction.kind]
        entry["count"] += 1
        entry["names"].append(reaction.user.get_display_name())
        entry["mine"] = entry["mine"] or reaction.user_id == user.pk
    return found


def has_posted(*, user) -> bool:
    """Whether the member wrote anything in the forum yet (a post waiting for
    approval counts: the dashboard's "Start here" asks what they did)."""
    from machina.apps.forum_conversation.models import Post

    return Post.objects.filter(poster=user).exists()


def new_topic_url(*, forum_slug: str) -> str | None:
    """The "new topic" form of the forum with this slug, if it exists."""
    from django.urls import reverse
    from machina.apps.forum.models import Forum

    forum = Forum.objects.filter(slug=forum_slug).values("slug", "pk").first()
    if forum is None:
        return None
    return reverse(
        "forum_conversation:topic_create",
        kwargs={"forum_slug": forum["slug"], "forum_pk": forum["pk"]},
    )
