"""Stripe events that race: same-second events, two workers, Stripe unreachable,
and a second live subscription for one member.

A subscription event is only the trigger: the handler reads the subscription
from Stripe and applies what Stripe reports, so neither delivery order nor which
worker finishes last decides the state.
"""

import threading
import time

import pytest
from django.db import connection

from community.access import has_member_access
from community.models import User
from memberships import services, stripe_api, stripe_events
from memberships.models import Membership, StripeEvent
from tests.community.factories import UserFactory
from tests.memberships import stripe_fakes as fake

Outcome = StripeEvent.Outcome
METRICS = "/cms/memberships/metrics/"


def fresh(user):
    return User.objects.select_related("membership").get(pk=user.pk)


def same_second_events(user, sub_id, *, first_status, second_status):
    """Two events about one subscription, stamped with the same second."""
    now = int(time.time())
    cus = user.membership.stripe_customer_id
    kinds = {"canceled": "customer.subscription.deleted"}
    events = []
    for status in (first_status, second_status):
        obj = fake.subscription(
            customer=cus,
            sub_id=sub_id,
            status=status,
            ended_at=now if status == "canceled" else None,
        )
        events.append(
            fake.event(
                kinds.get(status, "customer.subscription.updated"), obj, created=now
            )
        )
    return events


# --- same second, either order --------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("order", ["as sent", "reversed"])
@pytest.mark.parametrize(
    ("first", "second"), [("active", "canceled"), ("past_due", "active")]
)
def test_two_same_second_events_leave_the_state_stripe_reports(
    send, customer, plans, fake_stripe, order, first, second
):
    sub_id = fake.new_id("sub")
    events = same_second_events(
        customer, sub_id, first_status=first, second_status=second
    )
    # Stripe's state is the one after both changes.
    fake_stripe.stripe_has(events[1]["data"]["object"])
    for payload in events if order == "as sent" else events[::-1]:
        send(payload, current=False)
    membership = fresh(customer).membership
    assert membership.status == second
    assert membership.stripe_subscription_id == sub_id
    assert StripeEvent.objects.filter(outcome=Outcome.PROCESSED).count() == 2
    # Each event asked Stripe, once.
    assert fake_stripe.paths("GET").count(f"/v1/subscriptions/{sub_id}") == 2


