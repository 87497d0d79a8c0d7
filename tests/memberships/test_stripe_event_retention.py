"""Stripe payloads are forgotten once processed and STRIPE_EVENT_RETENTION_DAYS
old; the log keeps the event's id, type, outcome and note."""

from datetime import timedelta

import pytest
from django.utils import timezone
from django_q.models import Schedule

from memberships import setup, tasks
from memberships.models import StripeEvent
from memberships.services import stripe_events_redact_old

pytestmark = pytest.mark.django_db

Outcome = StripeEvent.Outcome


def stored_event(*, days_old: int, outcome=Outcome.PROCESSED, n: int = 1):
    payload = {
        "id": f"evt_{days_old}_{outcome}_{n}",
        "type": "invoice.paid",
        "data": {"object": {"customer_email": "payer@example.org"}},
    }
    event = StripeEvent.objects.create(
        event_id=payload["id"],
        type=payload["type"],
        stripe_created=timezone.now(),
        payload=payload,
        outcome=outcome,
        note="user 1: paid 8900",
    )
    StripeEvent.objects.filter(pk=event.pk).update(
        received_at=timezone.now() - timedelta(days=days_old)
    )
    return event


def payload_of(event) -> dict:
    return StripeEvent.objects.get(pk=event.pk).payload


def test_finished_events_past_retention_keep_only_their_id_and_type():
    processed = stored_event(days_old=91)
    skipped = stored_event(days_old=120, outcome=Outcome.SKIPPED)
    assert stripe_events_redact_old() == 2
    assert payload_of(processed) == {"id": processed.event_id, "type": "invoice.paid"}
    assert "payer@example.org" not in str(payload_of(skipped))
    kept = StripeEvent.objects.get(pk=processed.pk)
    assert kept.note == "user 1: paid 8900" and kept.outcome == Outcome.PROCESSED
    assert kept.data_object == {}


def test_young_events_and_events_still_to_process_keep_their_payload():
    young = stored_event(days_old=89)
    pending = stored_event(days_old=200, outcome=Outcome.PENDING)
    failed = stored_event(days_old=200, outcome=Outcome.FAILED)
    assert stripe_events_redact_old() == 0
    for event in (young, pending, failed):
        assert payload_of(event)["data"]["object"]["customer_email"]


def test_the_retention_follows_the_setting(settings):
    settings.STRIPE_EVENT_RETENTION_DAYS = 10
    event = stored_event(days_old=11)
    assert stripe_events_redact_old() == 1
    assert "data" not in payload_of(event)


def test_running_twice_or_later_changes_nothing_more():
    event = stored_event(days_old=100)
    assert stripe_events_redact_old() == 1
    assert stripe_events_redact_old() == 0
    assert stripe_events_redact_old(now=timezone.now() + timedelta(days=365)) == 0
    assert payload_of(event) == {"id": event.event_id, "type": "invoice.paid"}


def test_the_daily_task_redacts_and_is_scheduled_once():
    stored_event(days_old=100)
    assert tasks.redact_old_stripe_events() == 1
    setup.ensure_schedules()
    setup.ensure_schedules()
    schedule = Schedule.objects.get(name=setup.SCHEDULE_REDACT_EVENTS)
    assert schedule.func == "memberships.tasks.redact_old_stripe_events"
    assert schedule.schedule_type == Schedule.DAILY
