"""The billing page says where a membership stands: its state, plan, the next
renewal or end date, the invoices (from Stripe, when billing is on) and
"Manage billing"; a complimentary member sees until when, and no way to join
again."""

import time
from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from django.utils import timezone

from memberships import stripe_api
from memberships.services import membership_grant_comp
from tests.community.factories import MembershipFactory, UserFactory
from tests.memberships import stripe_fakes as fake

pytestmark = pytest.mark.django_db

BILLING = "/account/billing/"
INVOICES = ("GET", "/v1/invoices")


def page(client, user) -> str:
    client.force_login(user)
    response = client.get(BILLING)
    assert response.status_code == 200
    return response.content.decode()


def stripe_invoice(customer, *, number, amount=8900, paid=True, days_ago=3):
    invoice = fake.invoice(
        customer=customer, subscription_id="sub_1", paid=paid, amount=amount
    )
    return {
        **invoice,
        "number": number,
        "total": amount,
        "created": int(time.time()) - days_ago * 86400,
        "hosted_invoice_url": f"https://invoice.stripe.com/i/{number}",
        "invoice_pdf": f"https://pay.stripe.com/invoice/{number}/pdf",
    }


def invoice_list(*invoices) -> dict:
    return {"object": "list", "data": list(invoices), "has_more": False}


@pytest.fixture
def paying(plans):
    return MembershipFactory(
        plan=plans["monthly"],
        stripe_customer_id="cus_Paying",
        stripe_subscription_id="sub_1",
        current_period_end=timezone.now() + timedelta(days=12),
    ).user


def join_links(html: str) -> int:
    """Join links on the page itself (the header has its own "Join or renew")."""
    main = html.split('<main id="main"', 1)[1].split("</main>", 1)[0]
    return main.count('href="/join/"')


# Complimentary members --------------------------------------------------------------


@time_machine.travel(datetime(2026, 12, 1, 18, 0, tzinfo=UTC), tick=False)
def test_a_comp_member_sees_until_when_and_no_join_button(client):
    person = UserFactory(time_zone="UTC")
    membership_grant_comp(user=person, last_day=date(2027, 1, 31))
    html = page(client, person)
    assert "Complimentary" in html
    assert "<dt>Access until</dt><dd>31 January 2027 (complimentary)</dd>" in html
    assert "Join again" not in html and "Renew" not in html
    assert join_links(html) == 0
    assert "Manage billing" not in html  # nothing to manage at Stripe


def test_a_comp_member_without_an_end_date_is_told_so(client):
    person = UserFactory()
    membership_grant_comp(user=person)
    html = page(client, person)
    assert "Complimentary, with no end date" in html
    assert join_links(html) == 0
    assert "Dates are shown in your time zone" not in html  # no date on the page


def test_a_comp_beside_a_lapsed_subscription_offers_no_rejoin(client, fake_stripe):
    fake_stripe.responses[INVOICES] = invoice_list()
    person = MembershipFactory(
        status="canceled",
        stripe_customer_id="cus_Old",
        stripe_subscription_id="sub_old",
        current_period_end=timezone.now() - timedelta(days=5),
    ).user
    membership_grant_comp(user=person)
    html = page(client, person)
    assert "Complimentary" in html
    assert join_links(html) == 0


def test_a_member_whose_comp_ended_is_told_when_and_offered_renew(client):
    person = UserFactory(time_zone="UTC")
    with time_machine.travel(datetime(2026, 11, 1, 18, 0, tzinfo=UTC), tick=False):
        membership_grant_comp(user=person, last_day=date(2026, 11, 20))
    with time_machine.travel(datetime(2026, 12, 1, 18, 0, tzinfo=UTC), tick=False):
        html = page(client, person)
    assert "Complimentary membership ended (no access)" in html
    assert "<dt>Access ended</dt><dd>20 November 2026</dd>" in html
    assert "You have no membership yet" not in html
    assert ">Renew</a>" in html


# Paying members ---------------------------------------------------------------------


def test_a_paying_member_sees_state_plan_renewal_invoices_and_manage_billing(
    client, paying, fake_stripe
):
    fake_stripe.responses[INVOICES] = invoice_list(
        stripe_invoice("cus_Paying", number="A1B2-0002", days_ago=3),
        stripe_invoice("cus_Paying", number="A1B2-0001", paid=False, days_ago=33),
    )
    html = page(client, paying)
    assert "Active" in html
    assert "Monthly, $89 per month" in html
    renews = timezone.localtime(paying.membership.current_period_end)
    assert f"<dt>Renews</dt><dd>{renews.day} {renews:%B %Y}</dd>" in html
    assert "Manage billing" in html
    assert "A1B2-0002" in html and "A1B2-0001" in html
    assert "$89.00" in html and "Paid" in html and "Due" in html
    assert "https://invoice.stripe.com/i/A1B2-0002" in html
    assert join_links(html) == 0
    [call] = [c for c in fake_stripe.calls if c[1] == "/v1/invoices"]
    assert call[2]["customer"] == ["cus_Paying"]  # their own invoices only


def test_invoices_fail_soft_when_stripe_errors(client, paying, fake_stripe):
    fake_stripe.responses[INVOICES] = 500
    html = page(client, paying)
    assert "could not fetch your invoices" in html
    assert "Manage billing" in html  # the rest of the page is there


def test_a_member_without_invoices_is_told_so(client, paying, fake_stripe):
    fake_stripe.responses[INVOICES] = invoice_list()
    assert "No invoices yet." in page(client, paying)


def test_with_billing_off_stripe_is_not_asked(client, paying, monkeypatch, settings):
    settings.STRIPE_SECRET_KEY = ""
    http = fake.FakeStripeHTTP()
    monkeypatch.setattr(stripe_api, "HTTP_CLIENT", http)
    html = page(client, paying)
    assert http.calls == []
    assert "Invoices" not in html and "Manage billing" not in html


def test_a_canceled_member_still_paid_up_sees_when_access_ends(
    client, plans, fake_stripe
):
    fake_stripe.responses[INVOICES] = invoice_list()
    person = MembershipFactory(
        status="canceled",
        plan=plans["yearly"],
        stripe_customer_id="cus_Canceled",
        stripe_subscription_id="sub_2",
        current_period_end=timezone.now() + timedelta(days=20),
    ).user
    html = page(client, person)
    assert "Access ends" in html and "Renews" not in html
    assert join_links(html) == 0


def test_a_lapsed_member_sees_renew(client, fake_stripe):
    fake_stripe.responses[INVOICES] = invoice_list()
    person = MembershipFactory(
        status="canceled",
        stripe_customer_id="cus_Lapsed",
        stripe_subscription_id="sub_3",
        current_period_end=timezone.now() - timedelta(days=12),
    ).user
    html = page(client, person)
    assert "Access ended" in html
    assert ">Renew</a>" in html and join_links(html) == 1


def test_someone_without_a_membership_is_shown_the_plans(client, signed_up):
    html = page(client, signed_up)
    assert "You have no membership yet." in html
    assert ">See plans</a>" in html


def test_the_billing_page_is_for_signed_in_people(client):
    response = client.get(BILLING)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
