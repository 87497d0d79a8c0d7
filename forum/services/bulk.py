"""The director's decisions on several waiting posts at once, from the approval
queue: each post goes through the same ``post_approve`` / ``post_reject`` as a
single decision, so each is logged, and its author told, exactly as one is.

Posts are decided oldest first, each under a row lock and only while it still
waits: a post another tab decided meanwhile, or a reply that went with its
rejected topic, is skipped and counted as such.
"""

from dataclasses import dataclass

from django.db import transaction

from forum.services.moderation import post_approve, post_reject


@dataclass(frozen=True)
class BulkOutcome:
    decided: int
    skipped: int


def _still_waiting(post_id: int):
    from machina.apps.forum_conversation.models import Post

    return (
        Post.objects.select_for_update(of=("self",))
        .select_related("topic", "poster")
        .filter(pk=post_id, approved=False)
        .first()
    )


def _decide(*, post_ids, decide) -> BulkOutcome:
    decided = skipped = 0
    for post_id in post_ids:
        post = _still_waiting(post_id)
        if post is None:
            skipped += 1
            continue
        decide(post)
        decided += 1
    return BulkOutcome(decided=decided, skipped=skipped)


def _oldest_first(posts) -> list[int]:
    return [post.pk for post in sorted(posts, key=lambda post: (post.created, post.pk))]


@transaction.atomic
def posts_approve(*, posts, moderator) -> BulkOutcome:
    """Approve each waiting post (``posts``: the ones the moderator may approve)."""
    return _decide(
        post_ids=_oldest_first(posts),
        decide=lambda post: post_approve(post=post, moderator=moderator),
    )


@transaction.atomic
def posts_reject(*, posts, moderator, note: str) -> BulkOutcome:
    """Reject each waiting post with the same note, which each author receives
    as they would a single rejection's."""
    return _decide(
        post_ids=_oldest_first(posts),
        decide=lambda post: post_reject(post=post, moderator=moderator, note=note),
    )
