"""The only place that talks to Stripe's API.

Everything goes through one ``StripeClient``; tests replace its HTTP layer by
setting ``HTTP_CLIENT`` to a fake that answers like Stripe does.
"""

import stripe
from django.conf import settings

# Replaced in tests by an object implementing stripe.HTTPClient.
HTTP_CLIENT = None

StripeError = stripe.StripeError

# Subscriptions Stripe bills, or is still trying to bill: never start another.
LIVE_STATUSES = ("trialing", "active", "past_due")


def is_configured() -> bool:
    return bool(settings.STRIPE_SECRET_KEY)


def client() -> stripe.StripeClient:
    # STRIPE_API_BASE points at a Stripe-compatible server (localstripe) in tests
    # and offline development; unset, the library talks to Stripe itself.
    base = {"api": settings.STRIPE_API_BASE} if settings.STRIPE_API_BASE else None
    return stripe.StripeClient(
        settings.STRIPE_SECRET_KEY,
        http_client=HTTP_CLIENT,
        max_network_retries=2,
        base_addresses=base,
    )


def create_customer(*, user) -> str:
    """A Stripe customer for this user; the idempotency key makes a retry safe."""
    customer = client().v1.customers.create(
        params={
            "email": user.email,
            "name": user.get_full_name() or user.display_name,
            "metadata": {"user_id": str(user.pk)},
        },
        options={"idempotency_key": f"customer-for-user-{user.pk}"},
    )
    return customer.id


def create_checkout_session(*, user, customer_id: str, price_id: str) -> dict:
    """A subscription Checkout session: its ``id`` and the ``url`` to send the
    browser to. The price is kept in its metadata, to tell later whether an
    open session is for the plan a member chooses again."""
    session = client().v1.checkout.sessions.create(
        params={
            "mode": "subscription",
            "customer": customer_id,
            "client_reference_id": str(user.pk),
            "line_items": [{"price": price_id, "quantity": 1}],
            "metadata": {"user_id": str(user.pk), "price_id": price_id},
            "subscription_data": {"metadata": {"user_id": str(user.pk)}},
            "allow_promotion_codes": True,
            "success_url": settings.SITE_URL
            + "/join/success/?session_id={CHECKOUT_SESSION_ID}",
            "cancel_url": settings.SITE_URL + "/join/?canceled=1",
        }
    )
    return {"id": session.id, "url": session.url}


def retrieve_checkout_session(session_id: str, *, expand: bool = True) -> dict:
    params = {"expand": ["subscription"]} if expand else {}
    session = client().v1.checkout.sessions.retrieve(session_id, params=params)
    return session.to_dict()


def expire_checkout_session(session_id: str) -> None:
    """An open session can no longer be paid (a member chose another plan)."""
    client().v1.checkout.sessions.expire(session_id)


def retrieve_subscription(subscription_id: str) -> dict:
    """The subscription as Stripe has it now: what an event's handler applies."""
    return client().v1.subscriptions.retrieve(subscription_id).to_dict()


def live_subscriptions(*, customer_id: str) -> list[dict]:
    """The customer's subscriptions that Stripe bills or may bill."""
    subscriptions = client().v1.subscriptions.list(
        params={"customer": customer_id, "limit": 100}
    )
    return [sub.to_dict() for sub in subscriptions.data if sub.status in LIVE_STATUSES]


def create_portal_session(*, customer_id: str) -> str:
    session = client().v1.billing_portal.sessions.create(
        params={
            "customer": customer_id,
            "return_url": settings.SITE_URL + "/account/billing/",
        }
    )
    return session.url


def cancel_subscription(subscription_id: str) -> None:
    client().v1.subscriptions.cancel(subscription_id)


def recent_invoices(*, customer_id: str, limit: int = 12) -> list[dict]:
    """The customer's latest invoices, newest first, with what the billing page
    shows: when, how much, whether paid, and Stripe's page for each."""
    invoices = client().v1.invoices.list(
        params={"customer": customer_id, "limit": limit}
    )
    return [
        {
            "number": invoice.get("number") or "",
            "created": invoice.get("created"),
            "amount": invoice.get("total", invoice.get("amount_due", 0)) or 0,
            "currency": invoice.get("currency") or "usd",
            "status": invoice.get("status") or "",
            "url": invoice.get("hosted_invoice_url") or "",
            "pdf": invoice.get("invoice_pdf") or "",
        }
        for invoice in (inv.to_dict() for inv in invoices.data)
        if invoice.get("status") != "draft"
    ]
