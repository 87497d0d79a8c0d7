"""A payment's state, changed in one place, each change under the row's lock
and idempotent: Stripe may deliver an event twice or out of order, and the
second delivery must change nothing.

``payment_paid`` is the one way a payment becomes paid (a card Checkout or an
invoice, confirmed by a verified webhook, never by the browser's return): it
gives the payment its receipt number and settles the case's fee through
``consultations.payment_gate`` (or, for a follow-up call, tells the calls app
through ``signals.follow_up_paid``).
"""

from django.db import transaction
from django.utils import timezone

from consultation_billing.models import CasePayment
from consultation_billing.signals import follow_up_paid
from consultations import payment_gate
from consultations.models import Case

Status = CasePayment.Status
# A payment in one of these states is over: a late "paid" changes nothing.
SETTLED = frozenset({Status.PAID, Status.REFUNDED, Status.PARTLY_REFUNDED})


def locked_payment(payment_id: int) -> CasePayment:
    return CasePayment.objects.select_for_update().get(pk=payment_id)


def receipt_number(payment: CasePayment) -> str:
    """R-<year paid>-<payment id>: unique, stable, and says nothing of the case."""
    return f"R-{payment.paid_at:%Y}-{payment.pk:05d}"


@transaction.atomic
def payment_paid(
    *, payment_id: int, payment_intent_id: str = "", charge_id: str = "", paid_at=None
) -> CasePayment:
    payment = locked_payment(payment_id)
    if payment.status in SETTLED:
        return payment
    payment.status = Status.PAID
    payment.paid_at = paid_at or timezone.now()
    payment.receipt_number = receipt_number(payment)
    payment.stripe_payment_intent_id = (
        payment_intent_id or payment.stripe_payment_intent_id
    )
    payment.stripe_charge_id = charge_id or payment.stripe_charge_id
    payment.save()
    if payment.case_id and payment.purpose == CasePayment.Purpose.CONSULTATION:
        payment_gate.settle(case_id=payment.case_id, how=Case.FeeSettlement.PAID)
    elif payment.follow_up_call_id:
        follow_up_paid.send(
            sender=CasePayment, payment_id=payment.pk, call_id=payment.follow_up_call_id
        )
    return payment
