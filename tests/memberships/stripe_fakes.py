"""Stripe, faked at its edges: event payloads shaped like Stripe's real objects
(API version 2026-10-28), signed with the stripe library's own scheme, and an HTTP
client for the stripe library that answers like Stripe's API.
"""

import json
import time
from itertools import count
from urllib.parse import parse_qs, urlparse

import stripe

WEBHOOK_SECRET = "whsec_test_0123456789abcdefghijklmnopqrstuv"
API_VERSION = "2026-10-28.endive"
_ids = count(1000)


def new_id(prefix: str) -> str:
    return f"{prefix}_Test{next(_ids):010d}"


def price(price_id="price_monthly", amount=8900, interval="month"):
    return {
        "id": price_id,
        "object": "price",
        "active": True,
        "billing_scheme": "per_unit",
        "currency": "usd",
        "livemode": False,
        "product": "prod_TestMembership",
        "recurring": {
            "interval": interval,
            "interval_count": 1,
            "usage_type": "licensed",
        },
        "type": "recurring",
        "unit_amount": amount,
    }


def subscription(
    *,
    customer,
    status="active",
    sub_id=None,
    price_id="price_monthly",
    period_end=None,
    trial_end=None,
    cancel_at_period_end=False,
    ended_at=None,
    user_id=None,
):
    now = int(time.time())
    period_end = period_end or now + 30 * 86400
    sub_id = sub_id or new_id("sub")
    return {
        "id": sub_id,
        "object": "subscription",
        "billing_cycle_anchor": now,
        "cancel_at": period_end if cancel_at_period_end else None,
        "cancel_at_period_end": cancel_at_period_end,
        "canceled_at": ended_at,
        "collection_method": "charge_automatically",
        "created": now,
        "currency": "usd",
        "customer": customer,
        "ended_at": ended_at,
        "items": {
            "object": "list",
            "data": [
                {
                    "id": new_id("si"),
                    "object": "subscription_item",
                    "current_period_end": period_end,
                    "current_period_start": period_end - 30 * 86400,
                    "price": price(price_id),
                    "quantity": 1,
                    "subscription": sub_id,
                }
            ],
            "has_more": False,
            "url": f"/v1/subscription_items?subscription={sub_id}",
        },
        "latest_invoice": new_id("in"),
        "livemode": False,
        "metadata": {"user_id": str(user_id)} if user_id else {},
        "start_date": now,
        "status": status,
        "trial_end": trial_end,
        "trial_start": now if trial_end else None,
    }


def checkout_session(*, customer, user_id, subscription_obj=None, status="complete"):
    return {
        "id": new_id("cs_test"),
        "object": "checkout.session",
        "client_reference_id": str(user_id),
        "customer": customer,
        "livemode": False,
        "metadata": {"user_id": str(user_id)},
        "mode": "subscription",
        "payment_status": "paid" if status == "complete" else "unpaid",
        "status": status,
        "subscription": subscription_obj["id"] if subscription_obj else None,
        "success_url": "http://testserver/join/success/?session_id={CHECKOUT_SESSION_ID}",
        "url": None,
    }


def invoice(*, customer, subscription_id, paid=True, amount=8900):
    return {
        "id": new_id("in"),
        "object": "invoice",
        "amount_due": amount,
        "amount_paid": amount if paid else 0,
        "amount_remaining": 0 if paid else amount,
        "attempt_count": 1,
        "billing_reason": "subscription_cycle",
        "currency": "usd",
        "customer": customer,
        "livemode": False,
        "parent": {
            "type": "subscription_details",
            "subscription_details": {"metadata": {}, "subscription": subscription_id},
        },
        "status": "paid" if paid else "open",
    }


def event(event_type, obj, *, created=None, event_id=None):
    return {
        "id": event_id or new_id("evt"),
        "object": "event",
        "api_version": API_VERSION,
        "created": created or int(time.time()),
        "data": {"object": obj},
        "livemode": False,
        "pending_webhooks": 1,
        "request": {"id": None, "idempotency_key": None},
        "type": event_type,
    }


def signed_headers(body: str, secret: str = WEBHOOK_SECRET, timestamp=None) -> dict:
    header = stripe.WebhookSignature.generate_signature_header(
        body, secret, timestamp=timestamp
    )
    return {"HTTP_STRIPE_SIGNATURE": header}


def deliver(client, payload: dict, secret: str = WEBHOOK_SECRET):
    """POST an event to the webhook exactly as Stripe would."""
    body = json.dumps(payload)
    return client.post(
        "/memberships/stripe/webhook/",
        data=body,
        content_type="application/json",
        **signed_headers(body, secret),
    )


class FakeStripeHTTP(stripe.HTTPClient):
    """Answers the stripe library's requests from a table; records every call.

    ``responses`` maps (method, path) to a JSON-able dict, or to an HTTP error
    status (an int) that Stripe's API would answer with, for failure tests.
    """

    name = "fake"

    def __init__(self):
        super().__init__()
        self.calls: list[tuple[str, str, dict]] = []
        self.responses: dict[tuple[str, str], object] = {}
        # Stripe's current subscriptions by id: retrieved and listed as Stripe would.
        self.subscriptions: dict[str, dict] = {}

    def stripe_has(self, *subscriptions: dict) -> None:
        """Stripe's current state of these subscriptions, from now on."""
        for sub in subscriptions:
            self.subscriptions[sub["id"]] = sub

    def _subscription_answer(self, method, path, params):
        if method != "GET" or not path.startswith("/v1/subscriptions"):
            return None
        sub_id = path.removeprefix("/v1/subscriptions").strip("/")
        if sub_id:
            return self.subscriptions.get(sub_id)
        customer = (params.get("customer") or [None])[0]
        status = (params.get("status") or [None])[0]
        found = [
            sub
            for sub in self.subscriptions.values()
            if sub["customer"] == customer
            and (status == "all" or sub["status"] == (status or sub["status"]))
            and (status or sub["status"] != "canceled")  # Stripe's default
        ]
        return {
            "object": "list",
            "data": found,
            "has_more": False,
            "url": "/v1/subscriptions",
        }

    def request(self, method, url, headers, post_data=None, *, _usage=None):
        parsed = urlparse(url)
        params = parse_qs(post_data or parsed.query or "")
        method = method.upper()
        self.calls.append((method, parsed.path, params, dict(headers or {})))
        answer = self.responses.get((method, parsed.path))
        if answer is None:
            answer = self._subscription_answer(method, parsed.path, params) or 404
        if isinstance(answer, int):
            error = {"error": {"type": "invalid_request_error", "message": "Refused"}}
            return json.dumps(error), answer, {"request-id": "req_fake"}
        return json.dumps(answer), 200, {"request-id": "req_fake"}

    def close(self):
        pass

    def paths(self, method=None):
        return [path for m, path, _, _ in self.calls if method in (None, m)]
