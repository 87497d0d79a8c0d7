"""Billing's part of the export and the deletion: the export holds the
person's payments, payout lines and statements; deleting the account blanks the
billing contact they typed for an invoice and keeps the money records."""

import json

import pytest

from consultation_billing import ledger, payments
from consultation_billing.models import CasePayment, PayoutLine, PayoutStatement
from consultations.models import Case
from tests.community.factories import PASSWORD
from tests.consultations.factories import case_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def paid_case(member):
    case = case_in(Case.Status.DELIVERED, requester=member)
    payment = CasePayment.objects.create(
        case=case,
        case_reference=case.reference,
        payer=member,
        method="invoice",
        amount=35000,
        currency="usd",
        description=f"Psychotherapy consultation, case reference {case.reference}",
        billing_name="Northside Clinic",
        billing_email="billing@northside.example",
    )
    payments.payment_paid(payment_id=payment.pk)
    ledger.case_line_add(case_id=case.pk)
    PayoutStatement.objects.create(reviewer=case.lead_reviewer, year=2026, quarter=1)
    return case


def test_the_export_holds_the_payments(client, member, paid_case):
    client.force_login(member)
    data = json.loads(client.post("/account/export/").content)
    [payment] = data["consultation_billing"]["payments"]
    assert payment["case_reference"] == paid_case.reference
    assert payment["amount"] == 35000 and payment["status"] == "paid"
    assert payment["billing_email"] == "billing@northside.example"
    assert payment["receipt_number"].startswith("R-")


def test_the_reviewers_export_holds_their_lines_and_statements(client, paid_case):
    client.force_login(paid_case.lead_reviewer)
    data = json.loads(client.post("/account/export/").content)
    billing = data["consultation_billing"]
    assert [line["case_reference"] for line in billing["payout_lines"]] == [
        paid_case.reference
    ]
    assert billing["payout_statements"][0]["quarter"] == 1


def test_deletion_blanks_the_billing_contact_and_keeps_the_money(
    client, member, paid_case
):
    client.force_login(member)
    response = client.post("/account/delete/", {"password": PASSWORD, "confirm": "on"})
    assert response.status_code == 302
    payment = CasePayment.objects.get(case_reference=paid_case.reference)
    assert payment.billing_name == "" and payment.billing_email == ""
    assert payment.amount == 35000 and payment.receipt_number
    assert PayoutLine.objects.filter(case_reference=paid_case.reference).exists()
