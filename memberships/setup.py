"""The django-q2 schedules for billing, kept in code and applied by ``migrate``
(``community.schedules``). Idempotent: found by their names, never duplicated."""

from datetime import time

from community.schedules import ensure_daily, ensure_every

SCHEDULE_REDACT_EVENTS = "memberships: redact old Stripe events"
SCHEDULE_REQUEUE_EVENTS = "memberships: queue again Stripe events left pending"


def ensure_schedules() -> None:
    """Once a day, forget old webhook payloads (STRIPE_EVENT_RETENTION_DAYS);
    every five minutes, queue again the events whose task was lost."""
    ensure_daily(
        name=SCHEDULE_REDACT_EVENTS,
        func="memberships.tasks.redact_old_stripe_events",
        at=time(4, 30),
    )
    ensure_every(
        name=SCHEDULE_REQUEUE_EVENTS,
        func="memberships.tasks.requeue_pending_stripe_events",
        minutes=5,
    )
