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
from memberships import services as membership_services
from memberships import stripe_api

Status = CasePayment.Status


def description(reference: str) -> str:
    return f"Follow-up consultation call, case reference {reference}"


def open_checkout(call, fee: ConsultationFee) -> CasePayment | None:
    return (
        CasePayment.objects.filter(
            follow_up_call=call,
            method=CasePayment.Method.CARD,
            status=Status.PENDING,
            amount=fee.amount,
            currency=fee.currency,
        )
        .exclude(hosted_url="")
        .first()
    )


def follow_up_checkout_url(*, call, fee: ConsultationFee, user) -> str:
    """Where to send the requester to pay ``call`` (locked by the caller)."""
    existing = open_checkout(call, fee)
    if existing is not None:
        return existing.hosted_url
    membership = membership_services.membership_ensure_customer(
        user=user, create_customer=stripe_api.create_customer
    )
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
    back = reverse("consultation_calls:paid", args=[call.case_id, call.pk])
    session = stripe_calls.create_checkout(
        payment=payment,
        customer_id=membership.stripe_customer_id,
        fee=fee,
        success_path=back,
        cancel_path=reverse("consultations:case", args=[call.case_id]) + "#follow-up",
    )
    payment.stripe_checkout_session_id = session["id"]
    payment.hosted_url = session["url"]
    payment.save(
        update_fields=["stripe_checkout_session_id", "hosted_url", "updated_at"]
    )
    return payment.hosted_url


PAID_ONCE = (Status.PAID, Status.REFUNDED, Status.PARTLY_REFUNDED)


def paid_payment(call) -> CasePayment | None:
    """The payment that paid ``call`` (refunded since, perhaps)."""
    return CasePayment.objects.filter(follow_up_call=call, status__in=PAID_ONCE).first()
