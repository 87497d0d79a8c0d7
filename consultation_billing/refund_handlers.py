"""Stripe's news of refunds and disputes on consultation payments, through the
verified, stored-once webhook pipeline (``memberships.stripe_events``; the
handlers are registered in ``wagtail_hooks``).

``charge.refunded`` brings the charge's refunded total: the payment takes it
(refunds only add up, so the larger total wins and an old or repeated event
changes nothing), and a consultation refunded in full after its report was
delivered has the reviewer's payout line reversed (once). A refund made by hand
in Stripe's dashboard arrives the same way as one this site asked for.
``charge.dispute.created`` (and ``.closed``) mark the payment disputed for the
admins' payment listing. A charge that is not a consultation's (a membership's)
is skipped.
"""

from datetime import UTC, datetime

from django.db import transaction
from django.db.models import Q

from consultation_billing import ledger, payments, refunds
from consultation_billing.models import CasePayment, PayoutLine
from consultations.models import Case
from memberships.stripe_events import SkipEvent

Status = CasePayment.Status
DISPUTE_CLOSED = frozenset({"won", "lost", "warning_closed"})


def _id(value):
    return value.get("id") if isinstance(value, dict) else value


def _when(timestamp):
    return datetime.fromtimestamp(timestamp, tz=UTC) if timestamp else None


def _payment_for(*, charge_id: str | None, payment_intent_id: str | None):
    match = Q()
    if charge_id:
        match |= Q(stripe_charge_id=charge_id)
    if payment_intent_id:
        match |= Q(stripe_payment_intent_id=payment_intent_id)
    payment = (
        CasePayment.objects.filter(match).order_by("pk").first() if match else None
    )
    if payment is None:
        raise SkipEvent(f"no consultation payment for charge {charge_id or '(none)'}")
    return payment


def _latest_refund_at(charge: dict, *, event):
    refunds_list = (charge.get("refunds") or {}).get("data") or []
    stamps = [r.get("created") for r in refunds_list if r.get("created")]
    return _when(max(stamps)) if stamps else event.stripe_created


def on_charge_refunded(charge: dict, *, event) -> str:
    charge_id = charge.get("id")
    payment_intent_id = _id(charge.get("payment_intent"))
    payment = _payment_for(charge_id=charge_id, payment_intent_id=payment_intent_id)
    if payment.status in (Status.PENDING, Status.OPEN):
        # Refunded before the news of its payment was processed: a refunded
        # charge was paid, and ``payment_paid`` is the one way to say so.
        payments.payment_paid(
            payment_id=payment.pk,
            payment_intent_id=payment_intent_id or "",
            charge_id=charge_id or "",
            paid_at=_when(charge.get("created")),
        )
    if charge_id and not payment.stripe_charge_id:
        CasePayment.objects.filter(pk=payment.pk, stripe_charge_id="").update(
            stripe_charge_id=charge_id
        )
    payment = refunds.payment_refunded(
        payment_id=payment.pk,
        refunded_total=int(charge.get("amount_refunded") or 0),
        refunded_at=_latest_refund_at(charge, event=event),
    )
    reversed_lines = _reverse_if_delivered(payment)
    note = (
        f"payment {payment.pk} ({payment.case_reference}): {payment.status}, "
        f"{payment.refunded_amount} refunded"
    )
    return note + (f", {reversed_lines} payout line reversed" if reversed_lines else "")


def _reverse_if_delivered(payment: CasePayment) -> int:
    """A consultation refunded in full after delivery owes the reviewer nothing
    for it: the case's line is reversed (a partial refund, a gesture, keeps
    it). A follow-up call's payment refunded in full after the call was held
    reverses that call's line only."""
    if payment.status != Status.REFUNDED or payment.case_id is None:
        return 0
    if payment.purpose == CasePayment.Purpose.FOLLOW_UP:
        if payment.follow_up_call_id is None:
            return 0
        lines = PayoutLine.objects.filter(
            follow_up_call_id=payment.follow_up_call_id, kind=PayoutLine.Kind.FOLLOW_UP
        )
    elif Case.objects.filter(pk=payment.case_id, delivered_at__isnull=False).exists():
        lines = PayoutLine.objects.filter(
            case_id=payment.case_id, kind=PayoutLine.Kind.CASE
        )
    else:
        return 0
    line_ids = lines.filter(reversed_by__isnull=True).values_list("pk", flat=True)
    return len([ledger.line_reverse(line_id=pk) for pk in line_ids])


def _dispute_payment(dispute: dict) -> CasePayment:
    return _payment_for(
        charge_id=_id(dispute.get("charge")),
        payment_intent_id=_id(dispute.get("payment_intent")),
    )


@transaction.atomic
def on_dispute_created(dispute: dict, *, event) -> str:
    payment = payments.locked_payment(_dispute_payment(dispute).pk)
    if payment.disputed_at is None:
        payment.disputed_at = _when(dispute.get("created")) or event.stripe_created
        payment.dispute_status = str(dispute.get("status") or "")[:40]
        payment.save(update_fields=["disputed_at", "dispute_status", "updated_at"])
    return f"payment {payment.pk} ({payment.case_reference}) disputed"


@transaction.atomic
def on_dispute_closed(dispute: dict, *, event) -> str:
    """The dispute's outcome; a late "created" does not undo it."""
    payment = payments.locked_payment(_dispute_payment(dispute).pk)
    status = str(dispute.get("status") or "")[:40]
    if payment.dispute_status != status and payment.dispute_status not in (
        DISPUTE_CLOSED
    ):
        payment.disputed_at = payment.disputed_at or _when(dispute.get("created"))
        payment.dispute_status = status
        payment.save(update_fields=["disputed_at", "dispute_status", "updated_at"])
    return f"payment {payment.pk} ({payment.case_reference}) dispute {status}"


HANDLERS = {
    "charge.refunded": on_charge_refunded,
    "charge.dispute.created": on_dispute_created,
    "charge.dispute.closed": on_dispute_closed,
}
