"""The django-q2 schedule for billing, kept in code and applied by ``migrate``
(as sessions/setup.py does). Idempotent: found by its name, never duplicated."""

SCHEDULE_REDACT_EVENTS = "memberships: redact old Stripe events"


def ensure_schedules() -> None:
    """Once a day, forget old webhook payloads (STRIPE_EVENT_RETENTION_DAYS)."""
    from datetime import UTC, datetime, time, timedelta

    from django.utils import timezone
    from django_q.models import Schedule

    tomorrow = timezone.now().date() + timedelta(days=1)
    Schedule.objects.get_or_create(
        name=SCHEDULE_REDACT_EVENTS,
        defaults={
            "func": "memberships.tasks.redact_old_stripe_events",
            "schedule_type": Schedule.DAILY,
            "next_run": datetime.combine(tomorrow, time(4, 30), tzinfo=UTC),
        },
    )
