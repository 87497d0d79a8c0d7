"""The only place that talks to Stripe's API.

Everything goes through one ``StripeClient``; tests replace its HTTP layer by
setting ``HTTP_CLIENT`` to a fake that answers like Stripe does.
"""

import stripe
from django.conf import settings

# Replaced in tests by an object implementing stripe.HTTPClient.
HTTP_CLIENT = None

StripeError = stripe.StripeError


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


def create_checkout_session(*, user, customer_id: str, price_id: str) -> str:
    """A subscription Checkout session; returns the URL to send the browser to."""
    session = client().v1.checkout.sessions.create(
        params={
            "mode": "subscription",
            "customer": customer_id,
            "client_reference_id": str(user.pk),
            "line_items": [{"price": price_id, "quantity": 1}],
            "metadata": {"user_id": str(user.pk)},
            "subscription_data": {"metadata": {"user_id": str(user.pk)}},
            "allow_promotion_codes": True,
            "success_url": settings.SITE_URL
            + "/join/success/?session_id={CHECKOUT_SESSION_ID}",
            "cancel_url": settings.SITE_URL + "/join/?canceled=1",
        }
    )
    return session.url


def retrieve_checkout_session(session_id: str) -> dict:
    session = client().v1.checkout.sessions.retrieve(
        session_id, params={"expand": ["subscription"]}
    )
    return session.to_dict()


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
