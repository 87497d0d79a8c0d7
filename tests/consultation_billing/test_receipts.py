"""The receipt PDF of a paid consultation, through HTTP: who paid, how much,
when, to whom and for what, in neutral words (no case text); downloadable by
the requester and the director only (404 to anyone else), and audited."""

import io

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from consultation_billing import refunds
from consultation_billing.models import CasePayment
from consultation_billing.receipt_views import receipt_url
from consultations.models import AuditEvent, Case
from tests.community import factories as people
from tests.consultation_billing.refund_fakes import CASE_TEXT, paid_payment
from tests.consultations.factories import case_in, consultant

pytestmark = pytest.mark.django_db
Status = Case.Status


@pytest.fixture(autouse=True)
def _program(settings):
    settings.COMMUNITY_NAME = "Riverside Consultation Program"
    settings.CONSULT_RECEIPT_ADDRESS = "12 Harbour Street\nSpringfield 01101"


def _url(payment):
    return reverse("consultation_billing:receipt", args=[payment.case_id, payment.pk])


def _text(response) -> str:
    reader = PdfReader(io.BytesIO(response.content))
    return "\n".join(page.extract_text() for page in reader.pages)


def test_the_requester_downloads_a_receipt_with_the_payment_and_no_case_text(client):
    requester = people.member(user__first_name="Dana", user__last_name="Whitfield")
    case = case_in(Status.TRIAGE, requester=requester)
    payment = paid_payment(case, amount=35000)
    client.force_login(requester)

    response = client.get(_url(payment))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert payment.receipt_number in response["Content-Disposition"]
    assert "no-cache" in response["Cache-Control"]
    text = _text(response)
    assert payment.receipt_number in text
    assert "Dana Whitfield" in text
    assert "$350.00" in text and "USD" in text
    assert f"Psychotherapy consultation, case reference {case.reference}" in text
    assert "Riverside Consultation Program" in text
    assert "12 Harbour Street" in text and "Springfield 01101" in text
    assert timezone.localtime(payment.paid_at).strftime("%B %Y") in text
    assert "Refunded" not in text
    for words in CASE_TEXT:
        assert words not in text
    event = AuditEvent.objects.get(case=case, action=AuditEvent.Action.DOWNLOAD)
    assert event.target == "receipt" and event.actor == requester


def test_an_invoice_receipt_names_the_billing_contact_not_the_therapist(client):
    requester = people.member(user__first_name="Dana", user__last_name="Whitfield")
    case = case_in(Status.TRIAGE, requester=requester)
    payment = paid_payment(
        case,
        method=CasePayment.Method.INVOICE,
        billing_name="Northside Clinic",
        billing_email="billing@northside.example",
    )
    client.force_login(requester)
    text = _text(client.get(_url(payment)))
    assert "Northside Clinic" in text and "Invoice" in text
    assert "Dana Whitfield" not in text


def test_a_refunded_payment_keeps_its_receipt_with_the_refund_on_it(client):
    case = case_in(Status.CANCELLED)
    payment = paid_payment(case, amount=35000)
    refunds.payment_refunded(payment_id=payment.pk, refunded_total=17500)
    client.force_login(case.requester)
    response = client.get(_url(payment))
    assert response.status_code == 200
    text = _text(response)
    assert "Refunded" in text and "$175.00" in text
    assert "Net amount paid" in text


def test_the_director_may_download_a_receipt(client, director):
    case = case_in(Status.TRIAGE)
    payment = paid_payment(case)
    client.force_login(director)
    response = client.get(_url(payment))
    assert response.status_code == 200
    assert payment.receipt_number in _text(response)


@pytest.mark.parametrize("who", ["other_member", "lead_reviewer", "admin"])
def test_anyone_else_is_told_the_receipt_does_not_exist(client, who):
    lead = consultant()
    case = case_in(Status.ACCEPTED, lead=lead)
    payment = paid_payment(case)
    user = {
        "other_member": people.member,
        "lead_reviewer": lambda: lead,
        "admin": people.admin,
    }[who]()
    client.force_login(user)
    response = client.get(_url(payment))
    assert response.status_code == 404
    assert not AuditEvent.objects.filter(
        case=case, action=AuditEvent.Action.DOWNLOAD
    ).exists()


def test_a_visitor_is_sent_to_sign_in(client):
    case = case_in(Status.TRIAGE)
    payment = paid_payment(case)
    response = client.get(_url(payment))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_payment_not_paid_or_of_another_case_has_no_receipt(client):
    requester = people.member()
    case = case_in(Status.TRIAGE, requester=requester)
    pending = CasePayment.objects.create(
        case=case,
        case_reference=case.reference,
        payer=requester,
        method=CasePayment.Method.CARD,
        amount=35000,
        currency="usd",
        description="Psychotherapy consultation",
    )
    other_case = case_in(Status.TRIAGE, requester=requester)
    others = paid_payment(other_case)
    client.force_login(requester)
    assert client.get(_url(pending)).status_code == 404
    assert receipt_url(pending) is None and receipt_url(others) == _url(others)
    crossed = reverse("consultation_billing:receipt", args=[case.pk, others.pk])
    assert client.get(crossed).status_code == 404
    assert client.get(_url(others)).status_code == 200
