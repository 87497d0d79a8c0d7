"""Other apps' Stripe event handlers (the ``stripe_event_handlers`` hook): an
event our own handler skips (a checkout in payment mode) goes to the next, an
event type only another app knows is theirs, and when every handler skips the
event it is skipped with the last reason."""

import pytest
from wagtail import hooks

from memberships import stripe_events
from memberships.models import StripeEvent
from tests.memberships import stripe_fakes as fake

pytestmark = pytest.mark.django_db
Outcome = StripeEvent.Outcome


@pytest.fixture
def other_app():
    seen = []

    def on_checkout(obj, *, event):
        if obj.get("mode") != "payment":
            raise stripe_events.SkipEvent("not a one-off payment")
        seen.append(("checkout", obj["id"]))
        return "paid a consultation"

    def on_refund(obj, *, event):
        seen.append(("refund", obj["id"]))
        return "refunded"

    handlers = {"checkout.session.completed": on_checkout, "charge.refunded": on_refund}
    with hooks.register_temporarily(stripe_events.STRIPE_EVENT_HOOK, lambda: handlers):
        yield seen


def test_an_event_ours_skip_goes_to_the_other_apps_handler(send, other_app):
    session = {"id": "cs_pay", "object": "checkout.session", "mode": "payment"}
    send(fake.event("checkout.session.completed", session, event_id="evt_pay"))
    event = StripeEvent.objects.get(event_id="evt_pay")
    assert event.outcome == Outcome.PROCESSED and event.note == "paid a consultation"
    assert other_app == [("checkout", "cs_pay")]


def test_a_type_only_the_other_app_knows_is_theirs(send, other_app):
    send(fake.event("charge.refunded", {"id": "ch_1", "object": "charge"}))
    assert other_app == [("refund", "ch_1")]


def test_when_every_handler_skips_the_event_is_skipped_with_the_last_reason(
    send, other_app
):
    session = {"id": "cs_x", "object": "checkout.session", "mode": "setup"}
    send(fake.event("checkout.session.completed", session, event_id="evt_setup"))
    event = StripeEvent.objects.get(event_id="evt_setup")
    assert event.outcome == Outcome.SKIPPED
    assert event.note == "Skipped: not a one-off payment"
    assert other_app == []


def test_a_type_nobody_handles_is_skipped(send):
    send(
        fake.event(
            "customer.created", {"id": "cus_2", "object": "customer"}, event_id="e2"
        )
    )
    event = StripeEvent.objects.get(event_id="e2")
    assert event.outcome == Outcome.SKIPPED and "no handler" in event.note
