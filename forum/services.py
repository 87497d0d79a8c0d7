"""Writes for the forum: what happens when a post is created, approved, rejected or
flagged, and the emails that follow.

Emails name the topic, the author and a link, never the post's text: clinical
material does not leave the site by email.
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from community import access
from community.mail import send_templated_mail
from forum.models import (
    DigestItem,
    ModerationAlertState,
    ModerationDecision,
    PostFlag,
    PostPrivacyConfirmation,
    PostRevision,
)


def topic_url(topic, post=None) -> str:
    url = reverse(
        "forum_conversation:topic",
        args=[topic.forum.slug, topic.forum.pk, topic.slug, topic.pk],
    )
    if post is not None:
        url += f"?post={post.pk}#{post.pk}"
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


def post_record_revision(*, post_id: int, editor) -> None:
    """Keep the version of a post that an edit is about to replace."""
    from machina.apps.forum_conversation.models import Post

    old = Post.objects.filter(pk=post_id).values("subject", "content").first()
    if old is not None:
        PostRevision.objects.create(
            post_id=post_id,
            subject=old["subject"],
            content=old["content"] or "",
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
