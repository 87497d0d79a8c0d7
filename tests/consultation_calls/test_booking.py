"""Booking a follow-up call after delivery, through HTTP: the requester asks
(proposing a time or not), the reviewer takes the proposed time or offers
others, the requester picks one and pays by card through Stripe Checkout; only
the signed webhook books the call, once, however often Stripe delivers. What
goes to Stripe and into the emails is neutral: no case text, no video link."""

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.utils import timezone

from consultation_billing.models import CasePayment
from consultation_calls.models import FollowUpCall
from memberships.models import Membership
from tests.community import factories as people
from tests.consultation_billing.payment_fakes import (  # noqa: F401 (fixtures)
    CASE_TEXT,
    completed_session,
    send_fixture,
    stripe_http_fixture,
)
from tests.consultation_calls.call_helpers import (  # noqa: F401 (fixtures)
    MEETING,
    ask,
    choose,
    delivered_case,
    follow_up_fee_fixture,
    in_days,
    local,
    offer,
    url,
)
from tests.consultations.factories import case_in, consultant
from tests.memberships import stripe_fakes as fake

pytestmark = pytest.mark.django_db
Status = FollowUpCall.Status


def _with_customer(case):
    Membership.objects.filter(user=case.requester).update(
        stripe_customer_id=fake.new_id("cus")
    )


def _assert_neutral(texts, case):
    for text in texts:
        assert MEETING not in text
        for words in CASE_TEXT:
            assert words not in text
        assert case.referral_question not in text


def test_the_requester_proposes_a_time_the_reviewer_takes_it_and_the_webhook_books_it(
    client, follow_up_fee, stripe_http, send, django_capture_on_commit_callbacks
):
    case = delivered_case()
    _with_customer(case)
    proposed = in_days(3)

    with django_capture_on_commit_callbacks(execute=True):
        response = ask(client, case, proposed)
    assert response.status_code == 302
    call = FollowUpCall.objects.get(case=case)
    assert call.status == Status.REQUESTED and call.proposed_at == proposed
    assert [m.to[0] for m in mail.outbox] == [case.lead_reviewer.email]

    client.force_login(case.lead_reviewer)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url(case, call, "accept"), {"accept-meeting_url": MEETING}
        )
    assert response.status_code == 302
    call.refresh_from_db()
    assert call.status == Status.AWAITING_PAYMENT and call.starts_at == proposed
    assert mail.outbox[-1].to == [case.requester.email]

    client.force_login(case.requester)
    response = client.post(url(case, call, "pay"))
    assert response.status_code == 302
    assert response["Location"].startswith("https://checkout.stripe.com/")
    payment = CasePayment.objects.get(follow_up_call=call)
    assert payment.purpose == CasePayment.Purpose.FOLLOW_UP
    assert payment.amount == 12000
    assert payment.description == (
        f"Follow-up consultation call, case reference {case.reference}"
    )
    (session,) = stripe_http.sessions.values()
    assert session["mode"] == "payment"
    assert session["metadata"]["purpose"] == "follow_up"
    assert session["success_url"].endswith(url(case, call, "paid"))

    # The browser's return proves nothing.
    page = client.get(url(case, call, "paid"))
    assert "waiting for Stripe" in page.content.decode()
    call.refresh_from_db()
    assert call.status == Status.AWAITING_PAYMENT

    mail.outbox.clear()
    event = fake.event("checkout.session.completed", completed_session(session))
    send(event)
    send(event)  # delivered twice
    send(fake.event("checkout.session.completed", completed_session(session)))
    call.refresh_from_db()
    payment.refresh_from_db()
    assert call.status == Status.BOOKED and call.booked_at is not None
    assert payment.status == CasePayment.Status.PAID and payment.receipt_number
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [case.requester.email, case.lead_reviewer.email]
    )
    assert "booked" in client.get(url(case, call, "paid")).content.decode()
    receipt = client.get(f"/consultations/{case.pk}/receipts/{payment.pk}.pdf")
    assert receipt.status_code == 200
    assert receipt["Content-Type"] == "application/pdf"
    _assert_neutral(stripe_http.bodies, case)
    _assert_neutral([m.subject + m.body for m in mail.outbox], case)


def test_the_reviewer_offers_times_and_the_requester_picks_one_and_goes_to_pay(
    client, follow_up_fee, stripe_http
):
    case = delivered_case()
    _with_customer(case)
    ask(client, case)
    call = FollowUpCall.objects.get(case=case)
    first, second = in_days(2), in_days(4)

    response = offer(client, case, call, first, second)
    assert response.status_code == 302
    call.refresh_from_db()
    assert call.status == Status.OFFERED
    slots = list(call.slots.all())
    assert [s.starts_at for s in slots] == [first, second]

    response = choose(client, case, call, slots[1])
    assert response.status_code == 302
    assert response["Location"].startswith("https://checkout.stripe.com/")
    call.refresh_from_db()
    assert call.status == Status.AWAITING_PAYMENT and call.starts_at == second

    # A second click reuses the open Checkout.
    again = client.post(url(case, call, "pay"))
    assert again["Location"] == response["Location"]
    assert len(stripe_http.sessions) == 1


def test_a_delayed_payment_method_books_the_call_when_it_succeeds(
    client, follow_up_fee, stripe_http, send
):
    case = delivered_case()
    _with_customer(case)
    ask(client, case)
    call = FollowUpCall.objects.get(case=case)
    offer(client, case, call, in_days(2))
    choose(client, case, call, call.slots.get())
    (session,) = stripe_http.sessions.values()

    send(
        fake.event("checkout.session.completed", completed_session(session, paid=False))
    )
    call.refresh_from_db()
    assert call.status == Status.AWAITING_PAYMENT
    send(
        fake.event(
            "checkout.session.async_payment_succeeded", completed_session(session)
        )
    )
    call.refresh_from_db()
    assert call.status == Status.BOOKED


