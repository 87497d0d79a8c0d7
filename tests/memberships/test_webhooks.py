"""Stripe webhooks: verified, stored once, processed idempotently in any order."""

import json
import time
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from community.access import has_member_access
from community.models import User
from memberships.models import Membership, StripeEvent
from memberships.services import membership_grant_comp
from tests.community.factories import UserFactory
from tests.memberships import stripe_fakes as fake

pytestmark = pytest.mark.django_db

Outcome = StripeEvent.Outcome


@pytest.fixture(autouse=True)
def stripe_http(fake_stripe):
    return fake_stripe


def fresh(user):
    return User.objects.select_related("membership").get(pk=user.pk)


def sub_event(user, event_type="customer.subscription.updated", *, created=None, **kw):
    obj = fake.subscription(customer=user.membership.stripe_customer_id, **kw)
    return fake.event(event_type, obj, created=created), obj


# --- the endpoint ---------------------------------------------------------------------


def test_bad_signature_is_refused_and_nothing_is_stored(client):
    payload = fake.event("invoice.paid", {"id": "in_1"})
    response = fake.deliver(client, payload, secret="whsec_someone_else")
    assert response.status_code == 400
    assert not StripeEvent.objects.exists()


def test_missing_signature_is_refused(client):
    response = client.post(
        "/memberships/stripe/webhook/", data="{}", content_type="application/json"
    )
    assert response.status_code == 400


def test_old_signature_timestamp_is_refused(client):
    body = json.dumps(fake.event("invoice.paid", {"id": "in_1"}))
    headers = fake.signed_headers(body, timestamp=int(time.time()) - 3600)
    response = client.post(
        "/memberships/stripe/webhook/",
        data=body,
        content_type="application/json",
        **headers,
    )
    assert response.status_code == 400


@pytest.mark.parametrize("body", ["not json at all", "[1, 2]", '{"no": "id"}', "\xff"])
def test_garbage_with_a_valid_signature_is_a_400_not_a_500(client, body):
    response = client.post(
        "/memberships/stripe/webhook/",
        data=body,
        content_type="application/json",
        **fake.signed_headers(body),
    )
    assert response.status_code == 400
    assert not StripeEvent.objects.exists()


def test_webhook_refuses_when_not_configured(client, settings):
    settings.STRIPE_WEBHOOK_SECRET = ""
    response = fake.deliver(client, fake.event("invoice.paid", {"id": "in_1"}))
    assert response.status_code == 400


def test_get_is_not_allowed(client):
    assert client.get("/memberships/stripe/webhook/").status_code == 405


# --- storing and processing -----------------------------------------------------------


def test_subscription_created_activates_and_welcomes_the_member(send, customer, plans):
    payload, _ = sub_event(customer, "customer.subscription.created")
    response = send(payload)
    assert response.status_code == 200
    event = StripeEvent.objects.get(event_id=payload["id"])
    assert event.outcome == Outcome.PROCESSED
    assert event.type == "customer.subscription.created"
    assert event.processed_at and event.attempts == 1
    # The log names the member by id: an address in it would outlive erasure.
    assert event.note == f"user {customer.pk}: active"
    assert customer.email not in event.note
    user = fresh(customer)
    assert has_member_access(user)
    assert user.membership.plan == plans["monthly"]
    assert user.membership.current_period_end > timezone.now() + timedelta(days=29)
    assert [m.subject for m in mail.outbox] == ["Welcome to Coaching Community"]


def test_a_redelivered_event_is_stored_and_processed_once(send, customer, plans):
    payload, _ = sub_event(customer, "customer.subscription.created")
    first, second = send(payload), send(payload)
    assert first.status_code == second.status_code == 200
    assert second.json()["duplicate"] is True
    assert StripeEvent.objects.count() == 1
    assert StripeEvent.objects.get().attempts == 1
    assert len(mail.outbox) == 1


