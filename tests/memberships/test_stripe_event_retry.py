"""A stored Stripe event whose task was lost is queued again: a member who paid
must not wait for Stripe's next redelivery to get access."""

import threading
from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.utils import timezone
from django_q.models import Schedule

from memberships import setup, tasks
from memberships.models import StripeEvent

Outcome = StripeEvent.Outcome


@pytest.fixture
def queued(monkeypatch):
    """The event ids handed to django-q2, instead of running them."""
    ids = []
    monkeypatch.setattr(
        tasks, "async_task", lambda func, event_id, **kwargs: ids.append(event_id)
    )
    return ids


def stored_event(*, minutes_old: int, outcome=Outcome.PENDING) -> StripeEvent:
    number = StripeEvent.objects.count() + 1
    event = StripeEvent.objects.create(
        event_id=f"evt_retry{number}",
        type="customer.subscription.created",
        stripe_created=timezone.now(),
        payload={"id": f"evt_retry{number}", "data": {"object": {"id": "sub_1"}}},
        outcome=outcome,
    )
    then = timezone.now() - timedelta(minutes=minutes_old)
    StripeEvent.objects.filter(pk=event.pk).update(received_at=then, enqueued_at=then)
    return event


def run_sweep(django_capture_on_commit_callbacks, **kwargs) -> int:
    with django_capture_on_commit_callbacks(execute=True):
        return tasks.requeue_pending_stripe_events(**kwargs)


@pytest.mark.django_db
def test_a_pending_event_older_than_ten_minutes_is_queued_again_once(
    queued, django_capture_on_commit_callbacks
):
    lost = stored_event(minutes_old=11)
    assert run_sweep(django_capture_on_commit_callbacks) == 1
    assert queued == [lost.event_id]
    lost.refresh_from_db()
    assert timezone.now() - lost.enqueued_at < timedelta(seconds=5)


@pytest.mark.django_db
def test_fresh_and_finished_events_are_left_alone(
    queued, django_capture_on_commit_callbacks
):
    stored_event(minutes_old=5)
    stored_event(minutes_old=60, outcome=Outcome.PROCESSED)
    stored_event(minutes_old=60, outcome=Outcome.SKIPPED)
    assert run_sweep(django_capture_on_commit_callbacks) == 0
    assert queued == []


@pytest.mark.django_db
def test_running_twice_does_not_queue_twice_within_the_window(
    queued, django_capture_on_commit_callbacks
):
    lost = stored_event(minutes_old=30)
    run_sweep(django_capture_on_commit_callbacks)
    run_sweep(django_capture_on_commit_callbacks)
    with time_machine.travel(timezone.now() + timedelta(minutes=9)):
        run_sweep(django_capture_on_commit_callbacks)
    assert queued == [lost.event_id]
    # Still pending ten minutes after it was queued again: it is tried again.
    with time_machine.travel(timezone.now() + timedelta(minutes=11)):
        run_sweep(django_capture_on_commit_callbacks)
    assert queued == [lost.event_id, lost.event_id]


@pytest.mark.django_db
def test_an_event_stored_before_queue_stamps_existed_is_queued_by_its_age(
    queued, django_capture_on_commit_callbacks
):
    lost = stored_event(minutes_old=20)
    StripeEvent.objects.filter(pk=lost.pk).update(enqueued_at=None)
    assert run_sweep(django_capture_on_commit_callbacks) == 1
    assert queued == [lost.event_id]


@pytest.mark.django_db(transaction=True)
def test_two_workers_sweeping_at_once_queue_each_event_once(queued):
    events = [stored_event(minutes_old=15) for _ in range(5)]
    barrier = threading.Barrier(2)
    counts = []

    def sweep():
        barrier.wait()
        counts.append(tasks.requeue_pending_stripe_events())
        connection.close()

    threads = [threading.Thread(target=sweep) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sum(counts) == 5
    assert sorted(queued) == sorted(e.event_id for e in events)


@pytest.mark.django_db
def test_the_webhook_stamps_when_it_queued_the_event(client, fake_stripe, queued):
    from tests.memberships import stripe_fakes as fake

    payload = fake.event("invoice.paid", {"id": "in_1"})
    fake.deliver(client, payload)
    event = StripeEvent.objects.get()
    assert event.enqueued_at is not None


@pytest.mark.django_db
def test_the_retry_task_is_scheduled_once_every_few_minutes(
    queued, django_capture_on_commit_callbacks
):
    lost = stored_event(minutes_old=11)
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.requeue_pending_stripe_events() == 1
    assert queued == [lost.event_id]
    setup.ensure_schedules()
    setup.ensure_schedules()
    schedule = Schedule.objects.get(name=setup.SCHEDULE_REQUEUE_EVENTS)
    assert schedule.func == "memberships.tasks.requeue_pending_stripe_events"
    assert schedule.schedule_type == Schedule.MINUTES
    assert schedule.minutes == 5
