"""django-q2 tasks of the announcements app: thin, each calls a service."""

from announcements import services


def send_announcement(announcement_id: int) -> int:
    return services.announcement_send(announcement_id=announcement_id)


def send_video_digest() -> int:
    return services.video_digest_send()