def test_an_older_event_delivered_late_applies_stripes_state_not_its_own(
    send, customer, plans
):
    now = int(time.time())
    sub_id = fake.new_id("sub")
    newer, _ = sub_event(
        customer,
        "customer.subscription.deleted",
        created=now,
        sub_id=sub_id,
        status="canceled",
        ended_at=now,
    )
    older, _ = sub_event(customer, created=now - 60, sub_id=sub_id, status="active")
    send(newer)
    send(older, current=False)  # Stripe has moved on since
    membership = fresh(customer).membership
    assert membership.status == Membership.Status.CANCELED
    # The late event only made us ask Stripe, which says canceled.
    late = StripeEvent.objects.get(event_id=older["id"])
    assert late.outcome == Outcome.PROCESSED
    assert late.note == f"user {customer.pk}: canceled"
    assert not has_member_access(fresh(customer))


def test_unknown_event_type_is_stored_and_skipped(send):
    payload = fake.event("customer.tax_id.created", {"id": "txi_1"})
    assert send(payload).status_code == 200
    event = StripeEvent.objects.get()
    assert event.outcome == Outcome.SKIPPED
    assert "no handler" in event.note


def test_event_for_an_unknown_customer_is_logged_and_skipped(send, plans):
    obj = fake.subscription(customer="cus_NobodyWeKnow")
    assert send(fake.event("customer.subscription.created", obj)).status_code == 200
    event = StripeEvent.objects.get()
    assert event.outcome == Outcome.SKIPPED
    assert "cus_NobodyWeKnow" in event.note


def test_subscription_metadata_finds_the_member_before_the_customer_is_linked(
    send, plans
):
    user = UserFactory()
    obj = fake.subscription(customer=fake.new_id("cus"), user_id=user.pk)
    send(fake.event("customer.subscription.created", obj))
    membership = fresh(user).membership
    assert membership.stripe_customer_id == obj["customer"]
    assert has_member_access(fresh(user))


def test_a_failing_handler_leaves_a_visible_failed_event_that_can_be_reprocessed(
    send, customer, plans, monkeypatch, django_capture_on_commit_callbacks
):
    from memberships import services, webhooks

    def broken(**kwargs):
        raise RuntimeError("database hiccup")

    original = services.membership_sync_subscription
    monkeypatch.setattr(services, "membership_sync_subscription", broken)
    payload, _ = sub_event(customer, "customer.subscription.created")
    # Stripe is told "received" whatever happens later in the task.
    assert send(payload, task_error=RuntimeError).status_code == 200
    event = StripeEvent.objects.get()
    assert event.outcome == Outcome.FAILED
    assert "database hiccup" in event.error
    assert not has_member_access(fresh(customer))

    monkeypatch.setattr(services, "membership_sync_subscription", original)
    with django_capture_on_commit_callbacks(execute=True):
        webhooks.stripe_event_reprocess(event=event)
    event.refresh_from_db()
    assert event.outcome == Outcome.PROCESSED
    assert event.error == ""
    assert event.attempts == 2
    assert has_member_access(fresh(customer))


def test_stripe_redelivering_a_failed_event_retries_it(
    send, customer, plans, monkeypatch
):
    from memberships import services

    original = services.membership_sync_subscription
    monkeypatch.setattr(
        services,
        "membership_sync_subscription",
        lambda **kw: (_ for _ in ()).throw(RuntimeError("boom")),
    )
    payload, _ = sub_event(customer, "customer.subscription.created")
    send(payload, task_error=RuntimeError)
    assert StripeEvent.objects.get().outcome == Outcome.FAILED
    monkeypatch.setattr(services, "membership_sync_subscription", original)
    send(payload)
    assert StripeEvent.objects.get().outcome == Outcome.PROCESSED


# --- the lifecycle --------------------------------------------------------------------


