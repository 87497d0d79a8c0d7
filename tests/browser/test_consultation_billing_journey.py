"""Paying for a consultation by card, in the browser: the therapist sends the
request, is asked who pays, chooses the card and goes to Stripe Checkout (its
page stood in for here: no network); Stripe's signed webhook, not the browser's
return, sends the request on; the therapist downloads the receipt; once the
director signs the report off, the reviewer's payout page shows the line; then
the therapist asks for a follow-up call, the reviewer offers times, and she
picks one and pays for it the same way.

Stripe's API is the stripe library with its HTTP layer replaced (the billing
tests' fake), in the live server's process.
"""

import re
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from django.utils import timezone
from playwright.sync_api import expect
from pypdf import PdfReader

from consultation_billing.models import CasePayment, ConsultationFee
from consultation_calls.models import FollowUpCall
from consultations.models import Case, Offer, Report
from memberships.models import Membership
from tests.browser.conftest import check_accessibility
from tests.community import factories as people
from tests.consultation_billing.payment_fakes import (  # noqa: F401 (fixtures)
    completed_session,
    fee_fixture,
    stripe_http_fixture,
)
from tests.consultations.factories import CaseFactory, consultant
from tests.memberships import stripe_fakes as fake

pytestmark = pytest.mark.django_db(transaction=True)
Status = Case.Status
CHECKOUT_PAGE = "<html><body><h1>Stripe Checkout (test)</h1></body></html>"


def _send_request(page, case) -> None:
    page.goto(f"/consultations/{case.pk}/edit/")
    page.get_by_role("button", name="Send the request").click()
    expect(page.get_by_role("heading", name=re.compile("^Who pays"))).to_be_visible()
    expect(page.get_by_text("$350.00").first).to_be_visible()
    check_accessibility(page, "payment step (member)")


def _as_if_written_and_sent_for_sign_off(case: Case, reviewer) -> None:
    """What the reviewer's part of the flow leaves (the other journey walks it)."""
    now = timezone.now()
    Offer.objects.create(
        case=case,
        consultant=reviewer,
        rank=1,
        status=Offer.Status.ACCEPTED,
        offered_at=now - timedelta(hours=3),
        accept_by=now + timedelta(hours=9),
        responded_at=now - timedelta(hours=2),
        coi_declared_at=now - timedelta(hours=2),
    )
    Report.objects.create(
        case=case,
        author=reviewer,
        sections={"formulation": {"text": "A formulation.", "shareable": False}},
        submitted_at=now,
    )
    Case.objects.filter(pk=case.pk).update(
        status=Status.IN_SIGNOFF,
        lead_reviewer=reviewer,
        accepted_at=now - timedelta(hours=2),
        due_at=now + timedelta(hours=46),
    )


def test_a_therapist_pays_by_card_and_the_reviewer_is_owed_the_case(
    open_as, home_page, fee, stripe_http
):
    therapist = people.member(user__display_name="Dana R.")
    Membership.objects.filter(user=therapist).update(
        stripe_customer_id=fake.new_id("cus")
    )
    director = people.director(display_name="Dr. Miriam Okafor")
    reviewer = consultant(user__display_name="Dr. Ben Okoye")
    case = CaseFactory(requester=therapist)

    # The therapist sends the request and is asked who pays.
    dana = open_as(therapist, "therapist")
    dana.route(
        re.compile(r"^https://checkout\.stripe\.com/"),
        lambda route: route.fulfill(status=200, body=CHECKOUT_PAGE),
    )
    _send_request(dana, case)
    dana.get_by_role("button", name="Pay $350.00 by card").click()
    expect(dana.get_by_role("heading", name="Stripe Checkout (test)")).to_be_visible()
    case.refresh_from_db()
    assert case.status == Status.DRAFT and case.awaiting_payment

    # Coming back from Checkout proves nothing: the request still waits.
    dana.goto(f"/consultations/{case.pk}/payment/done/")
    case.refresh_from_db()
    assert case.status == Status.DRAFT

    # Stripe's signed webhook pays it, and the request goes to triage.
    [session] = stripe_http.sessions.values()
    response = fake.deliver(
        Client(), fake.event("checkout.session.completed", completed_session(session))
    )
    assert response.status_code == 200
    dana.goto(f"/consultations/{case.pk}/")
    expect(dana.get_by_role("region", name="Status")).to_contain_text("In triage")
    payment_part = dana.get_by_role("region", name="Payment")
    expect(payment_part).to_contain_text("Paid")
    check_accessibility(dana, "case page, paid (member)")
    with dana.expect_download() as receipt:
        payment_part.get_by_role("link", name=re.compile("[Rr]eceipt")).click()
    text = " ".join(
        page.extract_text() or "" for page in PdfReader(receipt.value.path()).pages
    )
    payment = CasePayment.objects.get(case=case)
    assert payment.receipt_number in text and "$350.00" in text
    assert case.case_summary not in text

    # The report is written (as the other journey shows); the director signs
    # it off, and the reviewer's payout page shows the case.
    _as_if_written_and_sent_for_sign_off(case, reviewer)
    miriam = open_as(director, "director")
    miriam.goto(f"/consultations/{case.pk}/report/sign-off/")
    miriam.get_by_role("button", name="Approve and deliver").click()
    expect(
        miriam.get_by_text("The report is approved and delivered to the therapist.")
    ).to_be_visible()

    ben = open_as(reviewer, "reviewer")
    ben.goto("/consultations/reviewer/")
    ben.get_by_role("link", name=re.compile("payouts", re.IGNORECASE)).click()
    expect(ben.get_by_text(case.reference)).to_be_visible()
    expect(ben.get_by_text("$500.00").first).to_be_visible()
    check_accessibility(ben, "payouts (reviewer)")

    # After delivery the therapist asks for a follow-up call; the reviewer
    # offers two times; she picks the second and pays for it by card.
    _book_and_pay_a_follow_up(dana, ben, case, reviewer, stripe_http)


