"""Stripe's news of consultation payments, through the verified, stored-once
webhook pipeline (``memberships.stripe_events``; registered in
``wagtail_hooks``).

A Checkout session or an invoice is ours when its metadata carries our
payment's id and a purpose of ours, "consultation" or "follow_up"
(``stripe_calls.metadata``), and it matches the payment's stored Stripe id;
anything else (a membership's) is skipped. Every change is made under the
payment's row lock and only moves forward: paid is final
(``payments.payment_paid``), an expired Checkout or a failed invoice payment
never undoes a payment, so a repeated or late event changes nothing twice.
"""

from datetime import UTC, datetime

from django.db import transaction

from consultation_billing import payments, refunds
from consultation_billing.models import CasePayment
from memberships.stripe_events import SkipEvent

Status = CasePayment.Status
PURPOSES = frozenset(CasePayment.Purpose.values)


def _id(value):
    return value.get("id") if isinstance(value, dict) else value


def _when(timestamp):
    return datetime.fromtimestamp(timestamp, tz=UTC) if timestamp else None


def _our_payment(obj: dict, *, field: str) -> CasePayment:
    """The payment ``obj`` (a session or an invoice) is for, locked."""
    meta = obj.get("metadata") or {}
    payment_id = str(meta.get("payment_id") or "")
    if meta.get("purpose") not in PURPOSES or not payment_id.isdigit():
        raise SkipEvent("not a consultation payment")
    payment = (
        CasePayment.objects.select_for_update()
        .filter(pk=int(payment_id), **{field: obj.get("id") or "-"})
        .first()
    )
    if payment is None:
        raise SkipEvent(f"no consultation payment for {obj.get('id')}")
    return payment


def _note(payment: CasePayment) -> str:
    return f"payment {payment.pk} ({payment.case_reference}): {payment.status}"


@transaction.atomic
def on_checkout_completed(session: dict, *, event) -> str:
    if session.get("mode") != "payment":
        raise SkipEvent("not a payment checkout")
    payment = _our_payment(session, field="stripe_checkout_session_id")
    if session.get("payment_status") != "paid":
        raise SkipEvent(f"checkout {session.get('id')} is not paid yet")
    payment = payments.payment_paid(
        payment_id=payment.pk,
        payment_intent_id=_id(session.get("payment_intent")) or "",
        paid_at=event.stripe_created,
    )
    refunds.queue_if_case_ended(payment_id=payment.pk)  # paid as it was cancelled
    return _note(payment)


@transaction.atomic
def on_checkout_expired(session: dict, *, event) -> str:
    """Not paid in time: the draft stays "pay to send", a new Checkout is made
    on the next try. A session paid meanwhile keeps its payment."""
    if session.get("mode") != "payment":
        raise SkipEvent("not a payment checkout")
    payment = _our_payment(session, field="stripe_checkout_session_id")
    if payment.status == Status.PENDING:
        payment.status = Status.ABANDONED
        payment.save(update_fields=["status", "updated_at"])
    return _note(payment)


def _invoice_payment_ids(invoice: dict) -> tuple[str, str]:
    """The payment intent and charge that paid the invoice: on the invoice in
    older API versions, under ``payments`` in newer ones."""
    intent, charge = _id(invoice.get("payment_intent")), _id(invoice.get("charge"))
    for row in (invoice.get("payments") or {}).get("data") or []:
        paid_with = row.get("payment") or {}
        intent = intent or _id(paid_with.get("payment_intent"))
        charge = charge or _id(paid_with.get("charge"))
    return intent or "", charge or ""


@transaction.atomic
def on_invoice_paid(invoice: dict, *, event) -> str:
    payment = _our_payment(invoice, field="stripe_invoice_id")
    if invoice.get("status") != "paid":
        raise SkipEvent(f"invoice {invoice.get('id')} is not paid")
    intent, charge = _invoice_payment_ids(invoice)
    paid_at = _when((invoice.get("status_transitions") or {}).get("paid_at"))
    payment = payments.payment_paid(
        payment_id=payment.pk,
        payment_intent_id=intent,
        charge_id=charge,
        paid_at=paid_at or event.stripe_created,
    )
    refunds.queue_if_case_ended(payment_id=payment.pk)  # paid after a decline
    return _note(payment)


@transaction.atomic
def on_invoice_payment_failed(invoice: dict, *, event) -> str:
    """The payer's attempt failed: shown on the case; the case keeps its state
    (the invoice stays payable on Stripe's page)."""
    payment = _our_payment(invoice, field="stripe_invoice_id")
    if payment.status in (Status.OPEN, Status.PENDING):
        payment.status = Status.FAILED
        payment.save(update_fields=["status", "updated_at"])
    return _note(payment)


@transaction.atomic
def on_checkout_async_failed(session: dict, *, event) -> str:
    """A delayed payment method (a bank debit) failed after Checkout completed:
    still unpaid, and the payer may try again."""
    if session.get("mode") != "payment":
        raise SkipEvent("not a payment checkout")
    payment = _our_payment(session, field="stripe_checkout_session_id")
    if payment.status == Status.PENDING:
        payment.status = Status.FAILED
        payment.save(update_fields=["status", "updated_at"])
    return _note(payment)


HANDLERS = {
    "checkout.session.completed": on_checkout_completed,
    # A delayed method (a bank debit) is paid, or fails, after Checkout closes.
    "checkout.session.async_payment_succeeded": on_checkout_completed,
    "checkout.session.async_payment_failed": on_checkout_async_failed,
    "checkout.session.expired": on_checkout_expired,
    "invoice.paid": on_invoice_paid,
    "invoice.payment_succeeded": on_invoice_paid,
    "invoice.payment_failed": on_invoice_payment_failed,
}
