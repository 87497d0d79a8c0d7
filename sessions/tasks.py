"""django-q2 tasks for coaching sessions: the schedules' (sessions/setup.py) and
the agenda emails queued when the director publishes an agenda.

Each takes ids, never content: a task's arguments sit in the broker's tables.
"""

from django.utils import timezone

from community.access import users_with_member_access, wants_email_q
from sessions.models import CoachingSession, Question, SentReminder
from sessions.services import schedule
from sessions.services.emails import send_once, session_url


def top_up_sessions() -> int:
    return schedule.sessions_top_up()


def send_reminders() -> int:
    from sessions.reminders import send_due_reminders

    return send_due_reminders()


def send_agenda_emails(session_id: int) -> int:
    """Email every member who wants it that the agenda is out; once each.

    Safe to run again and on two workers at once: each recipient is claimed by a
    SentReminder row (kind "agenda") in the transaction that queues the email,
    and a claim taken by the other worker is skipped. Returns how many this run
    sent. A session cancelled or held since the publication sends nothing.
    """
    session = CoachingSession.objects.filter(
        pk=session_id, status=CoachingSession.Status.AGENDA_PUBLISHED
    ).first()
    if session is None:
        return 0
    kind = SentReminder.Kind.AGENDA
    count = session.questions.filter(status=Question.Status.ACCEPTED).count()
    questions_open = session.accepts_questions(timezone.now())
    already = SentReminder.objects.filter(kind=kind, session=session).values("user")
    recipients = (
        users_with_member_access()
        .filter(wants_email_q("session_agenda_published"))
        .exclude(pk__in=already)
        .order_by("pk")
    )
    sent = 0
    for user in list(recipients):
        if send_once(
            kind=kind,
            session=session,
            user=user,
            template="agenda",
            count=count,
            questions_open=questions_open,
            url=session_url(session),
        ):
            sent += 1
    return sent
