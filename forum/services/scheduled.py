"""The forum's periodic writes (forum/setup.py schedules them): the daily
digest, the director's batched alerts and the expiry of rejected posts' texts.
Each is safe to run twice or on two workers.
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from community import access, unsubscribe
from forum.models import DigestItem, ModerationAlertState, ModerationDecision, PostFlag
from forum.services.emails import send_forum_email, topic_url


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
            send_forum_email(
                kind="digest",
                to=[user.email],
                user=user,
                topics=topics.values(),
                unsubscribe_url=unsubscribe.link_for(user, "digest"),
                headers=unsubscribe.headers_for(user, "digest"),
            )
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
        send_forum_email(
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