@pytest.mark.django_db(transaction=True)
def test_two_workers_with_same_second_events_leave_the_state_stripe_reports(
    fake_stripe, monkeypatch
):
    """The worker with the older event finishes last, as happens with two workers."""
    if connection.vendor == "sqlite":
        pytest.skip("SQLite runs one write transaction at a time: no such race")
    user = UserFactory()
    Membership.objects.create(user=user, stripe_customer_id=fake.new_id("cus"))
    user = fresh(user)
    sub_id = fake.new_id("sub")
    older, newer = same_second_events(
        user, sub_id, first_status="active", second_status="canceled"
    )
    fake_stripe.stripe_has(newer["data"]["object"])
    for payload in (older, newer):
        services.stripe_event_record(payload=payload)

    original = stripe_events.HANDLERS["customer.subscription.updated"]
    newer_done = threading.Event()

    def slow_handler(obj, *, event):
        newer_done.wait(timeout=5)  # the other worker gets there first
        return original(obj, event=event)

    monkeypatch.setitem(
        stripe_events.HANDLERS, "customer.subscription.updated", slow_handler
    )
    errors = []

    def worker(event_id, done=None):
        try:
            stripe_events.process_event(event_id=event_id)
        except Exception as exc:  # reported below, not lost in the thread
            errors.append(exc)
        finally:
            if done is not None:
                done.set()
            connection.close()

    threads = [
        threading.Thread(target=worker, args=(older["id"],)),
        threading.Thread(target=worker, args=(newer["id"], newer_done)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert errors == []
    assert fresh(user).membership.status == Membership.Status.CANCELED
    assert not has_member_access(fresh(user))


# --- Stripe unreachable ---------------------------------------------------------------


@pytest.mark.django_db
def test_when_stripe_cannot_be_reached_the_event_stays_pending_to_be_retried(
    send, customer, plans, fake_stripe
):
    payload = fake.event(
        "customer.subscription.created",
        fake.subscription(customer=customer.membership.stripe_customer_id),
    )
    sub_id = payload["data"]["object"]["id"]
    fake_stripe.responses[("GET", f"/v1/subscriptions/{sub_id}")] = 503
    assert send(payload, task_error=stripe_api.StripeError).status_code == 200
    event = StripeEvent.objects.get()
    assert event.outcome == Outcome.PENDING
    assert event.attempts == 1
    assert "stripe._error.APIError" in event.error
    assert not has_member_access(fresh(customer))

    # Stripe is back: the retry applies what Stripe reports.
    del fake_stripe.responses[("GET", f"/v1/subscriptions/{sub_id}")]
    fake_stripe.stripe_has(payload["data"]["object"])
    stripe_events.process_event(event_id=payload["id"])
    event.refresh_from_db()
    assert event.outcome == Outcome.PROCESSED
    assert has_member_access(fresh(customer))


@pytest.mark.django_db
def test_an_event_about_a_subscription_stripe_does_not_have_is_skipped(
    send, customer, plans, fake_stripe
):
    payload = fake.event(
        "customer.subscription.updated",
        fake.subscription(customer=customer.membership.stripe_customer_id),
    )
    send(payload, current=False)  # Stripe answers 404 for it
    event = StripeEvent.objects.get()
    assert event.outcome == Outcome.SKIPPED
    assert "Stripe has no subscription" in event.note
    assert fresh(customer).membership.status == Membership.Status.NONE


# --- a second live subscription -------------------------------------------------------


@pytest.fixture
def subscribed(db, send, customer, plans):
    """A member with a live subscription, known to us and to Stripe."""
    first = fake.subscription(customer=customer.membership.stripe_customer_id)
    send(fake.event("customer.subscription.created", first))
    assert fresh(customer).membership.stripe_subscription_id == first["id"]
    return customer, first


@pytest.mark.django_db
def test_a_second_live_subscription_is_flagged_and_does_not_replace_the_first(
    send, subscribed, client, site_admin
):
    user, first = subscribed
    second = fake.subscription(
        customer=first["customer"], price_id="price_yearly", user_id=user.pk
    )
    send(fake.event("customer.subscription.created", second))

    membership = fresh(user).membership
    assert membership.stripe_subscription_id == first["id"]
    assert membership.plan.stripe_price_id == "price_monthly"
    assert membership.second_subscription_id == second["id"]
    event = StripeEvent.objects.get(type="customer.subscription.created", flagged=True)
    assert event.outcome == Outcome.PROCESSED
    assert second["id"] in event.note and first["id"] in event.note
    assert user.email not in event.note

    client.force_login(site_admin)
    html = client.get(METRICS).content.decode()
    assert "Members with two live subscriptions" in html
    assert f"https://dashboard.stripe.com/customers/{first['customer']}" in html
    events_page = client.get("/cms/memberships/stripe-events/?flagged=true")
    assert event.event_id in events_page.content.decode()


@pytest.mark.django_db
def test_cancelling_the_second_subscription_clears_the_flag(
    send, subscribed, client, site_admin
):
    user, first = subscribed
    second = fake.subscription(customer=first["customer"])
    send(fake.event("customer.subscription.created", second))
    assert fresh(user).membership.second_subscription_id == second["id"]

    now = int(time.time())
    ended = {**second, "status": "canceled", "ended_at": now}
    send(fake.event("customer.subscription.deleted", ended))
    membership = fresh(user).membership
    assert membership.second_subscription_id == ""
    assert membership.stripe_subscription_id == first["id"]
    assert membership.status == Membership.Status.ACTIVE
    client.force_login(site_admin)
    assert "Members with two live subscriptions" not in (
        client.get(METRICS).content.decode()
    )


@pytest.mark.django_db
def test_cancelling_the_first_of_two_live_subscriptions_keeps_the_member_on_the_second(
    send, subscribed
):
    user, first = subscribed
    second = fake.subscription(customer=first["customer"], price_id="price_yearly")
    send(fake.event("customer.subscription.created", second))

    now = int(time.time())
    ended = {**first, "status": "canceled", "ended_at": now}
    send(fake.event("customer.subscription.deleted", ended))
    membership = fresh(user).membership
    assert membership.stripe_subscription_id == second["id"]
    assert membership.status == Membership.Status.ACTIVE
    assert membership.plan.stripe_price_id == "price_yearly"
    assert membership.second_subscription_id == ""
    assert has_member_access(fresh(user))


@pytest.mark.django_db
def test_a_new_subscription_after_the_old_one_ended_at_stripe_is_no_duplicate(
    send, subscribed, fake_stripe
):
    """Our record still says live (its end was not delivered yet); Stripe knows."""
    user, first = subscribed
    fake_stripe.stripe_has(
        {**first, "status": "canceled", "ended_at": int(time.time())}
    )
    second = fake.subscription(customer=first["customer"])
    send(fake.event("customer.subscription.created", second))
    membership = fresh(user).membership
    assert membership.stripe_subscription_id == second["id"]
    assert membership.second_subscription_id == ""
    assert not StripeEvent.objects.filter(flagged=True).exists()
