"""The django-q2 schedule for billing, kept in code and applied by ``migrate``
(``community.schedules``). Idempotent: found by its name, never duplicated."""

from datetime import time

from community.schedules import ensure_daily

SCHEDULE_REDACT_EVENTS = "memberships: redact old Stripe events"


def ensure_schedules() -> None:
    """Once a day, forget old webhook payloads (STRIPE_EVENT_RETENTION_DAYS)."""
    ensure_daily(
        name=SCHEDULE_REDACT_EVENTS,
        func="memberships.tasks.redact_old_stripe_events",
        at=time(4, 30),
    )
