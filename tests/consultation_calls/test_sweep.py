"""The calls' sweep, run as the task worker would (twice, as two workers
might): reminders a day and an hour before to both sides, each once; a booked
call whose end has passed is held and owes the reviewer one payout line; a
chosen time that came unpaid cancels its call. And what a payment arriving late
or a refund after the call does, and the requester's export."""

import json
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from consultation_billing import ledger, refunds
from consultation_billing.models import CasePayment, PayoutLine
from consultation_calls import sweep
from consultation_calls.models import FollowUpCall
from tests.community.factories import PASSWORD
from tests.consultation_billing.refund_fakes import charge, refund
from tests.consultation_calls.call_helpers import (
    MEETING,
    booked_call,
    delivered_case,
    paid_follow_up,
)
from tests.memberships import stripe_fakes as fake
from tests.memberships.conftest import fake_stripe  # noqa: F401

pytestmark = pytest.mark.django_db
Status = FollowUpCall.Status


@pytest.fixture
def run(django_capture_on_commit_callbacks):
    def sweep_at(now):
        with django_capture_on_commit_callbacks(execute=True):
            return sweep.sweep(now=now)

    return sweep_at


def test_a_day_and_an_hour_before_both_sides_are_reminded_once_each(run):
    case = delivered_case()
    start = timezone.now() + timedelta(days=3)
    call = booked_call(case, starts_at=start)

    assert run(start - timedelta(days=2))["reminders"] == 0
    assert run(start - timedelta(hours=23))["reminders"] == 2
    assert run(start - timedelta(hours=22))["reminders"] == 0  # a second worker
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [case.requester.email, case.lead_reviewer.email]
    )
    assert run(start - timedelta(minutes=50))["reminders"] == 2
    assert run(start - timedelta(minutes=40))["reminders"] == 0
    assert len(mail.outbox) == 4
    join = f"/consultations/{case.pk}/follow-ups/{call.pk}/join/"
    for email in mail.outbox:
        assert join in email.body
        assert MEETING not in email.body
        assert case.referral_question not in email.body


def test_a_sweep_that_was_down_sends_only_the_hours_reminder(run):
    case = delivered_case()
    start = timezone.now() + timedelta(days=3)
    booked_call(case, starts_at=start)
    assert run(start - timedelta(minutes=30))["reminders"] == 2
    assert run(start - timedelta(minutes=20))["reminders"] == 0
    assert len(mail.outbox) == 2


def test_a_call_booked_the_same_day_gets_no_days_reminder(run):
    case = delivered_case()
    start = timezone.now() + timedelta(hours=6)
    booked_call(case, starts_at=start, booked_at=timezone.now())
    assert run(timezone.now())["reminders"] == 0
    assert run(start - timedelta(minutes=45))["reminders"] == 2


def test_a_call_whose_end_passed_is_held_and_owes_the_reviewer_one_line(run, settings):
    settings.CONSULT_REVIEWER_FOLLOW_UP_FEE = 15000
    case = delivered_case()
    start = timezone.now() + timedelta(days=1)
    call = booked_call(case, starts_at=start)

    assert run(start + timedelta(minutes=20))["held"] == 0  # still going
    assert run(start + timedelta(minutes=41))["held"] == 1
    assert run(start + timedelta(minutes=45))["held"] == 0
    call.refresh_from_db()
    assert call.status == Status.HELD and call.held_at == call.ends_at
    (line,) = PayoutLine.objects.filter(kind=PayoutLine.Kind.FOLLOW_UP)
    assert line.reviewer == case.lead_reviewer
    assert line.amount == 15000
    assert line.follow_up_call == call
    assert line.earned_on == ledger.utc_date(call.ends_at)
    assert line.transfer_group == f"case-{case.reference}"
    assert ledger.follow_up_line_add(call=call) == line  # once


def test_a_chosen_time_that_came_unpaid_cancels_the_call(run):
    case = delivered_case()
    start = timezone.now() + timedelta(hours=3)
    call = booked_call(
        case, starts_at=start, status=Status.AWAITING_PAYMENT, booked_at=None
    )
    assert run(start - timedelta(minutes=5))["lapsed"] == 0
    assert run(start)["lapsed"] == 1
    assert run(start + timedelta(minutes=5))["lapsed"] == 0
    call.refresh_from_db()
    assert call.status == Status.CANCELLED
    assert not PayoutLine.objects.exists()


def test_a_full_refund_after_the_call_reverses_its_line_only(
    client,
    run,
    fake_stripe,  # noqa: F811
    django_capture_on_commit_callbacks,
):
    case = delivered_case()
    ledger.case_line_add(case_id=case.pk)
    start = timezone.now() - timedelta(hours=2)
    call = booked_call(case, starts_at=start)
    payment = paid_follow_up(case, call)
    run(timezone.now())
    assert PayoutLine.objects.filter(kind=PayoutLine.Kind.FOLLOW_UP).count() == 1

    event = fake.event(
        "charge.refunded", charge(payment=payment, refunded=payment.amount)
    )
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            assert fake.deliver(client, event).status_code == 200

    (reversal,) = PayoutLine.objects.filter(kind=PayoutLine.Kind.REVERSAL)
    assert reversal.reverses.kind == PayoutLine.Kind.FOLLOW_UP
    assert reversal.amount == -reversal.reverses.amount
    assert reversal.follow_up_call == call
    case_line = PayoutLine.objects.get(kind=PayoutLine.Kind.CASE)
    assert not PayoutLine.objects.filter(reverses=case_line).exists()


def test_a_payment_that_arrives_after_the_call_was_cancelled_is_refunded(
    fake_stripe,  # noqa: F811
    django_capture_on_commit_callbacks,
):
    case = delivered_case()
    call = booked_call(
        case,
        status=Status.CANCELLED,
        booked_at=None,
        cancelled_at=timezone.now(),
        refund_percent=100,
    )
    payment = paid_follow_up(case, call)
    fake_stripe.responses[("POST", "/v1/refunds")] = refund(
        payment=payment, amount=12000
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert refunds.queue_if_case_ended(payment_id=payment.pk)
    payment.refresh_from_db()
    assert payment.status == CasePayment.Status.REFUNDED
    call.refresh_from_db()
    assert call.status == Status.CANCELLED  # a late payment books nothing


def test_the_requesters_export_holds_their_calls(client):
    case = delivered_case()
    call = booked_call(case)
    client.force_login(case.requester)
    data = json.loads(client.post("/account/export/").content)
    (row,) = data["consultation_calls"]
    assert row["case_reference"] == case.reference
    assert row["starts_at"] == call.starts_at.isoformat()
    assert MEETING not in json.dumps(data)


def test_a_reviewer_who_deletes_their_account_cancels_their_calls_in_full(
    client,
    fake_stripe,  # noqa: F811
    django_capture_on_commit_callbacks,
):
    case = delivered_case()
    reviewer = case.lead_reviewer
    reviewer.set_password(PASSWORD)
    reviewer.save()
    call = booked_call(case)
    payment = paid_follow_up(case, call)
    fake_stripe.responses[("POST", "/v1/refunds")] = refund(
        payment=payment, amount=12000
    )
    client.force_login(reviewer)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/account/delete/", {"password": PASSWORD, "confirm": "on"}
        )
    assert response.status_code == 302
    call.refresh_from_db()
    payment.refresh_from_db()
    assert call.status == Status.CANCELLED and call.refund_percent == 100
    assert payment.status == CasePayment.Status.REFUNDED
    assert case.requester.email in [m.to[0] for m in mail.outbox]
