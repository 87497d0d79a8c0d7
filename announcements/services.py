"""Sending bulk emails: the director's announcement and the weekly digest of
new videos.

Each goes from a django-q2 task (its only argument an id or nothing) to the
members with access who kept that kind on, in batches; each person is claimed
(``BulkEmailClaim``, unique per email and person) in the transaction that
queues their email, so a second run or a second worker skips them. Every email
carries ``List-Unsubscribe`` headers and a signed link (``unsubscribe``).
An announcement's email carries its text: it is the director's, not a case.
"""

import html
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.html import strip_tags
from django_q.tasks import async_task

from announcements.models import Announcement, BulkEmailClaim
from community import access, unsubscribe
from community.mail import send_templated_mail
from forum.services.emails import topic_url

BATCH = 200
ANNOUNCEMENTS_FORUM = "announcements"


def recipients(kind: str):
    """Members with access who want ``kind`` (announcements are on unless
    turned off; the videos digest is off unless turned on)."""
    field = unsubscribe.KINDS[kind][0]
    wants = Q(**{f"notification_preferences__{field}": True})
    if kind == "announcements":
        wants |= Q(notification_preferences__isnull=True)
    users = get_user_model().objects.filter(
        wants, is_active=True, deleted_at__isnull=True
    )
    return access.users_with_member_access(users).order_by("pk")


def may_announce(topic) -> bool:
    return topic.forum.slug == ANNOUNCEMENTS_FORUM and topic.approved


@transaction.atomic
def announcement_queue(*, topic, user) -> Announcement:
    """Email the topic to the members, once (a task, queued on commit)."""
    if not may_announce(topic):
        raise ValidationError("Only an approved Announcements topic is emailed.")
    try:
        with transaction.atomic():
            announcement = Announcement.objects.create(
                topic=topic, subject=topic.subject[:255], sent_by=user
            )
    except IntegrityError as taken:
        raise ValidationError("This announcement has been emailed already.") from taken
    transaction.on_commit(
        lambda: async_task(
            "announcements.tasks.send_announcement",
            announcement.pk,
            task_name=f"announcement {announcement.pk}",
            group="announcements",
        )
    )
    return announcement


def _plain(rendered_html: str) -> str:
    return html.unescape(strip_tags(rendered_html)).strip()


def _send_batches(
    *, key: str, kind: str, template: str, context: dict, author_id=None
) -> int:
    sent = 0
    claimed = BulkEmailClaim.objects.filter(key=key).values("user_id")
    people = recipients(kind).exclude(pk__in=claimed)
    if author_id:
        people = people.exclude(pk=author_id)  # who wrote it needs no copy
    while True:
        batch = list(people[:BATCH])
        if not batch:
            return sent
        for user in batch:
            try:
                with transaction.atomic():
                    BulkEmailClaim.objects.create(key=key, user=user)
                    send_templated_mail(
                        template=template,
                        to=[user.email],
                        context={
                            **context,
                            "user": user,
                            "unsubscribe_url": unsubscribe.link_for(user, kind),
                        },
                        headers=unsubscribe.headers_for(user, kind),
                    )
            except IntegrityError:
                continue  # the other worker has them
            sent += 1


def announcement_send(*, announcement_id: int) -> int:
    announcement = (
        Announcement.objects.select_related("topic", "topic__first_post")
        .filter(pk=announcement_id)
        .first()
    )
    if announcement is None or announcement.topic is None:
        return 0
    topic = announcement.topic
    first = topic.first_post
    sent = _send_batches(
        key=f"announcement:{announcement.pk}",
        kind="announcements",
        template="announcements/email/announcement",
        author_id=announcement.sent_by_id,
        context={
            "subject": announcement.subject,
            "text": _plain(first.content.rendered) if first else "",
            "url": topic_url(topic),
        },
    )
    Announcement.objects.filter(pk=announcement.pk).update(
        finished_at=timezone.now(),
        recipients=BulkEmailClaim.objects.filter(
            key=f"announcement:{announcement.pk}"
        ).count(),
    )
    return sent


def new_videos(now, days: int = 7):
    from courses.models import VideoPage

    return (
        VideoPage.objects.live()
        .public()
        .filter(first_published_at__gte=now - timedelta(days=days))
        .order_by("-first_published_at")
    )


def video_digest_send(*, now=None) -> int:
    """The week's digest (ISO week, UTC): once per person per week, whichever
    day's run gets there first; nothing when no video was published."""
    now = now or timezone.now()
    videos = list(new_videos(now))
    if not videos:
        return 0
    year, week, _ = now.isocalendar()
    return _send_batches(
        key=f"videos:{year}-W{week:02d}",
        kind="videos",
        template="announcements/email/videos",
        context={
            "videos": [
                {"title": video.title, "url": video.get_full_url()} for video in videos
            ]
        },
    )
