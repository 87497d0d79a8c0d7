"""Processing a stored Stripe event: dispatch by type, once, idempotently.

``process_event`` runs in a django-q2 task (``memberships.tasks``), never in the
webhook request. It dispatches through HANDLERS, then the handlers other apps
register (``handlers_for``). An event is only the trigger:
its handler takes the member's row lock, reads the subscription from Stripe and
applies that, so neither the order of delivery nor which of two workers finishes
last decides the state (Stripe's one-second ``created`` stamps cannot). When
Stripe cannot be reached the event stays pending and is retried.
"""

import logging
import traceback

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from wagtail import hooks

from memberships import emails, services, stripe_api
from memberships.models import Membership, StripeEvent

logger = logging.getLogger(__name__)
Outcome = StripeEvent.Outcome
STRIPE_EVENT_HOOK = "stripe_event_handlers"


class SkipEvent(Exception):
    """Nothing to do for this event; the reason is kept in the log."""


def process_event(*, event_id: str) -> StripeEvent:
    """Process one stored event, once. Raises on failure so django-q2 retries."""
    try:
        with transaction.atomic():
            event = StripeEvent.objects.select_for_update().get(event_id=event_id)
            if event.outcome in (Outcome.PROCESSED, Outcome.SKIPPED):
                return event
            try:
                event.note = _dispatch(event)[:300]
                event.outcome = Outcome.PROCESSED
            except (SkipEvent, services.StaleStripeState) as skip:
                event.outcome = Outcome.SKIPPED
                event.note = f"Skipped: {skip}"[:300]
            event.processed_at = timezone.now()
            event.attempts += 1
            event.error = ""
            event.save()
            return event
    except stripe_api.StripeError:
        # Stripe unreachable or refusing: nothing was applied. Still pending, so
        # the task queue's retry or the sweep for lost tasks tries it again.
        _record_error(event_id, outcome=Outcome.PENDING)
        raise
    except Exception:
        _record_error(event_id, outcome=Outcome.FAILED)
        raise


def handlers_for(event_type: str) -> list:
    """Ours first, then those other apps add through the ``stripe_event_handlers``
    Wagtail hook (a function returning ``{event type: handler}``): billing knows
    no content app, and a consultation's payment is not a membership's."""
    found = [HANDLERS[event_type]] if event_type in HANDLERS else []
    for hook in hooks.get_hooks(STRIPE_EVENT_HOOK):
        handler = hook().get(event_type)
        if handler is not None:
            found.append(handler)
    return found


def _dispatch(event: StripeEvent) -> str:
    """The first handler that does not skip the event applies it; when every
    one skips it (a subscription's handler, a checkout in payment mode), the
    event is skipped with the last reason."""
    skipped = SkipEvent("no handler for this event type")
    for handler in handlers_for(event.type):
        try:
            return handler(event.data_object, event=event) or ""
        except SkipEvent as skip:
            skipped = skip
    raise skipped


def _record_error(event_id: str, *, outcome: str) -> None:
    StripeEvent.objects.filter(event_id=event_id).update(
        outcome=outcome,
        attempts=F("attempts") + 1,
        error=traceback.format_exc()[-5000:],
    )


# --- handlers: (Stripe object, event) -> a short note for the log ---------------------


def _membership_for(*, customer_id: str | None, user_id=None) -> Membership:
    """The member, locked: by Stripe customer, else by the user id we sent along."""
    membership = services.membership_lock(customer_id=customer_id, user_id=user_id)
    if membership is None:
        raise SkipEvent(f"no member for customer {customer_id or '(none)'}")
    return membership


def _metadata_user(obj: dict):
    return (obj.get("metadata") or {}).get("user_id")


def _id(value):
    return value.get("id") if isinstance(value, dict) else value


def _apply_from_stripe(
    membership: Membership, subscription_id: str, *, event: StripeEvent
) -> str:
    """Read the subscription from Stripe (under the member's lock) and apply it."""
    as_of = timezone.now()
    try:
        subscription = stripe_api.retrieve_subscription(subscription_id)
    except stripe_api.StripeError as exc:
        if exc.http_status == 404:  # asking again will not make it exist
            raise SkipEvent(f"Stripe has no subscription {subscription_id}") from exc
        raise
    services.membership_apply_subscription(
        membership=membership, subscription=subscription, as_of=as_of
    )
    if membership.second_subscription_id == subscription_id:
        event.flagged = True
        return (
            f"Flagged: user {membership.user_id} has a second live subscription, "
            f"{subscription_id}, beside {membership.stripe_subscription_id} (kept). "
            "Cancel one of them in Stripe."
        )
    return f"user {membership.user_id}: {membership.status}"


def on_checkout_completed(session: dict, *, event: StripeEvent) -> str:
    if session.get("mode") != "subscription":
        raise SkipEvent("not a subscription checkout")
    membership = _membership_for(
        customer_id=_id(session.get("customer")),
        user_id=session.get("client_reference_id") or _metadata_user(session),
    )
    subscription_id = _id(session.get("subscription")) or ""
    services.membership_link_checkout(
        membership=membership,
        customer_id=_id(session.get("customer")),
        subscription_id=subscription_id,
        session_id=session.get("id", ""),
    )
    if not subscription_id:
        return f"checkout linked to user {membership.user_id}"
    return _apply_from_stripe(membership, subscription_id, event=event)


def on_subscription_changed(subscription: dict, *, event: StripeEvent) -> str:
    membership = _membership_for(
        customer_id=_id(subscription.get("customer")),
        user_id=_metadata_user(subscription),
    )
    return _apply_from_stripe(membership, subscription["id"], event=event)


def _invoice_subscription_id(invoice: dict) -> str | None:
    # Newer API versions moved the subscription under parent.subscription_details.
    details = (invoice.get("parent") or {}).get("subscription_details") or {}
    return _id(invoice.get("subscription")) or _id(details.get("subscription"))


def _invoice_membership(invoice: dict) -> tuple[Membership, str]:
    subscription_id = _invoice_subscription_id(invoice)
    if not subscription_id:
        raise SkipEvent("invoice is not for a subscription")
    return _membership_for(customer_id=_id(invoice.get("customer"))), subscription_id


def on_invoice_paid(invoice: dict, *, event: StripeEvent) -> str:
    membership, subscription_id = _invoice_membership(invoice)
    note = _apply_from_stripe(membership, subscription_id, event=event)
    return f"{note}, paid {invoice.get('amount_paid', 0)}"


def on_invoice_payment_failed(invoice: dict, *, event: StripeEvent) -> str:
    """The member is told, with the date their access ends, while it is overdue
    (a payment retried meanwhile and paid sends nothing)."""
    membership, subscription_id = _invoice_membership(invoice)
    note = _apply_from_stripe(membership, subscription_id, event=event)
    if (
        membership.stripe_subscription_id == subscription_id
        and membership.status == Membership.Status.PAST_DUE
    ):
        emails.send_payment_failed(membership=membership)
        return f"user {membership.user_id}: payment failed"
    return note


def on_trial_will_end(subscription: dict, *, event: StripeEvent) -> str:
    membership = _membership_for(
        customer_id=_id(subscription.get("customer")),
        user_id=_metadata_user(subscription),
    )
    _apply_from_stripe(membership, subscription["id"], event=event)
    trial_end = membership.trial_end
    if (
        membership.stripe_subscription_id != subscription["id"]
        or membership.status != Membership.Status.TRIALING
        or trial_end is None
        or trial_end <= timezone.now()
    ):
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
