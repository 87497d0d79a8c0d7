"""What the card and invoice tests share: Stripe's API faked at the stripe
library's HTTP layer for the endpoints the payment step uses (customers,
Checkout sessions, invoices and their items), every request body recorded as
sent; webhook payloads shaped like Stripe's for what it made; and a fee.

The fixtures (``stripe_http``, ``fee``, ``send``) are imported by the test
modules that use them, under their ``*_fixture`` names.
"""

import json
import time
from urllib.parse import parse_qs, unquote_plus, urlparse

import pytest

from consultation_billing.models import ConsultationFee
from memberships import stripe_api
from tests.memberships import stripe_fakes as fake

# Words of the factories' case text (tests/consultations/factories.py) that
# must never leave the site.
CASE_TEXT = (
    "avoidance of feelings",
    "withdrawing when close",
    "No current risk",
    "Psychodynamic",
    "Psychoeducation",
    "Eight months",
    "recurrent low mood",
)


def _flat(params: dict) -> dict:
    return {key: values[0] for key, values in params.items()}


def _sub(params: dict, prefix: str) -> dict:
    """``metadata[payment_id]=7`` → ``{"payment_id": "7"}``."""
    start = f"{prefix}["
    return {
        key[len(start) : -1]: value
        for key, value in params.items()
        if key.startswith(start) and key.endswith("]") and "][" not in key
    }


class PaymentStripeHTTP(fake.FakeStripeHTTP):
    """Answers like Stripe for what the payment step creates; ``bodies`` keeps
    every request body (or query) exactly as the stripe library sent it."""

    def __init__(self):
        super().__init__()
        self.bodies: list[str] = []
        self.sessions: dict[str, dict] = {}
        self.invoices: dict[str, dict] = {}
        self.customers: dict[str, dict] = {}

    def request(self, method, url, headers, post_data=None, *, _usage=None):
        parsed = urlparse(url)
        raw = post_data.decode() if isinstance(post_data, bytes) else post_data
        self.bodies.append(unquote_plus(raw or parsed.query or ""))
        params = _flat(parse_qs(raw or parsed.query or ""))
        method, path = method.upper(), parsed.path
        self.calls.append((method, path, parse_qs(raw or ""), dict(headers or {})))
        if (method, path) in self.responses:
            answer = self.responses[(method, path)]
        else:
            answer = self._answer(method, path, params)
        if isinstance(answer, int):
            error = {"error": {"type": "api_error", "message": "Refused"}}
            return json.dumps(error), answer, {"request-id": "req_fake"}
        return json.dumps(answer), 200, {"request-id": "req_fake"}

    def _answer(self, method, path, params):
        if (method, path) == ("POST", "/v1/customers"):
            customer = {
                "id": fake.new_id("cus"),
                "object": "customer",
                "email": params.get("email"),
                "name": params.get("name"),
                "metadata": _sub(params, "metadata"),
            }
            self.customers[customer["id"]] = customer
            return customer
        if (method, path) == ("POST", "/v1/checkout/sessions"):
            session_id = fake.new_id("cs_test")
            session = {
                "id": session_id,
                "object": "checkout.session",
                "mode": params.get("mode"),
                "customer": params.get("customer"),
                "client_reference_id": params.get("client_reference_id"),
                "metadata": _sub(params, "metadata"),
                "payment_status": "unpaid",
                "status": "open",
                "success_url": params.get("success_url"),
                "cancel_url": params.get("cancel_url"),
                "url": f"https://checkout.stripe.com/c/pay/{session_id}",
            }
            self.sessions[session_id] = session
            return session
        if (method, path) == ("POST", "/v1/invoices"):
            invoice_id = fake.new_id("in")
            invoice = {
                "id": invoice_id,
                "object": "invoice",
                "customer": params.get("customer"),
                "collection_method": params.get("collection_method"),
                "days_until_due": int(params.get("days_until_due", 0)),
                "description": params.get("description"),
                "metadata": _sub(params, "metadata"),
                "status": "draft",
                "hosted_invoice_url": None,
                "amount_due": 0,
                "currency": "usd",
            }
            self.invoices[invoice_id] = invoice
            return invoice
        if (method, path) == ("POST", "/v1/invoiceitems"):
            invoice = self.invoices[params["invoice"]]
            invoice["amount_due"] += int(params.get("amount", 0))
            return {
                "id": fake.new_id("ii"),
                "object": "invoiceitem",
                "invoice": invoice["id"],
                "amount": int(params.get("amount", 0)),
            }
        parts = path.split("/")  # ["", "v1", "invoices", id, action]
        if method == "POST" and path.startswith("/v1/checkout/sessions/"):
            session = self.sessions.get(parts[4]) if len(parts) == 6 else None
            if session is None or parts[5] != "expire" or session["status"] != "open":
                return 404 if session is None else 400
            session.update(status="expired", url=None)
            return session
        if method == "POST" and len(parts) == 5 and parts[2] == "invoices":
            invoice = self.invoices.get(parts[3])
            if invoice is None:
                return 404
            if parts[4] == "finalize":
                invoice["status"] = "open"
                invoice["hosted_invoice_url"] = (
                    f"https://invoice.stripe.com/i/acct_Test/{invoice['id']}"
                )
            return invoice
        return 404

    def posts(self, path: str) -> list[dict]:
        return [
            {key: values[0] for key, values in params.items()}
            for method, p, params, _ in self.calls
            if method == "POST" and p == path
        ]


