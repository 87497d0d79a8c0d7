"""Pay to send, by someone else: the therapist enters the billing contact (a
name and an email; a malformed email is refused before Stripe is called, with
what was typed kept), Stripe gets a customer for that contact and an invoice
with ``collection_method=send_invoice``, finalizes and sends it; the request
goes to triage on sending or on payment (``CONSULT_TRIAGE_ON_INVOICE``).
``invoice.paid`` pays it, ``invoice.payment_failed`` marks it failed without
moving the case, each once however often and in whatever order delivered."""

import pytest
from django.urls import reverse

from consultation_billing.models import CasePayment
from consultations.models import Case
from memberships.models import StripeEvent
from tests.consultation_billing.payment_fakes import (  # noqa: F401 (fixtures)
    failed_invoice,
    fee_fixture,
    paid_invoice,
    send_fixture,
    stripe_http_fixture,
)
from tests.consultation_billing.test_pay_by_card import (
    _held,
    _pay_url,
    assert_nothing_clinical,
)
from tests.memberships import stripe_fakes as fake

pytestmark = pytest.mark.django_db
Status = Case.Status
PaymentStatus = CasePayment.Status
CONTACT = {
    "choice": "invoice",
    "billing_name": "Northside Clinic",
    "billing_email": "billing@northside.example",
}


def _invoice(client, case, **data):
    return client.post(_pay_url(case), {**CONTACT, **data})


def test_an_invoice_is_sent_by_stripe_to_the_billing_contact(
    client, member, director, fee, stripe_http, settings
):
    settings.CONSULT_INVOICE_DAYS_DUE = 21
    settings.CONSULT_TRIAGE_ON_INVOICE = "sent"
    case = _held(client, member)

    response = _invoice(client, case)

    assert response.status_code == 302
    assert response["Location"] == case.get_absolute_url()
    [payment] = CasePayment.objects.filter(case=case)
    [invoice] = stripe_http.invoices.values()
    assert stripe_http.paths("POST") == [
        "/v1/customers",
        "/v1/invoices",
        "/v1/invoiceitems",
        f"/v1/invoices/{invoice['id']}/finalize",
        f"/v1/invoices/{invoice['id']}/send",
    ]
    [customer] = stripe_http.posts("/v1/customers")
    assert customer["name"] == "Northside Clinic"
    assert customer["email"] == "billing@northside.example"
    [created] = stripe_http.posts("/v1/invoices")
    description = f"Psychotherapy consultation, case reference {case.reference}"
    assert created["collection_method"] == "send_invoice"
    assert created["days_until_due"] == "21"
    assert created["description"] == description
    assert created["metadata[payment_id]"] == str(payment.pk)
    assert created["metadata[purpose]"] == "consultation"
    [item] = stripe_http.posts("/v1/invoiceitems")
    assert item["invoice"] == invoice["id"] and item["amount"] == "35000"
    assert item["description"] == description
    keys = [headers.get("Idempotency-Key") for m, _, _, headers in stripe_http.calls]
    assert all(keys) and len(set(keys)) == len(keys)
    # The therapist's own card customer is not the payer's.
    assert customer["metadata[payment_id]"] == str(payment.pk)

    assert payment.method == CasePayment.Method.INVOICE
    assert payment.status == PaymentStatus.OPEN
    assert payment.stripe_invoice_id == invoice["id"]
    assert payment.hosted_url == invoice["hosted_invoice_url"]
    assert payment.billing_email == "billing@northside.example"
    case.refresh_from_db()
    assert case.status == Status.TRIAGE and case.fee_settlement == "invoiced"
    assert_nothing_clinical(stripe_http, case)

    page = client.get(case.get_absolute_url()).content.decode()
    assert "Invoice sent" in page and invoice["hosted_invoice_url"] in page


