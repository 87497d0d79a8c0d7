"""Pay to send, by card: the therapist sends the request, chooses "I pay now by
card" on the payment step and goes to Stripe Checkout (payment mode, their own
Stripe customer, neutral words); only the signed ``checkout.session.completed``
webhook pays it and sends the request to triage, once, however often and in
whatever order Stripe delivers. An expired Checkout leaves the draft "pay to
send" with nothing lost. Only the requester opens the payment step."""

import pytest
from django.urls import reverse

from consultation_billing.models import CasePayment
from consultations.models import Case
from memberships.models import Membership, StripeEvent
from tests.community import factories as people
from tests.consultation_billing.payment_fakes import (  # noqa: F401 (fixtures)
    completed_session,
    expired_session,
    fee_fixture,
    send_fixture,
    stripe_http_fixture,
)
from tests.consultations.factories import case_in, consultant
from tests.consultations.request_helpers import post_edit
from tests.memberships import stripe_fakes as fake

pytestmark = pytest.mark.django_db
Status = Case.Status
PaymentStatus = CasePayment.Status
CASE_FIELDS = (
    "referral_question",
    "modality",
    "tried",
    "case_summary",
    "risk_notes",
    "duration",
)


def _pay_url(case):
    return reverse("consultation_billing:pay", args=[case.pk])


def _held(client, member):
    """A checked request the therapist has sent: a draft waiting for payment."""
    case = case_in(Status.DRAFT, requester=member)
    client.force_login(member)
    response = post_edit(client, case, action="submit")
    assert response.status_code == 302
    assert response["Location"] == _pay_url(case)
    case.refresh_from_db()
    assert case.status == Status.DRAFT and case.awaiting_payment
    return case


def assert_nothing_clinical(stripe_http, case):
    case.refresh_from_db()
    assert stripe_http.bodies, "Stripe was called"
    texts = [getattr(case, name) for name in CASE_FIELDS]
    for body in stripe_http.bodies:
        for text in texts:
            assert text and text not in body
            # Nor a telling piece of it.
            assert text[:20] not in body


def _choose_card(client, case):
    return client.post(_pay_url(case), {"choice": "card"})


def test_the_payment_step_shows_the_fee_and_the_three_choices(
    client, member, fee, stripe_http
):
    case = _held(client, member)
    response = client.get(_pay_url(case))
    assert response.status_code == 200
    page = response.content.decode()
    assert "$350.00" in page
    for choice in ('value="card"', 'value="invoice"', 'value="waiver"'):
        assert choice in page
    assert "no-cache" in response["Cache-Control"]


def test_without_stripe_keys_only_the_waiver_is_offered(client, member, fee, settings):
    settings.STRIPE_SECRET_KEY = ""
    case = _held(client, member)
    page = client.get(_pay_url(case)).content.decode()
    assert 'value="waiver"' in page
    assert 'value="card"' not in page and 'value="invoice"' not in page
    response = _choose_card(client, case)
    assert response.status_code == 400
    assert "not set up on this site" in response.content.decode()
    assert not CasePayment.objects.exists()
    case.refresh_from_db()
    assert case.status == Status.DRAFT and case.awaiting_payment


