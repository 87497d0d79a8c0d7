"""Reminders, sent by a django-q2 schedule every few minutes.

Each (kind, session, member) is recorded in SentReminder under a unique
constraint before its email is queued, in one transaction (``send_once``): a
worker that restarts, or two workers running at once, never send the same
reminder twice. The emails link the session's join and recording pages, never
the meeting or the recording themselves.
"""

from datetime import timedelta

from django.utils import timezone

from community.access import users_with_member_access, wants_email_q
from sessions.models import CoachingSession, SentReminder
from sessions.services.emails import join_url, recording_url, send_once, session_url

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
        # A published agenda does not close questions: the reminder still goes.
        return live.filter(
            status__in=[Status.SCHEDULED, Status.AGENDA_PUBLISHED],
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
    # The recording email links the site's recording page (which checks access
    # and leads to the library video), never the recording itself.
    url = recording_url(session) if kind == Kind.RECORDING else session_url(session)
    return send_once(
        kind=kind,
        session=session,
        user=user,
        template=f"reminder_{kind}",
        url=url,
        join_url=join_url(session),
    )


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
