"""django-q2 tasks for billing: thin wrappers that call the event processor, the
sweep for events whose task was lost, and the webhook log's retention."""

from django.db import transaction
from django.utils import timezone
from django_q.tasks import async_task

from memberships.models import StripeEvent
from memberships.services import stripe_events_claim_lost, stripe_events_redact_old
from memberships.stripe_events import process_event


def process_stripe_event(event_id: str) -> str:
    return process_event(event_id=event_id).outcome


def enqueue_stripe_event(*, event_id: str) -> None:
    """Queue processing once the event row is committed (the task reads it).

    The time is kept, so that the sweep can tell an event whose task was lost."""
    StripeEvent.objects.filter(event_id=event_id).update(enqueued_at=timezone.now())
    _queue(event_id)


def _queue(event_id: str) -> None:
    transaction.on_commit(
        lambda: async_task(
            "memberships.tasks.process_stripe_event",
            event_id,
            task_name=f"stripe {event_id}",
            group="stripe",
        )
    )


def requeue_pending_stripe_events() -> int:
    """Every few minutes (memberships/setup.py): queue again the events still
    pending 10 minutes after they were queued, so a lost task never leaves a
    member who paid without access. Each is claimed once, whoever sweeps."""
    event_ids = stripe_events_claim_lost()
    for event_id in event_ids:
        _queue(event_id)
    return len(event_ids)


def redact_old_stripe_events() -> int:
    """Daily (memberships/setup.py): old payloads keep only their id and type."""
    return stripe_events_redact_old()
