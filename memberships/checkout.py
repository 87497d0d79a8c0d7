"""Starting Stripe Checkout at Join, and confirming it on the success page.

Both run under the member's row lock (``services.membership_lock``), the same one
the webhook handlers and comp grants take. Join never offers a second way to
subscribe: not while Stripe bills the customer for a live subscription (asked
at Stripe, since its webhook may still be on the way), and not a second open
Checkout session (two tabs, a double submit reuse the first one; another plan
expires it first). So one member ends up with one subscription.
"""

import contextlib
import logging

from django.db import transaction
from django.utils import timezone

from memberships import services, stripe_api
from memberships.models import Membership, Plan

logger = logging.getLogger(__name__)


def membership_start_checkout(*, user, plan: Plan) -> str | None:
    """The Checkout URL to send the member to, or None when they already have a
    live subscription. A StripeError leaves what was done (a new customer) kept."""
    with transaction.atomic():
        try:
            # Takes the member's row lock, held until Checkout is open.
            membership = services.membership_ensure_customer(
                user=user, create_customer=stripe_api.create_customer
            )
            if membership.has_live_subscription:
                return None
            return _checkout_url(membership, plan=plan)
        except stripe_api.StripeError as exc:
            failure = exc
    raise failure


def _checkout_url(membership: Membership, *, plan: Plan) -> str | None:
    if stripe_api.live_subscriptions(customer_id=membership.stripe_customer_id):
        return None
    if membership.checkout_session_id:
        previous = stripe_api.retrieve_checkout_session(
            membership.checkout_session_id, expand=False
        )
        status = previous.get("status")
        if status == "complete":
            return None  # paid; its subscription is on the way
        if status == "open":
            price_id = (previous.get("metadata") or {}).get("price_id")
            if price_id == plan.stripe_price_id and previous.get("url"):
                return previous["url"]
            stripe_api.expire_checkout_session(membership.checkout_session_id)
    session = stripe_api.create_checkout_session(
        user=membership.user,
        customer_id=membership.stripe_customer_id,
        price_id=plan.stripe_price_id,
    )
    membership.checkout_session_id = session["id"]
    membership.save(update_fields=["checkout_session_id", "updated_at"])
    return session["url"]


def membership_confirm_checkout(*, user, session_id: str) -> None:
    """The success page: read the Checkout session from Stripe and apply its
    subscription, as the webhook would. The browser's arrival proves nothing."""
    with transaction.atomic():
        membership = services.membership_lock(user=user)
        as_of = timezone.now()
        session = stripe_api.retrieve_checkout_session(session_id)
        if session.get("client_reference_id") != str(user.pk):
            logger.warning("Checkout session %s is not user %s's", session_id, user.pk)
            return
        subscription = session.get("subscription")
        if session.get("status") != "complete" or not isinstance(subscription, dict):
            return
        services.membership_link_checkout(
            membership=membership,
            customer_id=session.get("customer") or "",
            subscription_id=subscription.get("id", ""),
            session_id=session_id,
        )
        # A webhook may have applied the same or a newer state meanwhile.
        with contextlib.suppress(services.StaleStripeState):
            services.membership_apply_subscription(
                membership=membership, subscription=subscription, as_of=as_of
            )
