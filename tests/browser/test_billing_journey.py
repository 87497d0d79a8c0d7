"""Join through Stripe Checkout, offline: the test plays Stripe.

The Stripe API is the stripe library's HTTP layer replaced by a table of answers
(the subscription's current state among them: each webhook makes the server read
it), Checkout's page is answered by the browser's router, and the webhooks Stripe
would send are signed and POSTed to the live server, as Stripe does.
"""

import json
import re
import time
import urllib.request

import pytest
import time_machine
from playwright.sync_api import expect

from memberships import stripe_api
from memberships.models import Plan
from tests.browser.conftest import check_accessibility
from tests.community import factories
from tests.memberships import stripe_fakes as fake

pytestmark = pytest.mark.django_db(transaction=True)

CUSTOMER = "cus_TestBrowser"
CHECKOUT = "https://checkout.stripe.com/c/pay/cs_test_browser"


@pytest.fixture
def stripe_offline(settings, monkeypatch):
    settings.STRIPE_SECRET_KEY = "sk_test_fake"
    settings.STRIPE_WEBHOOK_SECRET = fake.WEBHOOK_SECRET
    settings.MEMBERSHIP_GRACE_DAYS = 7
    http = fake.FakeStripeHTTP()
    http.responses[("POST", "/v1/customers")] = {"id": CUSTOMER, "object": "customer"}
    http.responses[("POST", "/v1/checkout/sessions")] = {
        "id": "cs_test_browser",
        "object": "checkout.session",
        "url": CHECKOUT,
    }
    http.responses[("GET", "/v1/checkout/sessions/cs_test_browser")] = {
        "id": "cs_test_browser",
        "object": "checkout.session",
        "status": "open",
        "url": CHECKOUT,
        "metadata": {"price_id": "price_monthly"},
    }
    monkeypatch.setattr(stripe_api, "HTTP_CLIENT", http)
    Plan.objects.create(name="Monthly", stripe_price_id="price_monthly", amount=8900)
    return http


def post_webhook(live_server, payload: dict) -> int:
    """Deliver a signed event over HTTP, as Stripe's servers do."""
    body = json.dumps(payload)
    signature = fake.signed_headers(body)["HTTP_STRIPE_SIGNATURE"]
    request = urllib.request.Request(  # noqa: S310 (the test's own live server)
        live_server.url + "/memberships/stripe/webhook/",
        data=body.encode(),
        headers={"Content-Type": "application/json", "Stripe-Signature": signature},
        method="POST",
    )
    with urllib.request.urlopen(request) as response:  # noqa: S310
        return response.status


def test_member_joins_pays_falls_into_grace_and_then_loses_access(
    page, sign_in, live_server, stripe_offline, home_page
):
    user = sign_in(factories.UserFactory(display_name="Robin P."))
    page.goto("/forum/")
    expect(page).to_have_url(re.compile(r"/join/$"))
    expect(
        page.get_by_text("This part of the community is for members")
    ).to_be_visible()
    check_accessibility(page, "join (signed up)")

    # Join: our server creates the customer and the Checkout session at "Stripe"
    # and sends the browser to Checkout, which the test answers offline.
    page.route(
        "https://checkout.stripe.com/**",
        lambda route: route.fulfill(
            content_type="text/html",
            body="<!doctype html><title>Checkout</title><h1>Stripe Checkout</h1>",
        ),
    )
    page.get_by_role("button", name="Join with monthly").click()
    expect(page.get_by_role("heading", name="Stripe Checkout")).to_be_visible()
    assert "/v1/checkout/sessions" in stripe_offline.paths("POST")

    # A second click on Join (another tab) reopens the same Checkout session.
    page.goto("/join/")
    page.get_by_role("button", name="Join with monthly").click()
    expect(page.get_by_role("heading", name="Stripe Checkout")).to_be_visible()
    assert stripe_offline.paths("POST").count("/v1/checkout/sessions") == 1

    # Stripe reports the paid checkout and the new subscription.
    subscription = fake.subscription(customer=CUSTOMER, user_id=user.pk)
    stripe_offline.stripe_has(subscription)
    start = int(time.time())
    for event in (
        fake.event(
            "checkout.session.completed",
            fake.checkout_session(
                customer=CUSTOMER, user_id=user.pk, subscription_obj=subscription
            ),
            created=start,
        ),
        fake.event("customer.subscription.created", subscription, created=start),
    ):
        assert post_webhook(live_server, event) == 200

    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Welcome back, Robin P.")
    page.get_by_role("navigation", name="Main").get_by_role(
        "link", name="Forum"
    ).click()
    expect(page).to_have_url(re.compile(r"/forum/$"))
    check_accessibility(page, "forum index (member)")

    # A renewal fails: access is kept, with a notice and a date.
    failed_at = start + 30 * 86400
    with time_machine.travel(failed_at, tick=True):
        stripe_offline.stripe_has({**subscription, "status": "past_due"})
        invoice = fake.invoice(
            customer=CUSTOMER, subscription_id=subscription["id"], paid=False
        )
        event = fake.event("invoice.payment_failed", invoice, created=failed_at)
        assert post_webhook(live_server, event) == 200
        sign_in(user)  # a month later: the two-week session has expired meanwhile
        page.goto("/")
        notice = page.get_by_role("status").filter(
            has_text="Your last payment did not go through"
        )
        expect(notice).to_be_visible()
        expect(notice.get_by_role("link", name="Update your card")).to_be_visible()
        check_accessibility(page, "dashboard with grace notice (member)")
        page.goto("/account/billing/")
        expect(page.get_by_text("did not go through").first).to_be_visible()

    # The grace period runs out: the content is gone, the Join page is back.
    with time_machine.travel(failed_at + 7 * 86400 + 120, tick=True):
        sign_in(user)
        page.goto("/forum/")
        expect(page).to_have_url(re.compile(r"/join/$"))
        page.goto("/")
        expect(page.get_by_role("heading", level=1)).not_to_contain_text("Welcome back")