def test_paying_by_card_opens_checkout_in_payment_mode_for_the_members_customer(
    client, member, fee, stripe_http
):
    customer_id = fake.new_id("cus")
    Membership.objects.filter(user=member).update(stripe_customer_id=customer_id)
    case = _held(client, member)

    response = _choose_card(client, case)

    [payment] = CasePayment.objects.filter(case=case)
    [session] = stripe_http.sessions.values()
    assert response.status_code == 302 and response["Location"] == session["url"]
    assert stripe_http.paths("POST") == ["/v1/checkout/sessions"]  # no new customer
    [sent] = stripe_http.posts("/v1/checkout/sessions")
    assert sent["mode"] == "payment" and sent["customer"] == customer_id
    assert sent["line_items[0][price_data][unit_amount]"] == "35000"
    assert sent["line_items[0][price_data][currency]"] == "usd"
    assert sent["line_items[0][price_data][product_data][name]"] == (
        f"Psychotherapy consultation, case reference {case.reference}"
    )
    assert sent["metadata[payment_id]"] == str(payment.pk)
    assert sent["metadata[case_reference]"] == case.reference
    assert sent["metadata[purpose]"] == "consultation"
    assert sent["success_url"].endswith(
        reverse("consultation_billing:pay-done", args=[case.pk])
    )
    assert sent["cancel_url"].endswith(_pay_url(case))
    [(_, _, _, headers)] = [c for c in stripe_http.calls if c[0] == "POST"]
    assert (
        headers.get("Idempotency-Key") == f"consultation-payment-{payment.pk}-checkout"
    )
    assert payment.method == CasePayment.Method.CARD
    assert payment.status == PaymentStatus.PENDING
    assert payment.stripe_checkout_session_id == session["id"]
    assert payment.hosted_url == session["url"]
    assert payment.amount == 35000 and payment.payer == member
    case.refresh_from_db()
    assert case.status == Status.DRAFT and case.awaiting_payment  # not yet paid
    assert_nothing_clinical(stripe_http, case)


def test_a_fee_with_a_stripe_price_is_charged_through_that_price(
    client, member, fee, stripe_http
):
    fee.stripe_price_id = "price_consultation"
    fee.save()
    case = _held(client, member)
    _choose_card(client, case)
    [sent] = stripe_http.posts("/v1/checkout/sessions")
    assert sent["line_items[0][price]"] == "price_consultation"
    assert "line_items[0][price_data][unit_amount]" not in sent


def test_a_member_without_a_stripe_customer_gets_one_kept_on_the_membership(
    client, member, fee, stripe_http
):
    case = _held(client, member)
    _choose_card(client, case)
    [customer] = stripe_http.customers.values()
    membership = Membership.objects.get(user=member)
    assert membership.stripe_customer_id == customer["id"]
    [sent] = stripe_http.posts("/v1/checkout/sessions")
    assert sent["customer"] == customer["id"]
    # Paying again later reuses it.
    assert stripe_http.paths("POST").count("/v1/customers") == 1


def test_a_double_submit_reuses_the_open_checkout(client, member, fee, stripe_http):
    case = _held(client, member)
    first = _choose_card(client, case)
    second = _choose_card(client, case)
    assert first["Location"] == second["Location"]
    assert CasePayment.objects.filter(case=case).count() == 1
    assert stripe_http.paths("POST").count("/v1/checkout/sessions") == 1


def test_the_browsers_return_pays_nothing(client, member, fee, stripe_http):
    case = _held(client, member)
    _choose_card(client, case)
    response = client.get(reverse("consultation_billing:pay-done", args=[case.pk]))
    assert response.status_code == 200
    assert "waiting for Stripe" in response.content.decode()
    case.refresh_from_db()
    assert case.status == Status.DRAFT and case.awaiting_payment
    assert CasePayment.objects.get(case=case).status == PaymentStatus.PENDING


def test_the_signed_webhook_pays_and_sends_the_request_once_when_delivered_twice(
    client, member, director, fee, stripe_http, send
):
    case = _held(client, member)
    _choose_card(client, case)
    [session] = stripe_http.sessions.values()
    event = fake.event("checkout.session.completed", completed_session(session))

    send(event)
    send(event)  # Stripe delivers it again
    send({**event, "id": fake.new_id("evt")})  # or as a second event

    payment = CasePayment.objects.get(case=case)
    assert payment.status == PaymentStatus.PAID
    assert payment.receipt_number.startswith("R-")
    assert payment.stripe_payment_intent_id == event["data"]["object"]["payment_intent"]
    case.refresh_from_db()
    assert case.status == Status.TRIAGE and case.fee_settlement == "paid"
    assert not case.awaiting_payment
    outcomes = StripeEvent.objects.values_list("outcome", flat=True)
    assert set(outcomes) == {StripeEvent.Outcome.PROCESSED}
    page = client.get(reverse("consultation_billing:pay-done", args=[case.pk]))
    assert "Stripe has confirmed your payment" in page.content.decode()
    assert_nothing_clinical(stripe_http, case)