@pytest.fixture(name="stripe_http")
def stripe_http_fixture(settings, monkeypatch) -> PaymentStripeHTTP:
    settings.STRIPE_SECRET_KEY = "sk_test_fake"
    settings.STRIPE_WEBHOOK_SECRET = fake.WEBHOOK_SECRET
    http = PaymentStripeHTTP()
    http._sleep_time_seconds = lambda *args, **kwargs: 0
    monkeypatch.setattr(stripe_api, "HTTP_CLIENT", http)
    return http


@pytest.fixture(name="fee")
def fee_fixture(db):
    return ConsultationFee.objects.create(
        kind=ConsultationFee.Kind.STANDARD, amount=35000, currency="usd"
    )


@pytest.fixture(name="send")
def send_fixture(client, django_capture_on_commit_callbacks, stripe_http):
    """Deliver a signed event as Stripe would, and run the task it queued."""

    def deliver(payload):
        with django_capture_on_commit_callbacks(execute=True):
            response = fake.deliver(client, payload)
        assert response.status_code == 200, response.content
        return response

    return deliver


def completed_session(session: dict, *, paid: bool = True) -> dict:
    return {
        **session,
        "status": "complete",
        "payment_status": "paid" if paid else "unpaid",
        "payment_intent": fake.new_id("pi"),
        "amount_total": 35000,
        "currency": "usd",
        "created": int(time.time()) - 60,
        "url": None,
    }


def expired_session(session: dict) -> dict:
    return {**session, "status": "expired", "url": None}


def paid_invoice(invoice: dict, *, intent=None, charge=None) -> dict:
    """An invoice paid on Stripe's page (API 2026: its payments listed)."""
    now = int(time.time())
    return {
        **invoice,
        "status": "paid",
        "amount_paid": invoice["amount_due"],
        "amount_remaining": 0,
        "status_transitions": {"paid_at": now, "finalized_at": now - 3600},
        "payments": {
            "object": "list",
            "data": [
                {
                    "id": fake.new_id("inpay"),
                    "object": "invoice_payment",
                    "status": "paid",
                    "payment": {
                        "type": "payment_intent",
                        "payment_intent": intent or fake.new_id("pi"),
                        "charge": charge or fake.new_id("ch"),
                    },
                }
            ],
            "has_more": False,
        },
    }


def failed_invoice(invoice: dict) -> dict:
    return {**invoice, "status": "open", "attempt_count": 1, "amount_paid": 0}
