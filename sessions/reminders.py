"""Reminders, sent by a django-q2 schedule every few minutes.

Each (kind, session, member) is recorded in SentReminder under a unique
constraint before its email is queued, in one transaction: a worker that
restarts, or two workers running at once, never send the same reminder twice.
"""

from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from community.access import users_with_member_access, wants_email_q
from sessions.models import CoachingSession, SentReminder
from sessions.services.emails import send_session_email, session_url

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
    return users_with_member_access().filter(wants_email_q(PREFERENCE[kind]))


def _send(kind: str, session, user) -> bool:
    try:
        with transaction.atomic():
            SentReminder.objects.create(kind=kind, session=session, user=user)
            send_session_email(
                kind=f"reminder_{kind}",
                user=user,
                session=session,
                url=session_url(session),
            )
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
