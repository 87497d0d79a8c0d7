"""What a consultation's payment asks of Stripe: a Checkout session in
``payment`` mode for the therapist, or an invoice Stripe sends to someone else.

Everything goes through ``memberships.stripe_api.client()`` (tests replace its
HTTP layer), each creation with an idempotency key made of the payment's id, so
a retry asks once. What is sent is neutral: the payment's description ("
Psychotherapy consultation, case reference C-…"), its id, the case reference,
the amount and the purpose; never a word of the case.
"""

from django.conf import settings
from django.urls import reverse

from consultation_billing.models import CasePayment, ConsultationFee
from memberships import services as membership_services
from memberships import stripe_api


def metadata(payment: CasePayment) -> dict:
    """How our webhook handlers know the object is a consultation payment."""
    return {
        "payment_id": str(payment.pk),
        "case_reference": payment.case_reference,
        "purpose": payment.purpose,
    }


def _key(payment: CasePayment, what: str) -> str:
    return f"consultation-payment-{payment.pk}-{what}"


def create_checkout(
    *,
    payment: CasePayment,
    customer_id: str,
    fee: ConsultationFee,
    success_path: str = "",
    cancel_path: str = "",
) -> dict:
    """A Checkout session the therapist pays by card: its ``id`` and ``url``.
    Stripe sends them back to ``success_path`` or ``cancel_path`` (by default
    the consultation's payment step)."""
    if fee.stripe_price_id:
        line_item = {"price": fee.stripe_price_id, "quantity": 1}
    else:
        line_item = {
            "price_data": {
                "currency": payment.currency,
                "unit_amount": payment.amount,
                "product_data": {"name": payment.description},
            },
            "quantity": 1,
        }
    case_pk = payment.case_id
    success_path = success_path or reverse(
        "consultation_billing:pay-done", args=[case_pk]
    )
    cancel_path = cancel_path or reverse("consultation_billing:pay", args=[case_pk])
    session = stripe_api.client().v1.checkout.sessions.create(
        params={
            "mode": "payment",
            "customer": customer_id,
            "client_reference_id": str(payment.pk),
            "line_items": [line_item],
            "metadata": metadata(payment),
            "payment_intent_data": {
                "description": payment.description,
                "metadata": metadata(payment),
            },
            "success_url": settings.SITE_URL + success_path,
            "cancel_url": settings.SITE_URL + cancel_path,
        },
        options={"idempotency_key": _key(payment, "checkout")},
    )
    return {"id": session.id, "url": session.url}


def checkout_start(*, payment: CasePayment, fee: ConsultationFee, user, **paths) -> str:
    """The Checkout for a payment just saved: the member's own Stripe customer,
    the session's id and page kept on the payment; its URL."""
    membership = membership_services.membership_ensure_customer(
        user=user, create_customer=stripe_api.create_customer
    )
    session = create_checkout(
        payment=payment, customer_id=membership.stripe_customer_id, fee=fee, **paths
    )
    payment.stripe_checkout_session_id = session["id"]
    payment.hosted_url = session["url"]
    payment.save(
        update_fields=["stripe_checkout_session_id", "hosted_url", "updated_at"]
    )
    return payment.hosted_url


def send_invoice(*, payment: CasePayment, fee: ConsultationFee) -> dict:
    """An invoice to the billing contact on the payment, sent by Stripe: its
    ``id`` and ``hosted_invoice_url``. The contact gets a Stripe customer of
    their own (the therapist's card customer is not theirs)."""
    v1 = stripe_api.client().v1
    customer = v1.customers.create(
        params={
            "name": payment.billing_name,
            "email": payment.billing_email,
            "metadata": metadata(payment),
        },
        options={"idempotency_key": _key(payment, "customer")},
    )
    invoice = v1.invoices.create(
        params={
            "customer": customer.id,
            "collection_method": "send_invoice",
            "days_until_due": settings.CONSULT_INVOICE_DAYS_DUE,
            "description": payment.description,
            "metadata": metadata(payment),
            "pending_invoice_items_behavior": "exclude",
        },
        options={"idempotency_key": _key(payment, "invoice")},
    )
    item = {
        "customer": customer.id,
        "invoice": invoice.id,
        "description": payment.description,
        "metadata": metadata(payment),
    }
    if fee.stripe_price_id:
        item["pricing"] = {"price": fee.stripe_price_id}
    else:
        item.update(amount=payment.amount, currency=payment.currency)
    v1.invoice_items.create(
        params=item, options={"idempotency_key": _key(payment, "invoice-item")}
    )
    v1.invoices.finalize_invoice(
        invoice.id, options={"idempotency_key": _key(payment, "finalize")}
    )
    sent = v1.invoices.send_invoice(
        invoice.id, options={"idempotency_key": _key(payment, "send")}
    )
    return {"id": sent.id, "hosted_invoice_url": sent.hosted_invoice_url or ""}