def _typed(moment, user) -> str:
    zone = ZoneInfo(user.time_zone or "UTC")
    return timezone.localtime(moment, timezone=zone).strftime("%Y-%m-%dT%H:%M")


def _book_and_pay_a_follow_up(dana, ben, case, reviewer, stripe_http) -> None:
    ConsultationFee.objects.create(
        kind=ConsultationFee.Kind.FOLLOW_UP, amount=12000, currency="usd"
    )
    dana.goto(f"/consultations/{case.pk}/")
    follow_up = dana.get_by_role("region", name="Follow-up call")
    follow_up.get_by_role("button", name="Ask for a call").click()
    expect(dana.get_by_text("Your follow-up call is asked for")).to_be_visible()

    first = (timezone.now() + timedelta(days=2)).replace(second=0, microsecond=0)
    second = first + timedelta(days=1)
    ben.goto(f"/consultations/{case.pk}/")
    offer = ben.get_by_role("region", name="Follow-up call")
    offer.get_by_label("First time").fill(_typed(first, reviewer))
    offer.get_by_label("Second time (optional)").fill(_typed(second, reviewer))
    offer.get_by_label("Video link").fill("https://video.example.org/room/ben-7731")
    offer.get_by_role("button", name="Send these times").click()
    expect(ben.get_by_text("Your times are sent to the therapist.")).to_be_visible()

    dana.goto(f"/consultations/{case.pk}/")
    follow_up = dana.get_by_role("region", name="Follow-up call")
    expect(follow_up.get_by_role("radio")).to_have_count(2)
    check_accessibility(dana, "follow-up call, times offered (member)")
    follow_up.get_by_role("radio").nth(1).check()
    follow_up.get_by_role("button", name="Book and pay $120.00").click()
    expect(dana.get_by_role("heading", name="Stripe Checkout (test)")).to_be_visible()

    call = FollowUpCall.objects.get(case=case)
    assert call.status == FollowUpCall.Status.AWAITING_PAYMENT
    assert call.starts_at == second
    session = next(
        s
        for s in stripe_http.sessions.values()
        if s["metadata"]["purpose"] == "follow_up"
    )
    response = fake.deliver(
        Client(), fake.event("checkout.session.completed", completed_session(session))
    )
    assert response.status_code == 200
    dana.goto(f"/consultations/{case.pk}/follow-ups/{call.pk}/paid/")
    expect(dana.get_by_text("the call is booked for")).to_be_visible()
    dana.get_by_role("link", name="Go to the consultation").click()
    follow_up = dana.get_by_role("region", name="Follow-up call")
    expect(follow_up).to_contain_text("Booked")
    expect(follow_up.get_by_role("link", name="Join the call")).to_be_visible()
    expect(
        follow_up.get_by_role("link", name=re.compile(r"calendar \(\.ics\)"))
    ).to_be_visible()
    expect(dana.get_by_role("region", name="Payment")).to_contain_text("Follow-up call")

    ben.goto(f"/consultations/{case.pk}/")
    expect(ben.get_by_role("region", name="Follow-up call")).to_contain_text("Booked")
