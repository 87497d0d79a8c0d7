"""Processing a stored Stripe event: dispatch by type, once, idempotently.

``process_event`` runs in a django-q2 task (``memberships.tasks``), never in the
webhook request. It dispatches through HANDLERS; every handler is idempotent, and
state older than what is stored is skipped, so delivery order does not matter.
"""

import logging
import traceback

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from memberships import emails, services
from memberships.models import Membership, StripeEvent

logger = logging.getLogger(__name__)
Outcome = StripeEvent.Outcome


class SkipEvent(Exception):
    """Nothing to do for this event; the reason is kept in the log."""


def process_event(*, event_id: str) -> StripeEvent:
    """Process one stored event, once. Raises on failure so django-q2 retries."""
    try:
        with transaction.atomic():
            event = StripeEvent.objects.select_for_update().get(event_id=event_id)
            if event.outcome in (Outcome.PROCESSED, Outcome.SKIPPED):
                return event
            handler = HANDLERS.get(event.type)
            try:
                if handler is None:
                    raise SkipEvent("no handler for this event type")
                event.note = handler(event.data_object, event=event) or ""
                event.outcome = Outcome.PROCESSED
            except (SkipEvent, services.StaleStripeState) as skip:
                event.outcome = Outcome.SKIPPED
                event.note = f"Skipped: {skip}"[:300]
            event.processed_at = timezone.now()
            event.attempts += 1
            event.error = ""
            event.save()
            return event
    except Exception:
        StripeEvent.objects.filter(event_id=event_id).update(
            outcome=Outcome.FAILED,
            attempts=F("attempts") + 1,
            error=traceback.format_exc()[-5000:],
        )
        raise


# --- handlers: (Stripe object, event) -> a short note for the log ---------------------


def _membership_for(*, customer_id: str | None, user_id=None) -> Membership:
    """Find the membership by Stripe customer, else by the user id we sent along."""
    membership = None
    if customer_id:
        membership = (
            Membership.objects.select_for_update()
            .select_related("user")
            .filter(stripe_customer_id=customer_id)
            .first()
        )
    if membership is None and user_id and str(user_id).isdigit():
        membership = (
            Membership.objects.select_for_update()
            .select_related("user")
            .filter(user_id=int(user_id))
            .first()
        )
        if membership is None:
            user = get_user_model().objects.filter(pk=int(user_id)).first()
            if user is not None:
                membership = Membership.objects.create(user=user)
    if membership is None:
        raise SkipEvent(f"no member for customer {customer_id or '(none)'}")
    return membership


def _metadata_user(obj: dict):
    return (obj.get("metadata") or {}).get("user_id")


def _id(value):
    return value.get("id") if isinstance(value, dict) else value


def on_checkout_completed(session: dict, *, event: StripeEvent) -> str:
    if session.get("mode") != "subscription":
        raise SkipEvent("not a subscription checkout")
    membership = _membership_for(
        customer_id=_id(session.get("customer")),
        user_id=session.get("client_reference_id") or _metadata_user(session),
    )
    subscription = session.get("subscription")
    services.membership_link_checkout(
        membership=membership,
        customer_id=_id(session.get("customer")),
        subscription_id=_id(subscription) or "",
    )
    if isinstance(subscription, dict):
        services.membership_sync_subscription(
            membership=membership, subscription=subscription, as_of=event.stripe_created
        )
    return f"checkout linked to user {membership.user_id}"


def on_subscription_changed(subscription: dict, *, event: StripeEvent) -> str:
    membership = _membership_for(
        customer_id=_id(subscription.get("customer")),
        user_id=_metadata_user(subscription),
    )
    services.membership_sync_subscription(
        membership=membership, subscription=subscription, as_of=event.stripe_created
    )
    return f"user {membership.user_id}: {membership.status}"


def _invoice_subscription_id(invoice: dict) -> str | None:
    # Newer API versions moved the subscription under parent.subscription_details.
    details = (invoice.get("parent") or {}).get("subscription_details") or {}
    return _id(invoice.get("subscription")) or _id(details.get("subscription"))


def _invoice_membership(invoice: dict) -> Membership:
    if not _invoice_subscription_id(invoice):
        raise SkipEvent("invoice is not for a subscription")
    return _membership_for(customer_id=_id(invoice.get("customer")))


def on_invoice_paid(invoice: dict, *, event: StripeEvent) -> str:
    membership = _invoice_membership(invoice)
    services.membership_record_payment(
        membership=membership, as_of=event.stripe_created
    )
    return f"user {membership.user_id}: paid {invoice.get('amount_paid', 0)}"


def on_invoice_payment_failed(invoice: dict, *, event: StripeEvent) -> str:
    membership = _invoice_membership(invoice)
    services.membership_record_payment_failure(
        membership=membership, as_of=event.stripe_created
    )
    return f"user {membership.user_id}: payment failed"


def on_trial_will_end(subscription: dict, *, event: StripeEvent) -> str:
    membership = _membership_for(
        customer_id=_id(subscription.get("customer")),
        user_id=_metadata_user(subscription),
    )
    trial_end = services.from_timestamp(subscription.get("trial_end"))
    if trial_end is None or trial_end <= timezone.now():
        raise SkipEvent("the trial has already ended")
    emails.send_trial_ending(membership=membership, trial_end=trial_end)
    return f"user {membership.user_id}: trial ends {trial_end:%Y-%m-%d}"


HANDLERS = {
    "checkout.session.completed": on_checkout_completed,
    "customer.subscription.created": on_subscription_changed,
    "customer.subscription.updated": on_subscription_changed,
    "customer.subscription.deleted": on_subscription_changed,
    "customer.subscription.paused": on_subscription_changed,
    "customer.subscription.resumed": on_subscription_changed,
    "customer.subscription.trial_will_end": on_trial_will_end,
    "invoice.paid": on_invoice_paid,
    "invoice.payment_succeeded": on_invoice_paid,
    "invoice.payment_failed": on_invoice_payment_failed,
}