def test_an_expired_checkout_leaves_the_draft_pay_to_send_and_a_new_one_opens(
    client, member, fee, stripe_http, send
):
    case = _held(client, member)
    _choose_card(client, case)
    [session] = stripe_http.sessions.values()
    send(fake.event("checkout.session.expired", expired_session(session)))

    payment = CasePayment.objects.get(case=case)
    assert payment.status == PaymentStatus.ABANDONED
    case.refresh_from_db()
    assert case.status == Status.DRAFT and case.awaiting_payment
    assert case.referral_question  # nothing lost
    page = client.get(case.get_absolute_url()).content.decode()
    assert "Pay to send." in page and "Not completed" in page
    # A second try opens a new Checkout.
    response = _choose_card(client, case)
    assert CasePayment.objects.filter(case=case).count() == 2
    assert response["Location"] != session["url"]


def test_an_expiry_delivered_after_the_payment_changes_nothing(
    client, member, fee, stripe_http, send
):
    case = _held(client, member)
    _choose_card(client, case)
    [session] = stripe_http.sessions.values()
    completed = fake.event("checkout.session.completed", completed_session(session))
    expired = fake.event("checkout.session.expired", expired_session(session))
    send(completed)
    send(expired)
    send(completed)
    assert CasePayment.objects.get(case=case).status == PaymentStatus.PAID
    case.refresh_from_db()
    assert case.status == Status.TRIAGE


def test_an_unpaid_completed_checkout_is_skipped(
    client, member, fee, stripe_http, send
):
    case = _held(client, member)
    _choose_card(client, case)
    [session] = stripe_http.sessions.values()
    event = fake.event(
        "checkout.session.completed", completed_session(session, paid=False)
    )
    send(event)
    assert StripeEvent.objects.get(event_id=event["id"]).outcome == (
        StripeEvent.Outcome.SKIPPED
    )
    assert CasePayment.objects.get(case=case).status == PaymentStatus.PENDING
    case.refresh_from_db()
    assert case.status == Status.DRAFT


def test_a_checkout_that_is_not_ours_is_skipped(client, member, fee, send):
    case = _held(client, member)
    stranger = {
        "id": fake.new_id("cs_test"),
        "object": "checkout.session",
        "mode": "payment",
        "payment_status": "paid",
        "status": "complete",
        "metadata": {"payment_id": "999", "purpose": "consultation"},
    }
    event = fake.event("checkout.session.completed", stranger)
    send(event)
    assert StripeEvent.objects.get(event_id=event["id"]).outcome == (
        StripeEvent.Outcome.SKIPPED
    )
    case.refresh_from_db()
    assert case.status == Status.DRAFT


def test_the_payment_part_shows_the_requester_and_the_director_the_payment(
    client, member, director, fee, stripe_http, send
):
    case = _held(client, member)
    _choose_card(client, case)
    [session] = stripe_http.sessions.values()
    send(fake.event("checkout.session.completed", completed_session(session)))
    payment = CasePayment.objects.get(case=case)
    receipt = reverse("consultation_billing:receipt", args=[case.pk, payment.pk])
    for user in (member, director):
        client.force_login(user)
        page = client.get(case.get_absolute_url()).content.decode()
        assert 'id="payment-title"' in page
        assert "$350.00" in page and "Paid" in page and receipt in page


def test_the_payment_part_is_not_shown_to_the_reviewer(
    client, member, fee, stripe_http, send
):
    case = _held(client, member)
    _choose_card(client, case)
    [session] = stripe_http.sessions.values()
    send(fake.event("checkout.session.completed", completed_session(session)))
    reviewer = consultant()
    Case.objects.filter(pk=case.pk).update(lead_reviewer=reviewer)
    client.force_login(reviewer)
    page = client.get(case.get_absolute_url())
    assert page.status_code == 200
    assert 'id="payment-title"' not in page.content.decode()


