"""Cancelling a follow-up call and joining it.

Either side cancels until ``CONSULT_FOLLOW_UP_CANCEL_HOURS`` before the start:
the reviewer's cancellation refunds in full, the requester's the late share
(``CONSULT_LATE_CANCEL_REFUND_PERCENT``), through the billing app's refund task
(the payment's id only) and Stripe's Refund API, faked at its HTTP layer. The
join page is the only door to the video: it opens 15 minutes before the start,
for the two people of the call only; the calendar file carries the door, never
the link."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from icalendar import Calendar

from consultation_billing.models import CasePayment
from consultation_calls.models import FollowUpCall
from tests.consultation_billing.refund_fakes import CASE_TEXT, refund
from tests.consultation_calls.call_helpers import (
    MEETING,
    booked_call,
    delivered_case,
    follow_up_payment,
    paid_follow_up,
    url,
)
from tests.consultations.factories import consultant
from tests.memberships.conftest import fake_stripe  # noqa: F401

pytestmark = pytest.mark.django_db
Status = FollowUpCall.Status


def _paid_call(case, **kwargs):
    call = booked_call(case, **kwargs)
    return call, paid_follow_up(case, call)


def _refunds(fake_stripe):  # noqa: F811
    return [params for m, p, params, _ in fake_stripe.calls if p == "/v1/refunds"]


@pytest.mark.parametrize(
    ("side", "refunded"), [("requester", 6000), ("lead_reviewer", 12000)]
)
def test_a_cancellation_before_the_cutoff_refunds_by_who_cancelled(
    client,
    fake_stripe,  # noqa: F811
    django_capture_on_commit_callbacks,
    side,
    refunded,
):
    case = delivered_case()
    call, payment = _paid_call(case)
    fake_stripe.responses[("POST", "/v1/refunds")] = refund(
        payment=payment, amount=refunded
    )
    client.force_login(getattr(case, side))
    page = client.get(case.get_absolute_url()).content.decode()
    assert ("50% of the fee" if side == "requester" else "refunded in full") in page

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url(case, call, "cancel"))

    assert response.status_code == 302
    call.refresh_from_db()
    payment.refresh_from_db()
    assert call.status == Status.CANCELLED
    (asked,) = _refunds(fake_stripe)
    assert asked["amount"] == [str(refunded)]
    assert payment.refunded_amount == refunded
    other = case.lead_reviewer if side == "requester" else case.requester
    assert [m.to[0] for m in mail.outbox] == [other.email]
    for _, _, params, _ in fake_stripe.calls:
        for words in CASE_TEXT:
            assert words not in repr(params)
    assert MEETING not in mail.outbox[0].body


def test_after_the_cutoff_neither_side_cancels_on_the_site(
    client,
    fake_stripe,  # noqa: F811
):
    case = delivered_case()
    call, payment = _paid_call(case, starts_at=timezone.now() + timedelta(hours=5))
    for person in (case.requester, case.lead_reviewer):
        client.force_login(person)
        response = client.post(url(case, call, "cancel"), follow=True)
        assert "until 24 hours before it starts" in response.content.decode()
    call.refresh_from_db()
    assert call.status == Status.BOOKED
    assert not _refunds(fake_stripe)


def test_cancelling_a_call_not_paid_yet_expires_its_checkout(
    client,
    fake_stripe,  # noqa: F811
    django_capture_on_commit_callbacks,
):
    case = delivered_case()
    call = booked_call(case, status=Status.AWAITING_PAYMENT, booked_at=None)
    payment = follow_up_payment(
        case,
        call,
        stripe_checkout_session_id="cs_test_open",
        hosted_url="https://checkout.stripe.com/c/pay/cs_test_open",
    )
    fake_stripe.responses[("POST", "/v1/checkout/sessions/cs_test_open/expire")] = {
        "id": "cs_test_open",
        "object": "checkout.session",
        "status": "expired",
    }
    client.force_login(case.requester)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url(case, call, "cancel"))
    payment.refresh_from_db()
    assert payment.status == CasePayment.Status.ABANDONED
    assert not _refunds(fake_stripe)


def test_the_join_page_opens_fifteen_minutes_before_for_the_two_sides_only(client):
    case = delivered_case()
    call = booked_call(case, starts_at=timezone.now() + timedelta(minutes=40))
    client.force_login(case.requester)
    early = client.get(url(case, call, "join"))
    assert early.status_code == 200
    assert "opens 15 minutes before" in early.content.decode()
    assert MEETING not in early.content.decode()

    FollowUpCall.objects.filter(pk=call.pk).update(
        starts_at=timezone.now() + timedelta(minutes=10)
    )
    for person in (case.requester, case.lead_reviewer):
        client.force_login(person)
        response = client.get(url(case, call, "join"))
        assert response.status_code == 302
        assert response["Location"] == MEETING
        assert response["Referrer-Policy"] == "no-referrer"

    client.force_login(consultant())
    assert client.get(url(case, call, "join")).status_code == 404

    FollowUpCall.objects.filter(pk=call.pk).update(status=Status.AWAITING_PAYMENT)
    client.force_login(case.requester)
    unpaid = client.get(url(case, call, "join"))
    assert unpaid.status_code == 200
    assert "waiting for its payment" in unpaid.content.decode()

    FollowUpCall.objects.filter(pk=call.pk).update(status=Status.CANCELLED)
    assert "was cancelled" in client.get(url(case, call, "join")).content.decode()


def test_the_calendar_file_carries_the_door_not_the_link(client):
    case = delivered_case()
    call = booked_call(case, starts_at=timezone.now().replace(microsecond=0))
    client.force_login(case.lead_reviewer)
    response = client.get(url(case, call, "ics"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    body = response.content.decode()
    assert MEETING not in body
    for words in CASE_TEXT:
        assert words not in body
    (event,) = Calendar.from_ical(response.content).walk("VEVENT")
    assert event.decoded("DTSTART") == call.starts_at
    assert event.decoded("DTEND") == call.starts_at + timedelta(minutes=40)
    assert str(event["SUMMARY"]) == f"Follow-up call, consultation {case.reference}"
    assert url(case, call, "join") in str(event["URL"])

    client.force_login(consultant())
    assert client.get(url(case, call, "ics")).status_code == 404
