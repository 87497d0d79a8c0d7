"""The payment step of "pay to send": the therapist chooses who pays.

Three plain POST forms on one page (no JavaScript needed): pay now by card
(Stripe Checkout), an invoice Stripe sends to someone else, or ask the director
to waive the fee. Only the requester opens it, and only while the request is a
draft waiting for its payment. The page Checkout returns to says that we wait
for Stripe's confirmation: the browser's word pays nothing.
"""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from consultation_billing import pay
from consultation_billing.models import CasePayment
from consultation_billing.selectors import fee_for
from consultations.views_common import area_required, case_for
from memberships import stripe_api

STRIPE_DOWN = (
    "The payment service could not be reached, so nothing was charged or sent. "
    "Please try again in a few minutes."
)
INVOICE_SENT = (
    "The invoice is on its way to {email}. Your request is sent to the director."
)
INVOICE_SENT_WAITING = (
    "The invoice is on its way to {email}. Your request goes to the director "
    "once it is paid."
)
NO_STRIPE = (
    "Card and invoice payments are not set up on this site yet; ask the "
    "director to waive the fee, or try again later."
)
WAIVER_ASKED = "Your request is sent; the director decides on the fee waiver."


class BillingContactForm(forms.Form):
    billing_name = forms.CharField(
        label="Name of the person or organisation who pays",
        max_length=120,
        help_text="The patient, a clinic or an insurer. Stripe sends them the invoice.",
    )
    billing_email = forms.EmailField(
        label="Their email address",
        max_length=254,
        error_messages={
            "invalid": "Enter a valid email address, e.g. billing@clinic.example."
        },
    )


def _requester(roles) -> bool:
    return roles.requester


def _page(request, case, fee, *, invoice_form=None, status=200):
    return render(
        request,
        "consultation_billing/pay.html",
        {
            "case": case,
            "fee": fee,
            "invoice_form": invoice_form or BillingContactForm(),
            "days_due": settings.CONSULT_INVOICE_DAYS_DUE,
            "stripe_ready": stripe_api.is_configured(),
        },
        status=status,
    )


@area_required
@never_cache
@require_http_methods(["GET", "POST"])
def payment_step(request, pk: int):
    case, _roles = case_for(request, pk, need=_requester)
    if not pay.waits_for_payment(case):
        messages.info(request, pay.NOT_WAITING)
        return redirect(case)
    fee = fee_for(case)
    if fee is None:
        messages.info(request, pay.NO_FEE)
        return redirect(case)
    if request.method == "GET":
        return _page(request, case, fee)
    choice = request.POST.get("choice")
    if choice in ("card", "invoice") and not stripe_api.is_configured():
        messages.error(request, NO_STRIPE)
        return _page(request, case, fee, status=400)
    try:
        if choice == "card":
            return redirect(pay.payment_start_card(case_id=case.pk, user=request.user))
        if choice == "invoice":
            form = BillingContactForm(request.POST)
            if not form.is_valid():
                return _page(request, case, fee, invoice_form=form, status=400)
            payment = pay.payment_send_invoice(
                case_id=case.pk, user=request.user, **form.cleaned_data
            )
            case.refresh_from_db()
            sent = INVOICE_SENT if case.fee_settlement else INVOICE_SENT_WAITING
            messages.success(request, sent.format(email=payment.billing_email))
            return redirect(case)
        if choice == "waiver":
            pay.payment_ask_waiver(case_id=case.pk, user=request.user)
            messages.success(request, WAIVER_ASKED)
            return redirect(case)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect(case)
    except stripe_api.StripeError:
        messages.error(request, STRIPE_DOWN)
        return _page(
            request, case, fee, invoice_form=_kept(request, choice), status=502
        )
    messages.error(request, "Choose one of the ways to pay below.")
    return _page(request, case, fee, status=400)


def _kept(request, choice):
    return BillingContactForm(request.POST) if choice == "invoice" else None


@area_required
@never_cache
@require_GET
def payment_done(request, pk: int):
    """Where Checkout sends the therapist back: the webhook decides."""
    case, _roles = case_for(request, pk, need=_requester)
    paid = case.payments.filter(
        purpose=CasePayment.Purpose.CONSULTATION, status=CasePayment.Status.PAID
    ).exists()
    return render(
        request,
        "consultation_billing/pay_done.html",
        {
            "case": case,
            "paid": paid,
            "pay_url": reverse("consultation_billing:pay", args=[case.pk]),
        },
    )


def payment_part(request, case, roles) -> dict:
    """The case page's "Payment" part (``wagtail_hooks``)."""
    payments = list(case.payments.all())
    return {
        "payments": payments,
        "pay_url": reverse("consultation_billing:pay", args=[case.pk])
        if roles.requester and pay.waits_for_payment(case) and fee_for(case)
        else "",
    }


def show_payment_part(roles, case) -> bool:
    return (roles.requester or roles.director) and (
        case.awaiting_payment or case.payments.exists()
    )
