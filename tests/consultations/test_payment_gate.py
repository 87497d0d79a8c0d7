"""The payment gate: with a payment step registered (as the billing app does),
"Send" keeps the checked request as a draft that waits for payment ("pay to
send"); settling the fee sends it on to triage, once; sent unpaid, it waits for
the director's waiver. Without a payment step, requests are sent as before."""

import pytest
from django.core import mail
from wagtail import hooks

from consultations import payment_gate
from consultations.models import AuditEvent, Case
from tests.consultations.factories import case_in
from tests.consultations.request_helpers import post_edit

pytestmark = pytest.mark.django_db
Status = Case.Status
PAY_URL = "/consultations/pay-here/"


@pytest.fixture
def payment_step():
    """A payment app that asks every unsettled case to be paid."""
    with hooks.register_temporarily(
        payment_gate.PAYMENT_STEP_HOOK, lambda case: PAY_URL
    ):
        yield


def _ready(member):
    return case_in(Status.DRAFT, requester=member)


def _send(client, case):
    return post_edit(client, case, action="submit")


def test_without_a_payment_step_a_request_is_sent_as_before(client, member):
    case = _ready(member)
    client.force_login(member)
    response = _send(client, case)
    assert (
        response.status_code == 302 and response["Location"] == case.get_absolute_url()
    )
    case.refresh_from_db()
    assert case.status == Status.SUBMITTED and not case.awaiting_payment


def test_with_a_fee_to_pay_send_keeps_a_draft_that_waits_for_payment(
    client, member, payment_step, django_capture_on_commit_callbacks
):
    case = _ready(member)
    client.force_login(member)
    with django_capture_on_commit_callbacks(execute=True):
        response = _send(client, case)
    assert response.status_code == 302 and response["Location"] == PAY_URL
    case.refresh_from_db()
    assert case.status == Status.DRAFT and case.awaiting_payment
    assert case.submitted_at is None
    assert mail.outbox == []  # the director hears of it once it is paid
    page = client.get(case.get_absolute_url()).content.decode()
    assert "Pay to send." in page and PAY_URL in page


def test_settling_the_fee_sends_the_request_on_to_triage_once(
    client, member, director, payment_step, django_capture_on_commit_callbacks
):
    case = _ready(member)
    client.force_login(member)
    _send(client, case)
    with django_capture_on_commit_callbacks(execute=True):
        payment_gate.settle(case_id=case.pk, how=Case.FeeSettlement.PAID)
        payment_gate.settle(case_id=case.pk, how=Case.FeeSettlement.PAID)
    case.refresh_from_db()
    assert case.status == Status.TRIAGE and case.fee_settlement == "paid"
    assert not case.awaiting_payment and case.submitted_at
    assert [m.to for m in mail.outbox] == [[director.email]]
    moves = AuditEvent.objects.filter(
        case=case, action=AuditEvent.Action.TRANSITION
    ).order_by("pk")
    assert [e.target for e in moves] == ["submit", "release_to_triage"]


def test_a_payment_for_a_draft_edited_after_send_settles_it_without_sending(
    client, member, payment_step
):
    case = _ready(member)
    client.force_login(member)
    _send(client, case)
    post_edit(client, case, action="save", case_summary="Rewritten after sending.")
    case.refresh_from_db()
    assert not case.awaiting_payment
    payment_gate.settle(case_id=case.pk, how=Case.FeeSettlement.PAID)
    case.refresh_from_db()
    assert case.status == Status.DRAFT and case.fee_settlement == "paid"
    # Sent again, it needs no payment step and goes straight to triage.
    response = _send(client, case)
    assert response["Location"] == case.get_absolute_url()
    case.refresh_from_db()
    assert case.status == Status.TRIAGE


def test_sent_unpaid_asking_for_a_waiver_waits_for_the_director(
    client, member, director, payment_step
):
    case = _ready(member)
    client.force_login(member)
    _send(client, case)
    payment_gate.send_unpaid(case_id=case.pk, actor=member, waiver_requested=True)
    case.refresh_from_db()
    assert case.status == Status.SUBMITTED and case.waiver_requested
    assert payment_gate.payment_step_url(case) is None

    client.force_login(director)
    board = client.get("/consultations/director/").content.decode()
    assert "Waiver asked" in board
    page = client.get(case.get_absolute_url()).content.decode()
    assert "The therapist asks you to waive the fee." in page
    client.post(f"/consultations/director/{case.pk}/waive-fee/")
    case.refresh_from_db()
    assert case.status == Status.TRIAGE and case.fee_waived


def test_sending_unpaid_a_case_not_held_for_payment_changes_nothing(member):
    case = case_in(Status.TRIAGE, requester=member)
    payment_gate.send_unpaid(case_id=case.pk, actor=member)
    case.refresh_from_db()
    assert case.status == Status.TRIAGE
