"""The django-q2 schedules for coaching sessions, kept in code and applied by
``migrate``. Idempotent: a schedule is found by its name and never duplicated."""

SCHEDULE_TOP_UP = "sessions: top up schedule"
SCHEDULE_REMINDERS = "sessions: reminders"


def ensure_schedules() -> None:
    """Keep the next months of sessions created, and send reminders when due."""
    from datetime import UTC, datetime, time, timedelta

    from django.utils import timezone
    from django_q.models import Schedule

    tomorrow = timezone.now().date() + timedelta(days=1)
    Schedule.objects.get_or_create(
        name=SCHEDULE_TOP_UP,
        defaults={
            "func": "sessions.tasks.top_up_sessions",
            "schedule_type": Schedule.DAILY,
            "next_run": datetime.combine(tomorrow, time(5, 0), tzinfo=UTC),
        },
    )
    Schedule.objects.get_or_create(
        name=SCHEDULE_REMINDERS,
        defaults={
            "func": "sessions.tasks.send_reminders",
            "schedule_type": Schedule.MINUTES,
            "minutes": 5,
        },
    )
