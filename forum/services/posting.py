"""Writes when a member posts: the privacy confirmation, the edit history with
the guard's matches redacted, and the subscribers' notifications, sent from a
django-q2 task (``post_enqueue_notifications``), never from the poster's request.
"""

import logging

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django_q.tasks import async_task

from community import access
from community.privacy import find_identifiers
from forum import mentions
from forum.models import (
    DigestItem,
    PostNotification,
    PostPrivacyConfirmation,
    PostRevision,
)
from forum.services.emails import send_forum_email, topic_url
from notifications.models import Kind
from notifications.services import notification_add

logger = logging.getLogger(__name__)

# What an earlier version says when the guard could not check it: without the
# check there is no telling what to redact, so nothing of it is kept.
REVISION_WITHHELD = "[earlier version withheld: the privacy check did not run]"


def post_record_privacy_confirmation(*, post, user, matches: list[dict]) -> None:
    """Keep the author's "I confirm this is de-identified" for the moderators."""
    if matches:
        PostPrivacyConfirmation.objects.update_or_create(
            post=post, defaults={"confirmed_by": user, "matches": matches}
        )
    else:
        PostPrivacyConfirmation.objects.filter(post=post).delete()


def redact_identifiers(text: str) -> str:
    """``text`` with every match of the privacy guard replaced by its category,
    e.g. "[personal name removed]".

    An edit is often the author taking a client's name out; a history that kept
    the old text verbatim would keep the name. Every match is redacted, whether
    or not the new version still has it: the history then never depends on what
    the edit did. Members' names are not spared (no ``members=``): an earlier
    version is never shown to the guard's confirmation again, and redacting a
    colleague's name there costs nothing. Used by migration 0005 as well.
    """
    if not text or not text.strip():
        return text or ""
    try:
        matches = find_identifiers(text)
    except Exception:
        # The text itself is never logged: it may name a client.
        logger.exception("The privacy check failed on an earlier version of a post")
        return REVISION_WITHHELD
    parts: list[str] = []
    position = 0
    for match in sorted(matches, key=lambda m: (m.start, m.end)):
        if match.start < position or match.start >= match.end:
            continue
        parts.append(text[position : match.start])
        parts.append(f"[{match.label.lower()} removed]")
        position = match.end
    parts.append(text[position:])
    return "".join(parts)


def post_record_revision(*, post_id: int, editor) -> None:
    """Keep the version of a post that an edit is about to replace, with the
    guard's matches redacted (see ``redact_identifiers``). Authors' edits and the
    director's edits of a flagged post both come through here."""
    from machina.apps.forum_conversation.models import Post

    old = Post.objects.filter(pk=post_id).values("subject", "content").first()
    if old is None:
        return
    subject_length = PostRevision._meta.get_field("subject").max_length
    # Copied from a saved post, so no full_clean: it must not refuse an edit.
    PostRevision.objects.create(
        post_id=post_id,
        subject=redact_identifiers(old["subject"] or "")[:subject_length],
        content=redact_identifiers(old["content"] or ""),
        edited_by=editor,
    )


def quote_markdown(*, post) -> str:
    """A post as a Markdown quote, to start a reply with."""
    author = post.poster.get_display_name() if post.poster else "A member"
    text = getattr(post.content, "raw", str(post.content or "")).strip()
    quoted = "\n".join(f"> {line}" if line else ">" for line in text.splitlines())
    return f"> **{author} wrote:**\n>\n{quoted}\n\n"


def post_created(*, post) -> None:
    """After machina saved a new post: follow the topic, tell the subscribers."""
    if post.poster_id:
        post.topic.subscribers.add(post.poster_id)
    if post.approved:
        post_enqueue_notifications(post_id=post.pk)


def post_enqueue_notifications(*, post_id: int) -> None:
    """Tell the subscribers from a task, once the post is committed: a topic with
    many followers must not hold up the poster's request. The task gets the id
    only; the broker never holds a post's text."""
    transaction.on_commit(
        lambda: async_task(
            "forum.tasks.notify_subscribers",
            post_id,
            task_name=f"forum: notify post {post_id}",
            group="forum",
        )
    )


def _tell_mentioned(post, author: str) -> None:
    """Members the post @mentions who can read its forum: an entry in their
    notification centre and, if they want it, an email (claimed like a
    subscriber's, so a mentioned follower gets one email, and a second run
    none)."""
    readers, _others = mentions.split_by_access(
        post.content.raw, post.topic.forum, author=post.poster
    )
    for user in readers:
        notification_add(
            user=user,
            kind=Kind.MENTION,
            title=f"{author} mentioned you in a post",
            url=topic_url(post.topic, post),
            key=f"mention:{post.pk}",
        )
        preferences = getattr(user, "notification_preferences", None)
        if preferences is not None and not preferences.forum_mentions:
            continue
        try:
            with transaction.atomic():
                PostNotification.objects.create(post=post, user=user)
                send_forum_email(
                    kind="mention",
                    to=[user.email],
                    user=user,
                    author=author,
                    url=topic_url(post.topic, post),
                )
        except IntegrityError:
            continue


def post_published(*, post_id: int) -> None:
    """A post became visible: email or queue it for the topic's subscribers.

    Each subscriber is claimed (PostNotification, unique per post and member) in
    the transaction that sends their email or queues their digest item, so the
    task can run twice, or on two workers, and still tell each one once.
    """
    from machina.apps.forum_conversation.models import Post

    post = (
        Post.objects.select_related("topic", "topic__forum", "poster")
        .filter(pk=post_id, approved=True)
        .first()
    )
    if post is None:
        return
    subscribers = access.users_with_member_access(
        get_user_model()
        .objects.filter(topic_subscriptions=post.topic)
        .exclude(pk=post.poster_id)
    ).select_related("notification_preferences")
    author = post.poster.get_display_name() if post.poster else "A member"
    _tell_mentioned(post, author)
    for user in subscribers:
        notification_add(
            user=user,
            kind=Kind.FORUM_REPLY,
            title=f"{author} replied in a topic you follow",
            url=topic_url(post.topic, post),
            key=f"reply:{post.pk}",
        )
        preferences = getattr(user, "notification_preferences", None)
        delivery = preferences.forum_replies if preferences else "immediate"
        if delivery not in ("immediate", "digest"):
            continue
        try:
            with transaction.atomic():
                PostNotification.objects.create(post=post, user=user)
                if delivery == "digest":
                    DigestItem.objects.get_or_create(user=user, post=post)
                    continue
                send_forum_email(
                    kind="reply",
                    to=[user.email],
                    user=user,
                    topic=post.topic,
                    author=author,
                    url=topic_url(post.topic, post),
                )
        except IntegrityError:
            continue  # told already, by an earlier run or by another worker
