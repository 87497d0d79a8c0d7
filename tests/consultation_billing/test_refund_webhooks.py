"""Stripe's refund and dispute events on consultation payments, as signed
webhooks through the stored-once pipeline: delivered twice or out of order they
change nothing twice; a full refund after delivery reverses the reviewer's
payout line (once); the admins' payment listing shows refunds, disputes and
refused refunds, and is theirs only."""

from datetime import timedelta

import pytest

from consultation_billing import ledger
from consultation_billing.models import CasePayment, PayoutLine
from consultations.models import Case
from memberships.models import StripeEvent
from tests.consultation_billing.refund_fakes import charge, dispute, paid_payment
from tests.consultations.factories import case_in
from tests.memberships import stripe_fakes as fake
from tests.memberships.conftest import fake_stripe, send  # noqa: F401

pytestmark = pytest.mark.django_db
Status = Case.Status
Paid = CasePayment.Status
Outcome = StripeEvent.Outcome
PAYMENTS_URL = "/cms/consultation-billing/payments/"


def _refunded(payment, refunded, **kwargs):
    return fake.event(
        "charge.refunded", charge(payment=payment, refunded=refunded, **kwargs)
    )


def test_a_full_refund_delivered_twice_is_applied_once(send):  # noqa: F811
    payment = paid_payment(case_in(Status.DECLINED), amount=35000)
    event = _refunded(payment, 35000)

    send(event)
    payment.refresh_from_db()
    assert payment.status == Paid.REFUNDED and payment.refunded_amount == 35000
    first = (payment.refunded_at, payment.updated_at)
    assert StripeEvent.objects.get(event_id=event["id"]).outcome == Outcome.PROCESSED

    response = send(event)  # the same event again
    assert response.json()["duplicate"] is True
    send({**event, "id": fake.new_id("evt")})  # the same news in another event
    payment.refresh_from_db()
    assert (payment.refunded_at, payment.updated_at) == first
    assert payment.refunded_amount == 35000


def test_an_older_partial_refund_arriving_late_changes_nothing(send):  # noqa: F811
    payment = paid_payment(case_in(Status.CANCELLED), amount=35000)
    older = _refunded(payment, 10000)
    newer = _refunded(payment, 35000)

    send(newer)
    send(older)

    payment.refresh_from_db()
    assert payment.status == Paid.REFUNDED and payment.refunded_amount == 35000


def test_a_partial_refund_is_shown_as_such(send):  # noqa: F811
    payment = paid_payment(case_in(Status.CANCELLED), amount=35000)
    send(_refunded(payment, 17500))
    payment.refresh_from_db()
    assert payment.status == Paid.PARTLY_REFUNDED and payment.refunded_amount == 17500


def test_a_refund_is_found_by_payment_intent_and_keeps_the_charge(send):  # noqa: F811
    payment = paid_payment(case_in(Status.DECLINED))
    charge_id = payment.stripe_charge_id
    CasePayment.objects.filter(pk=payment.pk).update(stripe_charge_id="")
    send(_refunded(payment, payment.amount))
    payment.refresh_from_db()
    assert payment.status == Paid.REFUNDED and payment.stripe_charge_id == charge_id


def test_a_charge_that_is_not_a_consultations_is_skipped(send):  # noqa: F811
    other = {"id": "ch_membership", "object": "charge", "payment_intent": "pi_x"}
    event = fake.event("charge.refunded", {**other, "amount_refunded": 8900})
    send(event)
    assert StripeEvent.objects.get(event_id=event["id"]).outcome == Outcome.SKIPPED


def test_a_full_refund_after_delivery_reverses_the_payout_line_once(send):  # noqa: F811
    case = case_in(Status.DELIVERED)
    line = ledger.case_line_add(case_id=case.pk)
    payment = paid_payment(case, amount=35000)

    send(_refunded(payment, 35000))
    send(_refunded(payment, 35000))

    reversal = PayoutLine.objects.get(kind=PayoutLine.Kind.REVERSAL)
    assert reversal.reverses == line and reversal.amount == -line.amount
    assert reversal.case_reference == case.reference
    assert PayoutLine.objects.filter(case=case).count() == 2


def test_a_partial_refund_after_delivery_keeps_the_payout_line(send):  # noqa: F811
    case = case_in(Status.DELIVERED)
    ledger.case_line_add(case_id=case.pk)
    payment = paid_payment(case, amount=35000)
    send(_refunded(payment, 5000))
    assert not PayoutLine.objects.filter(kind=PayoutLine.Kind.REVERSAL).exists()


def test_a_refund_before_delivery_reverses_nothing(send):  # noqa: F811
    case = case_in(Status.CANCELLED)
    payment = paid_payment(case)
    send(_refunded(payment, payment.amount))
    assert not PayoutLine.objects.exists()


def test_a_dispute_is_recorded_once(send):  # noqa: F811
    payment = paid_payment(case_in(Status.TRIAGE))
    event = fake.event("charge.dispute.created", dispute(payment=payment))
    send(event)
    payment.refresh_from_db()
    assert payment.disputed_at and payment.dispute_status == "needs_response"
    first = payment.updated_at
    send({**event, "id": fake.new_id("evt")})
    payment.refresh_from_db()
    assert payment.updated_at == first


def test_a_late_dispute_created_does_not_undo_its_outcome(send):  # noqa: F811
    payment = paid_payment(case_in(Status.DELIVERED))
    created = dispute(payment=payment)
    closed = {**created, "status": "lost"}
    send(fake.event("charge.dispute.closed", closed))
    send(fake.event("charge.dispute.created", created))
    payment.refresh_from_db()
    assert payment.dispute_status == "lost" and payment.disputed_at


def test_admins_see_refunds_disputes_and_refused_refunds(client, site_admin):
    refused = paid_payment(case_in(Status.DECLINED))
    CasePayment.objects.filter(pk=refused.pk).update(
        refund_error="Stripe refused to refund: charge_disputed",
        disputed_at=refused.paid_at + timedelta(days=2),
        dispute_status="needs_response",
    )
    refunded = paid_payment(case_in(Status.CANCELLED), amount=20000)
    CasePayment.objects.filter(pk=refunded.pk).update(
        status=Paid.PARTLY_REFUNDED, refunded_amount=5000
    )
    client.force_login(site_admin)
    page = client.get(PAYMENTS_URL)
    assert page.status_code == 200
    html = page.content.decode()
    assert refused.case_reference in html and refunded.case_reference in html
    assert "Stripe refused to refund: charge_disputed" in html
    assert "needs_response" in html and "Partly refunded" in html
    assert "$200.00" in html and "$50.00" in html
    assert client.get("/cms/").status_code == 200
    assert PAYMENTS_URL in client.get("/cms/").content.decode()


def test_the_payment_listing_is_for_admins_only(client, director):
    paid_payment(case_in(Status.TRIAGE))
    client.force_login(director)
    response = client.get(PAYMENTS_URL)
    assert response.status_code in (302, 403)
    assert PAYMENTS_URL not in client.get("/cms/").content.decode()