def test_full_lifecycle_trial_active_past_due_grace_lapsed_reactivated(
    send, customer, plans, client, settings, stripe_http
):
    settings.MEMBERSHIP_GRACE_DAYS = 7
    sub_id = fake.new_id("sub")
    start = int(time.time())
    cus = customer.membership.stripe_customer_id

    # Trial.
    trial, _ = sub_event(
        customer,
        "customer.subscription.created",
        created=start,
        sub_id=sub_id,
        status="trialing",
        trial_end=start + 14 * 86400,
    )
    send(trial)
    assert fresh(customer).membership.state == "trialing"
    assert has_member_access(fresh(customer))

    # Trial ending soon: an email.
    send(
        fake.event(
            "customer.subscription.trial_will_end",
            fake.subscription(
                customer=cus,
                sub_id=sub_id,
                status="trialing",
                trial_end=start + 14 * 86400,
            ),
            created=start + 11 * 86400,
        )
    )
    assert "trial ends soon" in mail.outbox[-1].subject

    # Active after the trial.
    active, _ = sub_event(customer, created=start + 14 * 86400, sub_id=sub_id)
    send(active)
    assert fresh(customer).membership.state == "active"

    # A renewal payment fails: past due, access kept, an email with the date.
    failed_at = start + 44 * 86400
    with time_machine.travel(failed_at):
        stripe_http.stripe_has(
            fake.subscription(customer=cus, sub_id=sub_id, status="past_due")
        )
        send(
            fake.event(
                "invoice.payment_failed",
                fake.invoice(customer=cus, subscription_id=sub_id, paid=False),
                created=failed_at,
            )
        )
        user = fresh(customer)
        assert user.membership.state == "past_due"
        assert has_member_access(user)
        email = mail.outbox[-1]
        assert "did not go through" in email.subject
        assert "http://testserver/account/billing/" in email.body
        assert "You keep full access until" in email.body
        client.force_login(user)
        page = client.get("/").content.decode()
        assert "Your last payment did not go through" in page

    # The grace period runs out: no access, Join page.
    with time_machine.travel(failed_at + 7 * 86400 + 60):
        user = fresh(customer)
        assert not has_member_access(user)
        client.force_login(user)
        assert client.get("/forum/")["Location"] == "/join/"

        # Stripe gives up and cancels: the ended email.
        ended = failed_at + 8 * 86400
        deleted, _ = sub_event(
            customer,
            "customer.subscription.deleted",
            created=ended,
            sub_id=sub_id,
            status="canceled",
            ended_at=ended,
        )
        send(deleted)
        assert fresh(customer).membership.state == "canceled"
        assert "has ended" in mail.outbox[-1].subject

        # Joining again: a new subscription, a welcome back.
        rejoin, _ = sub_event(
            customer, "customer.subscription.created", created=ended + 3600
        )
        send(rejoin)
        user = fresh(customer)
        assert user.membership.state == "active"
        assert user.membership.stripe_subscription_id == rejoin["data"]["object"]["id"]
        assert has_member_access(user)
        assert mail.outbox[-1].subject == "Welcome back to Coaching Community"


def test_invoice_paid_brings_a_past_due_membership_back(
    send, customer, plans, stripe_http
):
    sub_id = fake.new_id("sub")
    now = int(time.time())
    cus = customer.membership.stripe_customer_id
    send(
        sub_event(
            customer, "customer.subscription.created", created=now - 100, sub_id=sub_id
        )[0]
    )
    stripe_http.stripe_has(
        fake.subscription(customer=cus, sub_id=sub_id, status="past_due")
    )
    send(
        fake.event(
            "invoice.payment_failed",
            fake.invoice(customer=cus, subscription_id=sub_id, paid=False),
            created=now - 50,
        )
    )
    assert fresh(customer).membership.status == "past_due"
    stripe_http.stripe_has(fake.subscription(customer=cus, sub_id=sub_id))
    send(
        fake.event(
            "invoice.paid",
            fake.invoice(customer=cus, subscription_id=sub_id),
            created=now,
        )
    )
    membership = fresh(customer).membership
    assert membership.status == "active"
    assert membership.past_due_since is None