def test_with_triage_on_payment_the_request_waits_sent_until_the_invoice_is_paid(
    client, member, director, fee, stripe_http, send, settings
):
    settings.CONSULT_TRIAGE_ON_INVOICE = "paid"
    case = _held(client, member)
    _invoice(client, case)
    case.refresh_from_db()
    assert case.status == Status.SUBMITTED and not case.fee_settlement
    assert not case.awaiting_payment and not case.waiver_requested

    [invoice] = stripe_http.invoices.values()
    paid = paid_invoice(invoice, intent="pi_TestInvoice", charge="ch_TestInvoice")
    event = fake.event("invoice.paid", paid)
    send(event)
    send(event)  # delivered twice

    payment = CasePayment.objects.get(case=case)
    assert payment.status == PaymentStatus.PAID and payment.receipt_number
    assert payment.stripe_payment_intent_id == "pi_TestInvoice"
    assert payment.stripe_charge_id == "ch_TestInvoice"
    case.refresh_from_db()
    assert case.status == Status.TRIAGE and case.fee_settlement == "paid"
    assert_nothing_clinical(stripe_http, case)


def test_a_failed_invoice_payment_is_shown_and_the_case_keeps_its_state(
    client, member, fee, stripe_http, send, settings
):
    settings.CONSULT_TRIAGE_ON_INVOICE = "paid"
    case = _held(client, member)
    _invoice(client, case)
    [invoice] = stripe_http.invoices.values()
    event = fake.event("invoice.payment_failed", failed_invoice(invoice))
    send(event)
    send(event)

    assert CasePayment.objects.get(case=case).status == PaymentStatus.FAILED
    case.refresh_from_db()
    assert case.status == Status.SUBMITTED
    page = client.get(case.get_absolute_url()).content.decode()
    assert "Payment failed" in page and invoice["hosted_invoice_url"] in page

    # Paid on a second try: paid, and on to triage.
    send(fake.event("invoice.paid", paid_invoice(invoice)))
    assert CasePayment.objects.get(case=case).status == PaymentStatus.PAID
    case.refresh_from_db()
    assert case.status == Status.TRIAGE


def test_a_failure_delivered_after_the_payment_changes_nothing(
    client, member, fee, stripe_http, send, settings
):
    settings.CONSULT_TRIAGE_ON_INVOICE = "paid"
    case = _held(client, member)
    _invoice(client, case)
    [invoice] = stripe_http.invoices.values()
    paid = fake.event("invoice.paid", paid_invoice(invoice))
    failed = fake.event("invoice.payment_failed", failed_invoice(invoice))
    send(paid)
    send(failed)  # older news, arriving late
    send(paid)
    payment = CasePayment.objects.get(case=case)
    assert payment.status == PaymentStatus.PAID
    receipt = payment.receipt_number
    send(fake.event("invoice.paid", paid_invoice(invoice)))
    assert CasePayment.objects.get(case=case).receipt_number == receipt
    case.refresh_from_db()
    assert case.status == Status.TRIAGE


def test_a_membership_invoice_is_not_taken_for_a_consultation(
    client, member, fee, stripe_http, send
):
    case = _held(client, member)
    _invoice(client, case)
    other = fake.invoice(customer=fake.new_id("cus"), subscription_id="sub_Other")
    event = fake.event("invoice.paid", other)
    send(event)
    assert StripeEvent.objects.get(event_id=event["id"]).outcome == (
        StripeEvent.Outcome.SKIPPED
    )
    assert CasePayment.objects.get(case=case).status == PaymentStatus.OPEN


@pytest.mark.parametrize(
    "email", ["not-an-email", "billing@", "billing@northside", "a b@c.example"]
)
def test_a_malformed_email_is_refused_before_stripe_is_called(
    client, member, fee, stripe_http, email
):
    case = _held(client, member)
    response = _invoice(client, case, billing_email=email)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Enter a valid email address" in page
    assert 'value="Northside Clinic"' in page  # what was typed is kept
    assert email.split("@")[0] in page
    assert stripe_http.calls == []
    assert not CasePayment.objects.exists()
    case.refresh_from_db()
    assert case.status == Status.DRAFT and case.awaiting_payment


