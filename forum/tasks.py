"""django-q2 tasks for the forum (run by the schedules in forum/setup.py)."""

from forum import services


def send_digests() -> int:
    return services.send_digests()


def send_moderation_alerts() -> int:
    return services.send_moderation_alerts()


def expire_rejected_texts() -> int:
    return services.rejected_texts_expire()
