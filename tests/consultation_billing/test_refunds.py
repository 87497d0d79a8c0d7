"""Refunds when a case ends without its report, through HTTP and the queued
task: a decline or an early cancellation refunds in full, a late cancellation
the policy's share, an open invoice is voided; a refund Stripe refuses is kept
on the payment and the case keeps its state. Stripe is faked at the stripe
library's HTTP layer, and no request body carries case text."""

import pytest
from django.urls import reverse

from consultation_billing import refund_tasks, refunds
from consultation_billing.models import CasePayment
from consultations.models import Case
from tests.consultation_billing.refund_fakes import (
    CASE_TEXT,
    open_invoice,
    paid_payment,
    refund,
)
from tests.consultations.factories import case_in
from tests.memberships.conftest import fake_stripe  # noqa: F401

pytestmark = pytest.mark.django_db
Status = Case.Status
Paid = CasePayment.Status
NOTE = "Outside what this program reviews."


@pytest.fixture
def run_on_commit(django_capture_on_commit_callbacks):
    def run(callable_, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return callable_(*args, **kwargs)

    return run


def _decline(client, director, case):
    client.force_login(director)
    return client.post(
        f"/consultations/director/{case.pk}/triage/",
        {"decision": "decline", "decline-note": NOTE},
    )


def _refund_calls(fake_stripe):  # noqa: F811
    return [c for c in fake_stripe.calls if c[:2] == ("POST", "/v1/refunds")]


def _stripe_voids(fake_stripe, invoice, *, answer=None) -> str:  # noqa: F811
    """Stripe answers the invoice's void (by default: voided); its path."""
    void_path = f"/v1/invoices/{invoice.stripe_invoice_id}/void"
    fake_stripe.responses[("POST", void_path)] = answer or {
        "id": invoice.stripe_invoice_id,
        "object": "invoice",
        "status": "void",
    }
    return void_path


def _assert_nothing_clinical(fake_stripe):  # noqa: F811
    assert fake_stripe.calls
    for _, _, params, _ in fake_stripe.calls:
        body = repr(params)
        for words in (*CASE_TEXT, NOTE):
            assert words not in body


def test_a_decline_at_triage_refunds_in_full(
    client,
    director,
    fake_stripe,  # noqa: F811
    run_on_commit,
):
    case = case_in(Status.TRIAGE)
    payment = paid_payment(case, amount=35000)
    fake_stripe.responses[("POST", "/v1/refunds")] = refund(
        payment=payment, amount=35000
    )

    run_on_commit(_decline, client, director, case)

    [(_, _, params, headers)] = _refund_calls(fake_stripe)
    assert params["payment_intent"] == [payment.stripe_payment_intent_id]
    assert params["amount"] == ["35000"]
    assert params["metadata[case_reference]"] == [case.reference]
    assert headers["Idempotency-Key"] == f"consultation-refund-{payment.pk}"
    payment.refresh_from_db()
    assert payment.status == Paid.REFUNDED and payment.refunded_amount == 35000
    assert payment.refunded_at and not payment.refund_error
    case.refresh_from_db()
    assert case.status == Status.DECLINED
    _assert_nothing_clinical(fake_stripe)


def test_a_cancellation_before_a_reviewer_accepts_refunds_in_full(
    client,
    fake_stripe,  # noqa: F811
    run_on_commit,
):
    case = case_in(Status.OFFERED)
    payment = paid_payment(case, amount=42000)
    fake_stripe.responses[("POST", "/v1/refunds")] = refund(
        payment=payment, amount=42000
    )
    client.force_login(case.requester)

    run_on_commit(client.post, reverse("consultations:request-cancel", args=[case.pk]))

    [(_, _, params, _)] = _refund_calls(fake_stripe)
    assert params["amount"] == ["42000"]
    payment.refresh_from_db()
    assert payment.status == Paid.REFUNDED
    _assert_nothing_clinical(fake_stripe)


def test_a_late_cancellation_refunds_the_policys_share(
    client,
    director,
    settings,
    fake_stripe,  # noqa: F811
    run_on_commit,
):
    settings.CONSULT_LATE_CANCEL_REFUND_PERCENT = 40
    case = case_in(Status.ACCEPTED)
    payment = paid_payment(case, amount=35000)
    fake_stripe.responses[("POST", "/v1/refunds")] = refund(
        payment=payment, amount=14000
    )
    client.force_login(director)

    run_on_commit(
        client.post,
        f"/consultations/director/{case.pk}/cancel/",
        {"cancel-note": NOTE},
    )

    case.refresh_from_db()
    assert case.status == Status.CANCELLED
    [(_, _, params, _)] = _refund_calls(fake_stripe)
    assert params["amount"] == ["14000"]
    payment.refresh_from_db()
    assert payment.status == Paid.PARTLY_REFUNDED and payment.refunded_amount == 14000
    _assert_nothing_clinical(fake_stripe)


def test_a_refund_stripe_refuses_is_recorded_and_the_case_keeps_its_state(
    client,
    director,
    fake_stripe,  # noqa: F811
    run_on_commit,
):
    case = case_in(Status.TRIAGE)
    payment = paid_payment(case)
    fake_stripe.responses[("POST", "/v1/refunds")] = 400

    response = run_on_commit(_decline, client, director, case)

    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == Status.DECLINED
    payment.refresh_from_db()
    assert payment.status == Paid.PAID and payment.refunded_amount == 0
    assert payment.refund_error.startswith("Stripe refused to refund")
    assert len(_refund_calls(fake_stripe)) == 1  # no retry loop


def test_an_open_invoice_is_voided_not_refunded(
    client,
    director,
    fake_stripe,  # noqa: F811
    run_on_commit,
):
    case = case_in(Status.TRIAGE)
    invoice = open_invoice(case)
    void_path = _stripe_voids(fake_stripe, invoice)

    run_on_commit(_decline, client, director, case)

    assert fake_stripe.paths("POST") == [void_path]
    assert not _refund_calls(fake_stripe)
    invoice.refresh_from_db()
    assert invoice.status == Paid.VOID
    _assert_nothing_clinical(fake_stripe)


def test_the_task_gets_the_payment_id_only_and_a_second_run_asks_stripe_once(
    client,
    director,
    monkeypatch,
    fake_stripe,  # noqa: F811
    run_on_commit,
):
    queued = []
    monkeypatch.setattr(
        refunds, "async_task", lambda *args, **kwargs: queued.append(args)
    )
    case = case_in(Status.TRIAGE)
    payment = paid_payment(case)
    fake_stripe.responses[("POST", "/v1/refunds")] = refund(
        payment=payment, amount=payment.amount
    )

    run_on_commit(_decline, client, director, case)

    assert queued == [(refunds.TASK, payment.pk)]
    assert not fake_stripe.calls  # nothing in the request
    refund_tasks.refund_payment(payment.pk)
    refund_tasks.refund_payment(payment.pk)
    assert len(_refund_calls(fake_stripe)) == 1


def test_a_move_that_is_not_an_end_refunds_nothing(
    client,
    director,
    fake_stripe,  # noqa: F811
    run_on_commit,
):
    case = case_in(Status.TRIAGE)
    payment = paid_payment(case)
    client.force_login(director)
    run_on_commit(
        client.post,
        f"/consultations/director/{case.pk}/triage/",
        {"decision": "accept"},
    )
    assert not fake_stripe.calls
    payment.refresh_from_db()
    assert payment.status == Paid.PAID


def test_a_payment_paid_after_its_case_was_cancelled_is_refunded(
    client,
    fake_stripe,  # noqa: F811
    run_on_commit,
):
    case = case_in(Status.OFFERED)
    client.force_login(case.requester)
    run_on_commit(client.post, reverse("consultations:request-cancel", args=[case.pk]))
    assert not fake_stripe.calls
    payment = paid_payment(case)  # an invoice paid late
    fake_stripe.responses[("POST", "/v1/refunds")] = refund(
        payment=payment, amount=payment.amount
    )

    assert run_on_commit(refunds.queue_if_case_ended, payment_id=payment.pk)

    [(_, _, params, _)] = _refund_calls(fake_stripe)
    assert params["amount"] == [str(payment.amount)]
    payment.refresh_from_db()
    assert payment.status == Paid.REFUNDED


def test_a_payment_of_a_live_case_is_not_queued(fake_stripe):  # noqa: F811
    payment = paid_payment(case_in(Status.TRIAGE))
    assert not refunds.queue_if_case_ended(payment_id=payment.pk)


def test_a_paid_payment_without_a_stripe_id_is_recorded_not_sent(
    client,
    director,
    fake_stripe,  # noqa: F811
    run_on_commit,
):
    case = case_in(Status.TRIAGE)
    payment = paid_payment(case)
    CasePayment.objects.filter(pk=payment.pk).update(
        stripe_payment_intent_id="", stripe_charge_id=""
    )
    run_on_commit(_decline, client, director, case)
    assert not fake_stripe.calls
    payment.refresh_from_db()
    assert payment.status == Paid.PAID
    assert payment.refund_error == (
        "Stripe refused to refund: no Stripe payment is recorded"
    )


def test_an_invoice_whose_payment_failed_is_voided_too(
    client,
    director,
    fake_stripe,  # noqa: F811
    run_on_commit,
):
    case = case_in(Status.TRIAGE)
    invoice = open_invoice(case)
    CasePayment.objects.filter(pk=invoice.pk).update(status=Paid.FAILED)
    void_path = _stripe_voids(fake_stripe, invoice)
    run_on_commit(_decline, client, director, case)
    assert fake_stripe.paths("POST") == [void_path]
    invoice.refresh_from_db()
    assert invoice.status == Paid.VOID


def test_voiding_an_invoice_stripe_refuses_is_recorded(
    client,
    director,
    fake_stripe,  # noqa: F811
    run_on_commit,
):
    case = case_in(Status.TRIAGE)
    invoice = open_invoice(case)
    _stripe_voids(fake_stripe, invoice, answer=400)
    run_on_commit(_decline, client, director, case)
    invoice.refresh_from_db()
    assert invoice.status == Paid.OPEN
    assert invoice.refund_error.startswith("Stripe refused to void the invoice")
    case.refresh_from_db()
    assert case.status == Status.DECLINED


def test_waiving_the_fee_voids_an_invoice_still_open(
    client,
    director,
    fake_stripe,  # noqa: F811
    run_on_commit,
):
    case = case_in(Status.SUBMITTED)
    invoice = open_invoice(case)
    void_path = _stripe_voids(fake_stripe, invoice)
    client.force_login(director)
    run_on_commit(client.post, f"/consultations/director/{case.pk}/waive-fee/")

    case.refresh_from_db()
    assert case.status == Status.TRIAGE and case.fee_waived
    assert fake_stripe.paths("POST") == [void_path]
    invoice.refresh_from_db()
    assert invoice.status == Paid.VOID
    _assert_nothing_clinical(fake_stripe)


def test_a_settled_case_released_to_triage_closes_nothing(
    fake_stripe,  # noqa: F811
):
    case = case_in(Status.SUBMITTED)
    paid_payment(case)
    assert refunds.queue_waived_closing(case_id=case.pk) == []