def test_times_show_in_each_viewers_own_zone(client, follow_up_fee):
    case = delivered_case()
    case.requester.time_zone = "Asia/Tokyo"
    case.requester.save()
    ask(client, case)
    call = FollowUpCall.objects.get(case=case)
    moment = timezone.now().replace(microsecond=0, second=0) + timedelta(days=2)
    call.slots.create(starts_at=moment)
    FollowUpCall.objects.filter(pk=call.pk).update(status=Status.OFFERED)

    client.force_login(case.requester)
    page = client.get(case.get_absolute_url()).content.decode()
    tokyo = timezone.localtime(moment, timezone=ZoneInfo("Asia/Tokyo"))
    assert tokyo.strftime("%H:%M") + " JST" in page
    assert "Book and pay $120.00" in page


def test_without_a_fee_the_chosen_time_is_booked_at_once(
    client, django_capture_on_commit_callbacks
):
    case = delivered_case()
    ask(client, case)
    call = FollowUpCall.objects.get(case=case)
    offer(client, case, call, in_days(2))
    with django_capture_on_commit_callbacks(execute=True):
        response = choose(client, case, call, call.slots.get())
    assert response.status_code == 302
    call.refresh_from_db()
    assert call.status == Status.BOOKED
    assert not CasePayment.objects.exists()


def test_a_call_is_asked_for_only_after_delivery_and_only_as_often_as_set(
    client, settings
):
    in_work = case_in("drafting", requester=people.member())
    response = ask(client, in_work)
    assert response.status_code == 302
    assert not FollowUpCall.objects.exists()

    case = delivered_case()
    ask(client, case)
    assert ask(client, case).status_code == 302  # one is being arranged
    assert FollowUpCall.objects.filter(case=case).count() == 1
    FollowUpCall.objects.filter(case=case).update(status=Status.HELD)
    ask(client, case)
    assert FollowUpCall.objects.filter(case=case).count() == 1  # the one allowed

    settings.CONSULT_FOLLOW_UPS_PER_CASE = 2
    ask(client, case)
    assert FollowUpCall.objects.filter(case=case).count() == 2


def test_bad_input_is_refused_with_the_form_as_typed(client):
    case = delivered_case()
    past = timezone.now() - timedelta(hours=2)
    response = ask(client, case, past)
    assert response.status_code == 400
    assert "at least an hour from now" in response.content.decode()
    assert local(past, case.requester) in response.content.decode()
    assert not FollowUpCall.objects.exists()

    ask(client, case)
    call = FollowUpCall.objects.get()
    response = offer(client, case, call, in_days(2), meeting="not a link")
    assert response.status_code == 400
    assert local(in_days(2), case.lead_reviewer) in response.content.decode()
    call.refresh_from_db()
    assert call.status == Status.REQUESTED

    response = offer(client, case, call, timezone.now() + timedelta(minutes=20))
    assert response.status_code == 400
    assert "at least an hour from now" in response.content.decode()


def test_only_the_requester_and_the_reviewer_act(client, follow_up_fee):
    case = delivered_case()
    ask(client, case)
    call = FollowUpCall.objects.get()
    offer(client, case, call, in_days(2))
    slot = call.slots.get()

    stranger = people.member()
    client.force_login(stranger)
    assert client.post(url(case), {}).status_code == 404
    assert client.post(url(case, call, "choose"), {"slot": slot.pk}).status_code == 404
    assert client.get(url(case, call, "join")).status_code == 404

    other_consultant = consultant()
    client.force_login(other_consultant)
    assert client.post(url(case, call, "cancel")).status_code == 404

    # The reviewer offers; the requester chooses and pays; not the other way.
    client.force_login(case.lead_reviewer)
    assert client.post(url(case, call, "choose"), {"slot": slot.pk}).status_code == 403
    assert client.post(url(case, call, "pay")).status_code == 403
    client.force_login(case.requester)
    data = {
        "offer-time_1": local(in_days(2), case.requester),
        "offer-meeting_url": MEETING,
    }
    assert client.post(url(case, call, "times"), data).status_code == 403

    director = people.director()
    client.force_login(director)
    assert client.post(url(case, call, "cancel")).status_code == 403
    page = client.get(case.get_absolute_url())
    assert "Follow-up call" in page.content.decode()

    call.refresh_from_db()
    assert call.status == Status.OFFERED


def test_the_outcome_shows_in_the_follow_up_part_where_the_page_opens(client):
    case = delivered_case()
    client.force_login(case.requester)
    response = client.post(url(case), {"ask-proposed_at": ""}, follow=True)
    page = response.content.decode()
    part = page.split('id="follow-up"', 1)[1]
    assert "Your follow-up call is asked for" in part
    assert "Your follow-up call is asked for" not in page.split('id="follow-up"', 1)[0]


def test_the_reviewers_page_lists_the_calls_to_arrange(client):
    case = delivered_case()
    ask(client, case)
    client.force_login(case.lead_reviewer)
    page = client.get("/consultations/reviewer/").content.decode()
    assert f"Follow-up call to arrange: {case.reference}" in page
    client.force_login(consultant())
    assert case.reference not in client.get("/consultations/reviewer/").content.decode()


def test_without_stripe_a_paid_call_holds_no_time(client, follow_up_fee, settings):
    settings.STRIPE_SECRET_KEY = ""
    case = delivered_case()
    ask(client, case)
    call = FollowUpCall.objects.get(case=case)
    offer(client, case, call, in_days(2))
    response = choose(client, case, call, call.slots.get())
    assert response.status_code == 302
    call.refresh_from_db()
    assert call.status == Status.OFFERED and call.starts_at is None
