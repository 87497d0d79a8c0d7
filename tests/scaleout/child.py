"""Helpers that the scale-out test runs in child processes, on the run's database:

    python -m tests.scaleout.child seed
    python -m tests.scaleout.child enqueue-reminders <count>

with DJANGO_SETTINGS_MODULE=tests.scaleout.settings. Each prints one JSON line.
"""

import json
import sys
from datetime import timedelta

import django


def seed() -> dict:
    from django.utils import timezone
    from django_q.models import Schedule

    from community.models import NotificationPreferences
    from memberships.models import Membership
    from sessions.models import CoachingSession, Question, SentReminder
    from sessions.setup import SCHEDULE_REMINDERS
    from tests.community import factories

    now = timezone.now()
    author = factories.member(user__email="author@example.org")
    voter = factories.member(user__email="voter@example.org")
    # The webhook's customer: signed up, not a member yet; the event makes the
    # membership active (and sends the welcome email). Reminders are off for them
    # so that who gets reminders does not depend on when the event is processed.
    customer = factories.UserFactory(email="customer@example.org")
    Membership.objects.create(
        user=customer,
        status=Membership.Status.NONE,
        stripe_customer_id="cus_ScaleoutCustomer",
    )
    NotificationPreferences.objects.create(
        user=customer,
        session_questions_closing=False,
        session_reminder_day=False,
        session_reminder_hour=False,
        session_recording_posted=False,
    )

    def session(title, *, starts_in, cutoff=timedelta(hours=48), **fields):
        starts_at = now + starts_in
        return CoachingSession.objects.create(
            title=title,
            starts_at=starts_at,
            questions_close_at=starts_at - cutoff,
            meeting_url="https://meet.example.org/coaching",
            **fields,
        )

    open_session = session("Open for questions", starts_in=timedelta(days=7))
    Kind = SentReminder.Kind
    due = {
        # Questions close in 20 hours (the session starts in 30: not "tomorrow").
        Kind.QUESTIONS_CLOSING: session(
            "Closing soon", starts_in=timedelta(hours=30), cutoff=timedelta(hours=10)
        ),
        Kind.DAY_BEFORE: session("Session tomorrow", starts_in=timedelta(hours=10)),
        Kind.HOUR_BEFORE: session("Starting soon", starts_in=timedelta(minutes=40)),
        Kind.RECORDING: session(
            "Recorded session",
            starts_in=-timedelta(days=1),
            status=CoachingSession.Status.DONE,
            recording_url="https://videos.example.org/recording",
        ),
    }
    question = Question.objects.create(
        session=open_session,
        author=author,
        title="How do I end a session with a client who keeps talking?",
        body="A client keeps adding things in the last five minutes.",
    )
    # The reminder schedule was created by migrate and is due: both clusters take
    # it up at their first scheduler pass.
    schedule = Schedule.objects.get(name=SCHEDULE_REMINDERS)
    Schedule.objects.filter(pk=schedule.pk).update(next_run=now - timedelta(minutes=1))
    return {
        "password": factories.PASSWORD,
        "author": {"id": author.pk, "email": author.email},
        "voter": {"id": voter.pk, "email": voter.email},
        "customer": {
            "id": customer.pk,
            "email": customer.email,
            "stripe_customer_id": "cus_ScaleoutCustomer",
        },
        "question_id": question.pk,
        "due": {kind.value: s.pk for kind, s in due.items()},
        "titles": {kind.value: s.title for kind, s in due.items()},
        "schedule_id": schedule.pk,
    }


def enqueue_reminders(count: int) -> dict:
    from django_q.tasks import async_task

    ids = [
        async_task("sessions.tasks.send_reminders", group="scaleout reminders")
        for _ in range(count)
    ]
    return {"tasks": ids}


def main(argv: list[str]) -> None:
    django.setup()
    command, *args = argv
    if command == "seed":
        result = seed()
    elif command == "enqueue-reminders":
        result = enqueue_reminders(int(args[0]))
    else:
        raise SystemExit(f"unknown command {command!r}")
    print(json.dumps(result))  # noqa: T201


if __name__ == "__main__":
    main(sys.argv[1:])
