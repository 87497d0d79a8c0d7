"""What the receipt, refund and dispute tests share: a consultation payment
made paid the one way one becomes paid (``payments.payment_paid``), and Stripe's
charge, refund and dispute objects shaped like the real ones."""

import time

from consultation_billing import payments
from consultation_billing.models import CasePayment
from tests.memberships import stripe_fakes as fake

# Words of the factories' case text that must never leave the site.
CASE_TEXT = (
    "avoidance of feelings",
    "withdrawing when close",
    "No current risk",
    "Psychodynamic",
    "Psychoeducation",
)


def paid_payment(case, *, amount=35000, method=CasePayment.Method.CARD, **kwargs):
    payment = CasePayment.objects.create(
        case=case,
        case_reference=case.reference,
        payer=case.requester,
        method=method,
        amount=amount,
        currency="usd",
        description=f"Psychotherapy consultation, case reference {case.reference}",
        status=CasePayment.Status.OPEN
        if method == CasePayment.Method.INVOICE
        else CasePayment.Status.PENDING,
        **kwargs,
    )
    return payments.payment_paid(
        payment_id=payment.pk,
        payment_intent_id=fake.new_id("pi"),
        charge_id=fake.new_id("ch"),
    )


def open_invoice(case, *, amount=35000):
    return CasePayment.objects.create(
        case=case,
        case_reference=case.reference,
        payer=case.requester,
        method=CasePayment.Method.INVOICE,
        status=CasePayment.Status.OPEN,
        amount=amount,
        currency="usd",
        description=f"Psychotherapy consultation, case reference {case.reference}",
        billing_name="Northside Clinic",
        billing_email="billing@northside.example",
        stripe_invoice_id=fake.new_id("in"),
    )


def refund(*, payment, amount, status="succeeded"):
    return {
        "id": fake.new_id("re"),
        "object": "refund",
        "amount": amount,
        "charge": payment.stripe_charge_id,
        "created": int(time.time()),
        "currency": payment.currency,
        "metadata": {},
        "payment_intent": payment.stripe_payment_intent_id,
        "reason": "requested_by_customer",
        "status": status,
    }


def charge(*, payment, refunded, refund_created=None):
    refund_created = refund_created or int(time.time())
    return {
        "id": payment.stripe_charge_id,
        "object": "charge",
        "amount": payment.amount,
        "amount_captured": payment.amount,
        "amount_refunded": refunded,
        "captured": True,
        "created": refund_created - 3600,
        "currency": payment.currency,
        "livemode": False,
        "paid": True,
        "payment_intent": payment.stripe_payment_intent_id,
        "refunded": refunded >= payment.amount,
        "refunds": {
            "object": "list",
            "data": [
                {
                    "id": fake.new_id("re"),
                    "object": "refund",
                    "amount": refunded,
                    "created": refund_created,
                    "status": "succeeded",
                }
            ]
            if refunded
            else [],
            "has_more": False,
        },
        "status": "succeeded",
    }


def dispute(*, payment, status="needs_response", created=None):
    return {
        "id": fake.new_id("dp"),
        "object": "dispute",
        "amount": payment.amount,
        "charge": payment.stripe_charge_id,
        "created": created or int(time.time()),
        "currency": payment.currency,
        "livemode": False,
        "payment_intent": payment.stripe_payment_intent_id,
        "reason": "fraudulent",
        "status": status,
    }
