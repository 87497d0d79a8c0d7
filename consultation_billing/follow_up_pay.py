"""Paying for a follow-up call: a card Checkout, like "pay now" on a request.

The calls app asks for the Checkout URL once the requester has chosen a time
(the call locked by the caller); an open Checkout for the same call and amount
is reused, so a double submit asks Stripe once. As everywhere, only the signed
webhook makes the payment paid (``payments.payment_paid``, which books the call
through ``signals.follow_up_paid``). What Stripe sees is neutral: "Follow-up
consultation call, case reference C-…".
"""

from django.urls import reverse

from consultation_billing import stripe_calls
from consultation_billing.models import CasePayment, ConsultationFee
from consultation_billing.selectors import open_card_checkout

Status = CasePayment.Status


def description(reference: str) -> str:
    return f"Follow-up consultation call, case reference {reference}"


def follow_up_checkout_url(*, call, fee: ConsultationFee, user) -> str:
    """Where to send the requester to pay ``call`` (locked by the caller)."""
    existing = open_card_checkout(fee=fee, follow_up_call=call)
    if existing is not None:
        return existing.hosted_url
    payment = CasePayment(
        case_id=call.case_id,
        case_reference=call.case.reference,
        follow_up_call=call,
        purpose=CasePayment.Purpose.FOLLOW_UP,
        payer=user,
        method=CasePayment.Method.CARD,
        amount=fee.amount,
        currency=fee.currency,
        description=description(call.case.reference),
    )
    payment.full_clean()
    payment.save()
    return stripe_calls.checkout_start(
        payment=payment,
        fee=fee,
        user=user,
        success_path=reverse("consultation_calls:paid", args=[call.case_id, call.pk]),
        cancel_path=reverse("consultations:case", args=[call.case_id]) + "#follow-up",
    )


PAID_ONCE = (Status.PAID, Status.REFUNDED, Status.PARTLY_REFUNDED)


def paid_payment(call) -> CasePayment | None:
    """The payment that paid ``call`` (refunded since, perhaps)."""
    return CasePayment.objects.filter(follow_up_call=call, status__in=PAID_ONCE).first()
