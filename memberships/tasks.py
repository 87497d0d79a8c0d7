"""django-q2 tasks for billing: thin wrappers that call the event processor and
the webhook log's retention."""

from django.db import transaction
from django_q.tasks import async_task

from memberships.services import stripe_events_redact_old
from memberships.stripe_events import process_event


def process_stripe_event(event_id: str) -> str:
    return process_event(event_id=event_id).outcome


def enqueue_stripe_event(*, event_id: str) -> None:
    """Queue processing once the event row is committed (the task reads it)."""
    transaction.on_commit(
        lambda: async_task(
            "memberships.tasks.process_stripe_event",
            event_id,
            task_name=f"stripe {event_id}",
            group="stripe",
        )
    )


def redact_old_stripe_events() -> int:
    """Daily (memberships/setup.py): old payloads keep only their id and type."""
    return stripe_events_redact_old()