def test_plan_change_in_the_portal_is_applied_from_the_subscription_price(
    send, customer, plans
):
    sub_id = fake.new_id("sub")
    now = int(time.time())
    send(
        sub_event(
            customer, "customer.subscription.created", created=now - 10, sub_id=sub_id
        )[0]
    )
    send(sub_event(customer, created=now, sub_id=sub_id, price_id="price_yearly")[0])
    assert fresh(customer).membership.plan == plans["yearly"]


def test_cancel_at_period_end_keeps_access_until_the_period_ends(send, customer, plans):
    sub_id = fake.new_id("sub")
    now = int(time.time())
    period_end = now + 5 * 86400
    send(
        sub_event(
            customer,
            "customer.subscription.created",
            created=now - 10,
            sub_id=sub_id,
            period_end=period_end,
        )[0]
    )
    send(
        sub_event(
            customer,
            created=now,
            sub_id=sub_id,
            period_end=period_end,
            cancel_at_period_end=True,
        )[0]
    )
    membership = fresh(customer).membership
    assert membership.cancel_at_period_end and membership.status == "active"
    send(
        sub_event(
            customer,
            "customer.subscription.deleted",
            created=period_end,
            sub_id=sub_id,
            status="canceled",
            period_end=period_end,
            ended_at=period_end,
        )[0]
    )
    with time_machine.travel(period_end - 60):
        assert has_member_access(fresh(customer))
    with time_machine.travel(period_end + 60):
        assert not has_member_access(fresh(customer))


def test_a_late_event_about_an_old_subscription_does_not_end_the_new_one(
    send, customer, plans
):
    now = int(time.time())
    old_id, new_id = fake.new_id("sub"), fake.new_id("sub")
    send(
        sub_event(
            customer, "customer.subscription.created", created=now - 100, sub_id=new_id
        )[0]
    )
    send(
        sub_event(
            customer,
            "customer.subscription.deleted",
            created=now,
            sub_id=old_id,
            status="canceled",
            ended_at=now - 200,
        )[0]
    )
    membership = fresh(customer).membership
    assert membership.stripe_subscription_id == new_id
    assert membership.status == "active"


def test_comp_grant_and_paid_subscription_do_not_fight(send, customer, plans):
    membership_grant_comp(user=customer, note="Speaker")
    sub_id = fake.new_id("sub")
    now = int(time.time())
    send(
        sub_event(
            customer, "customer.subscription.created", created=now - 10, sub_id=sub_id
        )[0]
    )
    send(
        sub_event(
            customer,
            "customer.subscription.deleted",
            created=now,
            sub_id=sub_id,
            status="canceled",
            ended_at=now,
        )[0]
    )
    user = fresh(customer)
    assert user.membership.status == "canceled"
    assert user.membership.comp_is_active()
    assert has_member_access(user)


def test_checkout_completed_links_the_customer_and_applies_the_subscription(
    send, plans, stripe_http
):
    user = UserFactory()
    cus = fake.new_id("cus")
    sub = fake.subscription(customer=cus)
    stripe_http.stripe_has(sub)
    session = fake.checkout_session(customer=cus, user_id=user.pk, subscription_obj=sub)
    send(fake.event("checkout.session.completed", session))
    membership = fresh(user).membership
    assert membership.stripe_customer_id == cus
    assert membership.stripe_subscription_id == sub["id"]
    # The subscription is read from Stripe at once, not awaited from its events.
    assert has_member_access(fresh(user))
    send(fake.event("customer.subscription.created", sub))
    assert has_member_access(fresh(user))
    assert len(mail.outbox) == 1  # one welcome


def test_incomplete_first_payment_gives_no_access(send, customer, plans):
    send(sub_event(customer, "customer.subscription.created", status="incomplete")[0])
    assert not has_member_access(fresh(customer))
    assert mail.outbox == []
