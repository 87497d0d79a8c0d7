"""The payer's choice on a request held for payment ("pay to send").

Each choice runs under the case's row lock, so a double submit (two tabs, a
double click) waits for the first and then reuses what it made: one open
Checkout session, one invoice. The browser's return from Checkout proves
nothing; only the signed webhook (``stripe_handlers``) makes a payment paid.
A StripeError rolls back the payment row and leaves the draft as it was.
"""

import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction

from consultation_billing import stripe_calls
from consultation_billing.models import CasePayment, ConsultationFee
from consultation_billing.selectors import fee_for, open_card_checkout
from consultations import payment_gate
from consultations.models import Case
from consultations.services.common import locked_case
from memberships import stripe_api

logger = logging.getLogger(__name__)
Status = CasePayment.Status
NOT_WAITING = "This request is not waiting for its payment any more."
NO_FEE = "No fee is charged for this request."


def description(case: Case) -> str:
    """The neutral words Stripe, the receipt and the payer see."""
    return f"Psychotherapy consultation, case reference {case.reference}"


def waits_for_payment(case: Case) -> bool:
    return case.status == Case.Status.DRAFT and case.awaiting_payment


def _held_case(case_id: int, user) -> tuple[Case, ConsultationFee]:
    case = locked_case(case_id)
    if case.requester_id != user.pk or not waits_for_payment(case):
        raise ValidationError(NOT_WAITING)
    fee = fee_for(case)
    if fee is None:
        raise ValidationError(NO_FEE)
    return case, fee


def _new_payment(case: Case, fee: ConsultationFee, *, user, **fields) -> CasePayment:
    payment = CasePayment(
        case=case,
        case_reference=case.reference,
        purpose=CasePayment.Purpose.CONSULTATION,
        payer=user,
        amount=fee.amount,
        currency=fee.currency,
        description=description(case),
        **fields,
    )
    payment.full_clean()
    payment.save()
    return payment


@transaction.atomic
def payment_start_card(*, case_id: int, user) -> str:
    """The Checkout URL to send the therapist to (an open one is reused)."""
    case, fee = _held_case(case_id, user)
    open_one = open_card_checkout(
        fee=fee, case=case, purpose=CasePayment.Purpose.CONSULTATION
    )
    if open_one is not None:
        return open_one.hosted_url
    payment = _new_payment(case, fee, user=user, method=CasePayment.Method.CARD)
    return stripe_calls.checkout_start(payment=payment, fee=fee, user=user)


@transaction.atomic
def payment_send_invoice(
    *, case_id: int, user, billing_name: str, billing_email: str
) -> CasePayment:
    """Stripe sends an invoice to the billing contact; the request is sent on
    to triage now or once it is paid (``CONSULT_TRIAGE_ON_INVOICE``)."""
    case, fee = _held_case(case_id, user)
    _close_open_checkouts(case)
    payment = (
        CasePayment.objects.filter(
            case=case,
            purpose=CasePayment.Purpose.CONSULTATION,
            method=CasePayment.Method.INVOICE,
            status=Status.OPEN,
        ).first()
    ) or _send_new_invoice(case, fee, user, billing_name, billing_email)
    if settings.CONSULT_TRIAGE_ON_INVOICE == "sent":
        payment_gate.settle(case_id=case.pk, how=Case.FeeSettlement.INVOICED)
    else:
        payment_gate.send_unpaid(case_id=case.pk, actor=user)
    return payment


def _send_new_invoice(case, fee, user, billing_name, billing_email) -> CasePayment:
    payment = _new_payment(
        case,
        fee,
        user=user,
        method=CasePayment.Method.INVOICE,
        billing_name=billing_name,
        billing_email=billing_email,
    )
    invoice = stripe_calls.send_invoice(payment=payment, fee=fee)
    payment.stripe_invoice_id = invoice["id"]
    payment.hosted_url = invoice["hosted_invoice_url"]
    payment.status = Status.OPEN
    payment.save(
        update_fields=["stripe_invoice_id", "hosted_url", "status", "updated_at"]
    )
    return payment


def _close_open_checkouts(case: Case) -> None:
    """Another way was chosen: a Checkout left open must not be paid as well.
    One Stripe no longer lets us expire (paid meanwhile) is left to its webhook."""
    open_ones = CasePayment.objects.filter(
        case=case, method=CasePayment.Method.CARD, status=Status.PENDING
    ).exclude(stripe_checkout_session_id="")
    for payment in open_ones:
        try:
            stripe_api.expire_checkout_session(payment.stripe_checkout_session_id)
        except stripe_api.StripeError:
            logger.warning("Checkout of payment %s could not be expired", payment.pk)
            continue
        payment.status = Status.ABANDONED
        payment.save(update_fields=["status", "updated_at"])


@transaction.atomic
def payment_ask_waiver(*, case_id: int, user) -> Case:
    """Sent unpaid: the director decides on the waiver at triage."""
    case, _fee = _held_case(case_id, user)
    _close_open_checkouts(case)
    return payment_gate.send_unpaid(case_id=case_id, actor=user, waiver_requested=True)
