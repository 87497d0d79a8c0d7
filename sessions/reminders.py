"""Reminders, sent by a django-q2 schedule every few minutes.

Each (kind, session, member) is recorded in SentReminder under a unique
constraint before its email is queued, in one transaction: a worker that
restarts, or two workers running at once, never send the same reminder twice.
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from community.access import has_member_access
from sessions.models import CoachingSession, SentReminder

Kind = SentReminder.Kind
Status = CoachingSession.Status
# Which notification preference switches each reminder off.
PREFERENCE = {
    Kind.QUESTIONS_CLOSING: "session_questions_closing",
    Kind.DAY_BEFORE: "session_reminder_day",
    Kind.HOUR_BEFORE: "session_reminder_hour",
    Kind.RECORDING: "session_recording_posted",
}


def due_sessions(kind: str, now):
    live = CoachingSession.objects.exclude(status__in=[Status.CANCELLED, Status.DONE])
    if kind == Kind.QUESTIONS_CLOSING:
        return live.filter(
            status=Status.SCHEDULED,
            questions_close_at__gt=now,
            questions_close_at__lte=now + timedelta(hours=24),
        )
    if kind == Kind.DAY_BEFORE:
        return live.filter(
            starts_at__gt=now + timedelta(hours=1),
            starts_at__lte=now + timedelta(hours=24),
        )
    if kind == Kind.HOUR_BEFORE:
        return live.filter(starts_at__gt=now, starts_at__lte=now + timedelta(hours=1))
    return CoachingSession.objects.filter(
        status=Status.DONE,
        starts_at__gte=now - timedelta(days=30),
    ).exclude(recording_url="")


def _recipients(kind: str):
    preference = PREFERENCE[kind]
    users = (
        get_user_model()
        .objects.filter(is_active=True, deleted_at__isnull=True)
        .select_related("notification_preferences", "membership")
    )
    for user in users:
        preferences = getattr(user, "notification_preferences", None)
        if preferences is not None and not getattr(preferences, preference):
            continue
        if has_member_access(user):
            yield user


def _send(kind: str, session, user) -> bool:
    try:
        with transaction.atomic():
            SentReminder.objects.create(kind=kind, session=session, user=user)
            context = {
                "user": user,
                "session": session,
                "url": settings.SITE_URL
                + reverse("coaching_sessions:detail", args=[session.pk]),
                "site_url": settings.SITE_URL,
                "community_name": settings.COMMUNITY_NAME,
            }
            subject = render_to_string(
                f"coaching_sessions/email/reminder_{kind}/subject.txt", context
            )
            body = render_to_string(
                f"coaching_sessions/email/reminder_{kind}/body.txt", context
            )
            send_mail(" ".join(subject.split()), body, None, [user.email])
    except IntegrityError:
        return False  # already sent (by this worker before, or another one now)
    return True


def send_due_reminders(*, now=None) -> int:
    now = now or timezone.now()
    sent = 0
    for kind in PREFERENCE:
        sessions = list(due_sessions(kind, now))
        if not sessions:
            continue
        already = set(
            SentReminder.objects.filter(kind=kind, session__in=sessions).values_list(
                "session_id", "user_id"
            )
        )
        for user in _recipients(kind):
            for session in sessions:
                if (session.pk, user.pk) not in already and _send(kind, session, user):
                    sent += 1
    return sent
