"""Writes for the forum: what happens when a post is created, approved, rejected or
flagged, and the emails that follow.

Emails name the topic, the author and a link, never the post's text: clinical
material does not leave the site by email. Nor does the site keep what an author
took out: an edit's history is stored with the privacy guard's matches redacted,
and a rejected post's text is deleted after FORUM_REJECTED_RETENTION_DAYS.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from community import access
from community.mail import send_templated_mail
from community.privacy import find_identifiers
from forum.models import (
    DigestItem,
    ModerationAlertState,
    ModerationDecision,
    PostFlag,
    PostPrivacyConfirmation,
    PostRevision,
)

logger = logging.getLogger(__name__)

# What an earlier version says when the guard could not check it: without the
# check there is no telling what to redact, so nothing of it is kept.
REVISION_WITHHELD = "[earlier version withheld: the privacy check did not run]"


def topic_url(topic, post=None) -> str:
    """The address an email carries: no slug, since a topic's slug is its title
    (``forum.views.topic_link`` sends the member on to the topic itself)."""
    url = reverse("community_forum:topic-link", args=[topic.pk])
    if post is not None:
        url += f"?post={post.pk}"
    return settings.SITE_URL + url


def _email(*, kind: str, to: list[str], **context) -> None:
    send_templated_mail(
        template=f"community_forum/email/{kind}", to=to, context=context
    )


# --- posting -----------------------------------------------------------------------


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
        transaction.on_commit(lambda: post_published(post_id=post.pk))


def post_published(*, post_id: int) -> None:
    """A post became visible: email or queue it for the topic's subscribers."""
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
    immediate = []
    for user in subscribers:
        preferences = getattr(user, "notification_preferences", None)
        delivery = preferences.forum_replies if preferences else "immediate"
        if delivery == "immediate":
            immediate.append(user)
        elif delivery == "digest":
            DigestItem.objects.get_or_create(user=user, post=post)
    for user in immediate:
        _email(
            kind="reply",
            to=[user.email],
            user=user,
            topic=post.topic,
            author=post.poster.get_display_name() if post.poster else "A member",
            url=topic_url(post.topic, post),
        )


# --- moderation --------------------------------------------------------------------


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
    if post.poster_id:
        post.topic.subscribers.add(post.poster_id)
        _email(
            kind="approved",
            to=[post.poster.email],
            user=post.poster,
            topic=post.topic,
            url=topic_url(post.topic, post),
        )
    transaction.on_commit(lambda: post_published(post_id=post.pk))


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
    author = post.poster
    if post.is_topic_head:
        post.topic.delete()
    else:
        post.delete()
    if author is not None:
        _email(
            kind="rejected",
            to=[author.email],
            user=author,
            decision=decision,
            retention_days=settings.FORUM_REJECTED_RETENTION_DAYS,
            url=settings.SITE_URL
            + reverse("community_forum:decision", args=[decision.pk]),
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


# --- scheduled emails --------------------------------------------------------------


def send_digests() -> int:
    """One email per member with the replies waiting for their daily digest."""
    pending = (
        DigestItem.objects.filter(sent_at__isnull=True)
        .select_related(
            "user", "post", "post__topic", "post__topic__forum", "post__poster"
        )
        .order_by("user_id", "post__created")
    )
    by_user: dict = {}
    for item in pending:
        by_user.setdefault(item.user, []).append(item)
    for user, items in by_user.items():
        with transaction.atomic():
            claimed = DigestItem.objects.filter(
                pk__in=[i.pk for i in items], sent_at__isnull=True
            ).update(sent_at=timezone.now())
            if claimed != len(items):
                continue  # another worker is sending this one
            topics: dict = {}
            for item in items:
                entry = topics.setdefault(
                    item.post.topic_id,
                    {
                        "topic": item.post.topic,
                        "authors": set(),
                        "count": 0,
                        "url": topic_url(item.post.topic, item.post),
                    },
                )
                entry["count"] += 1
                if item.post.poster:
                    entry["authors"].add(item.post.poster.get_display_name())
            _email(kind="digest", to=[user.email], user=user, topics=topics.values())
    return len(by_user)


def send_moderation_alerts() -> int:
    """Tell the directors, in one email, about new flags and posts awaiting approval."""
    from machina.apps.forum_conversation.models import Post

    with transaction.atomic():
        state = ModerationAlertState.objects.select_for_update().first()
        now = timezone.now()
        if state is None:
            state = ModerationAlertState.objects.create(last_sent_at=now)
            since = now - timedelta(days=1)
        else:
            since = state.last_sent_at
        new_flags = PostFlag.objects.filter(
            created_at__gt=since, status=PostFlag.Status.OPEN
        ).count()
        new_pending = Post.objects.filter(approved=False, created__gt=since).count()
        state.last_sent_at = now
        state.save()
    if not (new_flags or new_pending):
        return 0
    directors = list(
        get_user_model()
        .objects.filter(groups__name=access.DIRECTOR_GROUP, is_active=True)
        .values_list("email", flat=True)
    )
    if directors:
        _email(
            kind="moderation_alert",
            to=directors,
            new_flags=new_flags,
            new_pending=new_pending,
            queue_url=settings.SITE_URL + reverse("community_forum:moderation"),
        )
    return len(directors)


# --- retention ---------------------------------------------------------------------


def rejected_texts_expire(*, now=None) -> int:
    """Blank the kept text of posts rejected more than FORUM_REJECTED_RETENTION_DAYS
    ago; the decision itself (who, when, the note) stays for the moderation log.

    The text is kept so that its author can revise and repost it, not for ever: a
    rejected post is often one that identified a client. One UPDATE filtered by
    date and non-empty text, so running it twice, or on two workers at once,
    blanks each text once and does nothing more.
    """
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.FORUM_REJECTED_RETENTION_DAYS)
    return (
        ModerationDecision.objects.filter(
            action=ModerationDecision.Action.REJECTED, decided_at__lt=cutoff
        )
        .exclude(content="")
        .update(content="")
    )
