"""The director's writes: approving, rejecting, flags, removing a post and
deleting a topic, each recorded in the moderation log (ModerationLogEntry).

The author hears of a decision by email without the post's text or title; a
rejected post's text is kept on the site for its author (see ``scheduled``).
"""

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from forum.models import (
    DigestItem,
    ModerationDecision,
    ModerationLogEntry,
    PostFlag,
    PostPrivacyConfirmation,
    PostRevision,
)
from forum.services.emails import send_forum_email, topic_url
from forum.services.posting import post_enqueue_notifications
from notifications.models import Kind
from notifications.services import notification_add

# What a post the director removed says in its place.
REMOVED_TEXT = "Removed by the director"


def _log(
    *, action: str, actor, post_author_id, post_id=None, topic_id=None, reason=""
) -> ModerationLogEntry:
    entry = ModerationLogEntry(
        action=action,
        actor=actor,
        post_author_id=post_author_id,
        post_id=post_id,
        topic_id=topic_id,
        reason=reason,
    )
    entry.full_clean()
    entry.save()
    return entry


def _log_post(action: str, *, moderator, post, reason: str = "") -> ModerationLogEntry:
    """A decision on one post, logged with its author, post and topic ids."""
    return _log(
        action=action,
        actor=moderator,
        post_author_id=post.poster_id,
        post_id=post.pk,
        topic_id=post.topic_id,
        reason=reason,
    )


@transaction.atomic
def post_approve(*, post, moderator) -> None:
    post.approved = True
    post.save()
    ModerationDecision.objects.create(
        action=ModerationDecision.Action.APPROVED,
        post_author_id=post.poster_id,
        topic_subject=post.topic.subject,
        decided_by=moderator,
    )
    _log_post(ModerationLogEntry.Action.POST_APPROVED, moderator=moderator, post=post)
    if post.poster_id:
        post.topic.subscribers.add(post.poster_id)
        send_forum_email(
            kind="approved",
            to=[post.poster.email],
            user=post.poster,
            topic=post.topic,
            url=topic_url(post.topic, post),
        )
        notification_add(
            user=post.poster,
            kind=Kind.POST_REVIEWED,
            title="The director approved your post: it is published",
            url=topic_url(post.topic, post),
            key=f"approved:{post.pk}",
        )
    post_enqueue_notifications(post_id=post.pk)


@transaction.atomic
def post_reject(*, post, moderator, note: str) -> ModerationDecision:
    """Remove a waiting post; the author gets the note and keeps their text on site."""
    decision = ModerationDecision.objects.create(
        action=ModerationDecision.Action.REJECTED,
        post_author_id=post.poster_id,
        topic_subject=post.topic.subject,
        content=post.content.raw if hasattr(post.content, "raw") else str(post.content),
        note=note,
        decided_by=moderator,
    )
    _log_post(ModerationLogEntry.Action.POST_REJECTED, moderator=moderator, post=post)
    author = post.poster
    if post.is_topic_head:
        post.topic.delete()
    else:
        post.delete()
    if author is not None:
        send_forum_email(
            kind="rejected",
            to=[author.email],
            user=author,
            decision=decision,
            retention_days=settings.FORUM_REJECTED_RETENTION_DAYS,
            url=settings.SITE_URL
            + reverse("community_forum:decision", args=[decision.pk]),
        )
        notification_add(
            user=author,
            kind=Kind.POST_REVIEWED,
            title="The director did not publish your post and left you a note",
            url=reverse("community_forum:decision", args=[decision.pk]),
            key=f"rejected:{decision.pk}",
        )
    return decision


def flag_create(*, post, user, reason: str, note: str = "") -> PostFlag | None:
    """A member's flag; a second open flag on the same post by the same member is
    refused by the database (None is returned)."""
    flag = PostFlag(post=post, flagged_by=user, reason=reason, note=note)
    flag.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            flag.save()
    except IntegrityError:
        return None
    return flag


def flags_resolve(*, post, moderator, status: str) -> int:
    return PostFlag.objects.filter(post=post, status=PostFlag.Status.OPEN).update(
        status=status, resolved_by=moderator, resolved_at=timezone.now()
    )


@transaction.atomic
def flags_dismiss(*, post, moderator) -> int:
    """The post stays as it is; the decision is logged if there was one to make."""
    dismissed = flags_resolve(
        post=post, moderator=moderator, status=PostFlag.Status.DISMISSED
    )
    if dismissed:
        _log_post(
            ModerationLogEntry.Action.FLAGS_DISMISSED, moderator=moderator, post=post
        )
    return dismissed


@transaction.atomic
def post_remove(*, post, moderator, reason: str) -> ModerationLogEntry | None:
    """Take one post's text off the site and keep the thread around it.

    The text becomes REMOVED_TEXT (so the stored search vector follows), and
    everything that still holds the original goes with it: earlier versions,
    the privacy confirmation, attachments, an unsent digest item. The replies,
    the topic and its title stay; a title that must go is the topic's deletion
    (``topic_delete``). The post's row is locked: a second director's click, or
    a second submit, finds it removed and does nothing (None).
    """
    from machina.apps.forum_conversation.models import Post

    post = (
        Post.objects.select_for_update(of=("self",))
        .select_related("topic", "poster")
        .get(pk=post.pk)
    )
    flags_resolve(post=post, moderator=moderator, status=PostFlag.Status.ACTIONED)
    if getattr(post.content, "raw", post.content) == REMOVED_TEXT:
        return None
    PostRevision.objects.filter(post=post).delete()
    PostPrivacyConfirmation.objects.filter(post=post).delete()
    DigestItem.objects.filter(post=post, sent_at__isnull=True).delete()
    for attachment in post.attachments.all():
        attachment.file.delete(save=False)
        attachment.delete()
    post.content = REMOVED_TEXT
    post.updated_by = moderator
    post.update_reason = ""
    post.save()
    entry = _log_post(
        ModerationLogEntry.Action.POST_REMOVED,
        moderator=moderator,
        post=post,
        reason=reason,
    )
    if post.poster is not None:
        send_forum_email(
            kind="removed",
            to=[post.poster.email],
            user=post.poster,
            decision=entry,
            url=topic_url(post.topic, post),
        )
    return entry


@transaction.atomic
def topic_delete(*, topic, moderator, reason: str) -> ModerationLogEntry:
    """Delete a topic with every post in it, after the director confirmed it; the
    log keeps who, when, why and the ids, nothing of what it said."""
    from machina.apps.forum_conversation.models import Topic

    topic = Topic.objects.select_for_update(of=("self",)).get(pk=topic.pk)
    entry = _log(
        action=ModerationLogEntry.Action.TOPIC_DELETED,
        actor=moderator,
        post_author_id=topic.poster_id,
        post_id=topic.first_post_id,
        topic_id=topic.pk,
        reason=reason,
    )
    topic.delete()
    return entry