# --- who may open the payment step -------------------------------------------


@pytest.mark.parametrize("who", ["other_member", "consultant", "director"])
def test_a_wrong_user_can_neither_open_nor_post_the_payment_step(
    client, member, fee, stripe_http, who
):
    case = _held(client, member)
    wrong = {
        "other_member": people.member,
        "consultant": consultant,
        "director": people.director,
    }[who]()
    client.force_login(wrong)
    assert client.get(_pay_url(case)).status_code in (403, 404)
    for choice in ("card", "invoice", "waiver"):
        data = {"choice": choice, "billing_name": "A", "billing_email": "a@b.example"}
        assert client.post(_pay_url(case), data).status_code in (403, 404)
    done = reverse("consultation_billing:pay-done", args=[case.pk])
    assert client.get(done).status_code in (403, 404)
    assert stripe_http.calls == []
    assert not CasePayment.objects.exists()
    case.refresh_from_db()
    assert case.status == Status.DRAFT and not case.waiver_requested


def test_the_director_of_a_sent_case_cannot_post_the_payment_step(
    client, member, director, fee, stripe_http
):
    case = case_in(Status.SUBMITTED, requester=member)
    client.force_login(director)
    assert client.post(_pay_url(case), {"choice": "card"}).status_code == 403
    assert stripe_http.calls == []


def test_a_visitor_is_sent_to_sign_in(client, member, fee, stripe_http):
    case = _held(client, member)
    client.logout()
    for response in (
        client.get(_pay_url(case)),
        client.post(_pay_url(case), {"choice": "card"}),
    ):
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]
    assert stripe_http.calls == []


def test_a_case_not_waiting_for_payment_goes_back_to_the_case(
    client, member, fee, stripe_http
):
    case = case_in(Status.SUBMITTED, requester=member)
    client.force_login(member)
    for response in (
        client.get(_pay_url(case)),
        client.post(_pay_url(case), {"choice": "card"}),
    ):
        assert response.status_code == 302
        assert response["Location"] == case.get_absolute_url()
    assert stripe_http.calls == []


def test_without_a_fee_the_request_is_sent_without_a_payment_step(client, member):
    case = case_in(Status.DRAFT, requester=member)
    client.force_login(member)
    response = post_edit(client, case, action="submit")
    assert response["Location"] == case.get_absolute_url()
    case.refresh_from_db()
    assert case.status == Status.SUBMITTED and not case.awaiting_payment


def test_stripe_down_charges_nothing_and_keeps_the_draft(
    client, member, fee, stripe_http
):
    case = _held(client, member)
    stripe_http.responses[("POST", "/v1/checkout/sessions")] = 500
    response = _choose_card(client, case)
    assert response.status_code == 502
    assert "could not be reached" in response.content.decode()
    assert not CasePayment.objects.exists()
    case.refresh_from_db()
    assert case.status == Status.DRAFT and case.awaiting_payment


def test_asking_for_a_waiver_sends_the_request_unpaid(
    client, member, director, fee, stripe_http
):
    case = _held(client, member)
    response = client.post(_pay_url(case), {"choice": "waiver"})
    assert response["Location"] == case.get_absolute_url()
    case.refresh_from_db()
    assert case.status == Status.SUBMITTED and case.waiver_requested
    assert stripe_http.calls == []
    # The step is over: the page now sends the therapist back to the case.
    assert client.get(_pay_url(case))["Location"] == case.get_absolute_url()


def test_asking_for_a_waiver_after_opening_checkout_expires_the_checkout(
    client, member, fee, stripe_http
):
    case = _held(client, member)
    _choose_card(client, case)
    [session] = stripe_http.sessions.values()
    client.post(_pay_url(case), {"choice": "waiver"})
    assert session["status"] == "expired"
    assert CasePayment.objects.get(case=case).status == PaymentStatus.ABANDONED
    case.refresh_from_db()
    assert case.status == Status.SUBMITTED and case.waiver_requested
