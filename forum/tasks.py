"""django-q2 tasks for the forum: thin wrappers around services, run by the
schedules in forum/setup.py or enqueued after a commit (notify_subscribers).
Their arguments are ids, never a post's text."""

from forum import services


def notify_subscribers(post_id: int) -> None:
    services.post_published(post_id=post_id)


def send_digests() -> int:
    return services.send_digests()


def send_moderation_alerts() -> int:
    return services.send_moderation_alerts()


def expire_rejected_texts() -> int:
    return services.rejected_texts_expire()
