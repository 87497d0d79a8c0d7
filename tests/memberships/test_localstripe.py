"""The billing lifecycle against localstripe, a fake Stripe server in its own process
that keeps state, answers the stripe library over HTTP and delivers signed
webhooks over HTTP to the live test server, as Stripe does.

localstripe has no Checkout pages, so the test creates the subscription through
the API as Checkout would, with the customer our Join flow created. (It sends no
customer.subscription.updated on a plan change; test_webhooks covers that.)
"""

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests
from django.core import mail

from community.access import has_member_access
from community.models import User
from memberships import services, stripe_api
from memberships.models import Plan, StripeEvent
from tests.community.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

SECRET = "whsec_localstripe_0123456789abcdef"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def localstripe():
    # Installed beside this Python (the virtualenv may not be on PATH).
    command = shutil.which("localstripe", path=str(Path(sys.executable).parent))
    if command is None:
        if os.environ.get("CI"):
            pytest.fail("CI needs localstripe (requirements-dev.txt)")
        pytest.skip("localstripe is not installed")
    port = free_port()
    process = subprocess.Popen(  # noqa: S603 - our own dev dependency
        [command, "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            requests.get(f"{url}/v1/customers", auth=("sk_test_x", ""), timeout=1)
            break
        except requests.ConnectionError:
            time.sleep(0.1)
    yield url
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture
def stripe_server(localstripe, live_server, settings):
    settings.STRIPE_SECRET_KEY = "sk_test_localstripe"
    settings.STRIPE_WEBHOOK_SECRET = SECRET
    settings.STRIPE_API_BASE = localstripe
    requests.delete(f"{localstripe}/_config/data", timeout=5)
    requests.post(
        f"{localstripe}/_config/webhooks/community",
        data={
            "url": f"{live_server.url}/memberships/stripe/webhook/",
            "secret": SECRET,
        },
        timeout=5,
    ).raise_for_status()
    api = stripe_api.client()
    product = api.v1.products.create(params={"name": "Membership"})
    for price_id, amount in [("price_ls_monthly", 8900), ("price_ls_yearly", 89000)]:
        api.v1.plans.create(
            params={
                "id": price_id,
                "product": product.id,
                "amount": amount,
                "currency": "usd",
                "interval": "month" if amount < 10000 else "year",
            }
        )
        Plan.objects.create(name=price_id, stripe_price_id=price_id, amount=amount)
    return api


def wait_for(predicate, timeout=15.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return False


def fresh(user):
    return User.objects.select_related("membership").get(pk=user.pk)


def pay_with(api, customer_id: str, card_number: str) -> None:
    method = api.v1.payment_methods.create(
        params={
            "type": "card",
            "card": {
                "number": card_number,
                "exp_month": 12,
                "exp_year": 2031,
                "cvc": "123",
            },
        }
    )
    api.v1.payment_methods.attach(method.id, params={"customer": customer_id})
    api.v1.customers.update(
        customer_id,
        params={"invoice_settings": {"default_payment_method": method.id}},
    )


def test_subscribe_and_cancel_through_real_webhooks(stripe_server):
    api = stripe_server
    user = UserFactory()
    membership = services.membership_ensure_customer(
        user=user, create_customer=stripe_api.create_customer
    )
    customer_id = membership.stripe_customer_id
    assert customer_id.startswith("cus_")
    pay_with(api, customer_id, "4242424242424242")

    subscription = api.v1.subscriptions.create(
        params={
            "customer": customer_id,
            "items": [{"plan": "price_ls_monthly"}],
            "metadata": {"user_id": str(user.pk)},
        }
    )
    assert wait_for(lambda: has_member_access(fresh(user))), list(
        StripeEvent.objects.values_list("type", "outcome", "note", "error")
    )
    assert fresh(user).membership.plan.stripe_price_id == "price_ls_monthly"
    assert wait_for(lambda: any("Welcome" in m.subject for m in mail.outbox))
    assert not StripeEvent.objects.filter(outcome="failed").exists()

    # Canceled straight away: access ends now, and the member is told.
    api.v1.subscriptions.cancel(subscription.id)
    assert wait_for(lambda: fresh(user).membership.status == "canceled")
    assert not has_member_access(fresh(user))
    assert wait_for(lambda: any("has ended" in m.subject for m in mail.outbox))


def test_a_declined_first_payment_gives_no_access(stripe_server):
    api = stripe_server
    user = UserFactory()
    membership = services.membership_ensure_customer(
        user=user, create_customer=stripe_api.create_customer
    )
    pay_with(api, membership.stripe_customer_id, "4000000000000341")
    subscription = api.v1.subscriptions.create(
        params={
            "customer": membership.stripe_customer_id,
            "items": [{"plan": "price_ls_monthly"}],
        }
    )
    assert subscription.status == "incomplete"
    assert wait_for(
        lambda: StripeEvent.objects.filter(
            type="customer.subscription.created", outcome="processed"
        ).exists()
    )
    assert fresh(user).membership.status == "none"
    assert not has_member_access(fresh(user))
    assert not any("Welcome" in m.subject for m in mail.outbox)
