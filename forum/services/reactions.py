"""Reactions on posts: "Helpful" and "Thank you", one of each per member.

Adding is idempotent (a second click, or two at once, leaves one reaction:
the unique constraint decides). The author hears of it in their notification
centre, batched: one entry per post per day (UTC), whoever reacts after the
first; never their own reaction.
"""

from django.db import IntegrityError, transaction
from django.utils import timezone

from forum.models import PostReaction
from forum.services.emails import topic_url
from notifications.models import Kind
from notifications.services import notification_add


def reaction_add(*, post, user, kind: str) -> bool:
    """True when the reaction is new."""
    if kind not in PostReaction.Kind.values:
        raise ValueError(f"Unknown reaction {kind!r}")
    try:
        with transaction.atomic():
            PostReaction.objects.create(post=post, user=user, kind=kind)
            if post.poster_id and post.poster_id != user.pk:
                notification_add(
                    user=post.poster,
                    kind=Kind.REACTION,
                    title="Members reacted to your post",
                    url=topic_url(post.topic, post),
                    key=f"reactions:{post.pk}:{timezone.now():%Y-%m-%d}",
                )
    except IntegrityError:
        return False
    return True


def reaction_remove(*, post, user, kind: str) -> bool:
    deleted, _ = PostReaction.objects.filter(post=post, user=user, kind=kind).delete()
    return bool(deleted)