def test_a_missing_billing_name_is_refused_before_stripe_is_called(
    client, member, fee, stripe_http
):
    case = _held(client, member)
    response = _invoice(client, case, billing_name="")
    assert response.status_code == 400
    assert 'value="billing@northside.example"' in response.content.decode()
    assert stripe_http.calls == []


def test_a_double_submit_sends_one_invoice(client, member, fee, stripe_http, settings):
    settings.CONSULT_TRIAGE_ON_INVOICE = "paid"
    case = _held(client, member)
    _invoice(client, case)
    second = _invoice(client, case)
    # The request has gone: the step sends the therapist back to the case.
    assert second["Location"] == case.get_absolute_url()
    assert CasePayment.objects.filter(case=case).count() == 1
    assert stripe_http.paths("POST").count("/v1/invoices") == 1


def test_stripe_refusing_the_invoice_keeps_the_draft_and_what_was_typed(
    client, member, fee, stripe_http
):
    case = _held(client, member)
    stripe_http.responses[("POST", "/v1/invoices")] = 500
    response = _invoice(client, case)
    assert response.status_code == 502
    assert 'value="Northside Clinic"' in response.content.decode()
    assert not CasePayment.objects.exists()
    case.refresh_from_db()
    assert case.status == Status.DRAFT and case.awaiting_payment


def test_the_payment_part_links_the_invoice_page_for_the_director(
    client, member, director, fee, stripe_http, settings
):
    settings.CONSULT_TRIAGE_ON_INVOICE = "sent"
    case = _held(client, member)
    _invoice(client, case)
    [invoice] = stripe_http.invoices.values()
    client.force_login(director)
    page = client.get(case.get_absolute_url()).content.decode()
    assert "Invoice sent" in page and invoice["hosted_invoice_url"] in page
    assert "Northside Clinic" not in page  # the billing contact is the therapist's
    assert reverse("consultation_billing:pay", args=[case.pk]) not in page


def test_choosing_an_invoice_after_opening_checkout_expires_the_checkout(
    client, member, fee, stripe_http, settings
):
    settings.CONSULT_TRIAGE_ON_INVOICE = "sent"
    case = _held(client, member)
    client.post(_pay_url(case), {"choice": "card"})
    [session] = stripe_http.sessions.values()
    _invoice(client, case)
    assert f"/v1/checkout/sessions/{session['id']}/expire" in stripe_http.paths("POST")
    card = CasePayment.objects.get(case=case, method=CasePayment.Method.CARD)
    assert card.status == PaymentStatus.ABANDONED
    invoice = CasePayment.objects.get(case=case, method=CasePayment.Method.INVOICE)
    assert invoice.status == PaymentStatus.OPEN


def test_an_invoice_paid_after_the_request_was_cancelled_is_refunded(
    client, member, fee, stripe_http, send, settings, django_capture_on_commit_callbacks
):
    settings.CONSULT_TRIAGE_ON_INVOICE = "paid"
    case = _held(client, member)
    _invoice(client, case)
    [invoice] = stripe_http.invoices.values()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("consultations:request-cancel", args=[case.pk]))
    case.refresh_from_db()
    assert case.status == Status.CANCELLED

    # The payer pays all the same, from the email Stripe sent them.
    stripe_http.responses[("POST", "/v1/refunds")] = {
        "id": "re_Late",
        "object": "refund",
        "amount": 35000,
        "status": "succeeded",
    }
    send(fake.event("invoice.paid", paid_invoice(invoice, intent="pi_Late")))
    refunds = [call for call in stripe_http.calls if call[1] == "/v1/refunds"]
    assert len(refunds) == 1
    assert refunds[0][2]["payment_intent"] == ["pi_Late"]
    assert refunds[0][2]["amount"] == ["35000"]
    assert_nothing_clinical(stripe_http, case)
