"""What the billing tests share: Stripe's API faked at the stripe library's HTTP
layer, the plans, a member with a Stripe customer, and delivering webhooks."""

import pytest

from memberships import stripe_api
from memberships.models import Membership, Plan
from tests.community.factories import UserFactory
from tests.memberships import stripe_fakes as fake


@pytest.fixture
def fake_stripe(settings, monkeypatch) -> fake.FakeStripeHTTP:
    """Stripe's API, answering with the subscriptions' current state."""
    settings.STRIPE_SECRET_KEY = "sk_test_fake"
    settings.STRIPE_WEBHOOK_SECRET = fake.WEBHOOK_SECRET
    http = fake.FakeStripeHTTP()
    # Stripe's client retries 5xx answers with a pause; the tests need no pause.
    http._sleep_time_seconds = lambda *args, **kwargs: 0
    monkeypatch.setattr(stripe_api, "HTTP_CLIENT", http)
    return http


@pytest.fixture
def plans(db):
    return {
        "monthly": Plan.objects.create(
            name="Monthly", stripe_price_id="price_monthly", amount=8900
        ),
        "yearly": Plan.objects.create(
            name="Yearly", stripe_price_id="price_yearly", amount=89000, interval="year"
        ),
    }


@pytest.fixture
def customer(db):
    """A signed-up user whose Stripe customer was created at Join."""
    user = UserFactory()
    Membership.objects.create(user=user, stripe_customer_id=fake.new_id("cus"))
    return user


@pytest.fixture
def send(client, django_capture_on_commit_callbacks, fake_stripe):
    """Deliver an event and run what it queued (django-q2 runs tasks inline).

    Stripe sends a subscription event when the subscription changes, so by
    default the event's subscription is what Stripe reports from then on;
    ``current=False`` delivers an event that Stripe's state has moved past.
    """

    def deliver(payload, task_error=None, current=True, **kwargs):
        obj = payload.get("data", {}).get("object", {})
        if current and obj.get("object") == "subscription":
            fake_stripe.stripe_has(obj)
        with django_capture_on_commit_callbacks() as queued:
            response = fake.deliver(client, payload, **kwargs)
        for run_task in queued:
            if task_error is None:
                run_task()
            else:  # in-process (sync) django-q2 lets the task's error through
                with pytest.raises(task_error):
                    run_task()
        return response

    return deliver
