"""The Join page sells: the plans from the admin with the yearly saving, what
membership includes, something to click for every visitor ("Renew" for a lapsed
member), and, while online payment is off, a "Request access" form that tells
the admins. Never the site's configuration."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from memberships.models import AccessRequest, Plan
from tests.community.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

JOIN = "/join/"
REQUEST = "/join/request-access/"
REQUESTS = "/cms/memberships/access-requests/"
OPERATOR_WORDS = ("STRIPE", "webhook", "environment", "installation", "operator")


def page(client) -> str:
    response = client.get(JOIN)
    assert response.status_code == 200
    return response.content.decode()


def form(**overrides) -> dict:
    return {
        "name": "Ana Lima",
        "email": "ana@example.org",
        "note": "Couples therapist in Porto, ten years in practice.",
        **overrides,
    }


@pytest.fixture
def lapsed_user(db):
    return MembershipFactory(
        status="canceled",
        current_period_end=timezone.now() - timedelta(days=12),
        stripe_customer_id="cus_Lapsed",
        stripe_subscription_id="sub_old",
    ).user


# What everyone sees -------------------------------------------------------------


@pytest.mark.parametrize("billing_on", [False, True])
def test_the_page_shows_plans_prices_the_yearly_saving_and_what_is_included(
    client, plans, billing_on, settings
):
    settings.STRIPE_SECRET_KEY = "sk_test_fake" if billing_on else ""
    html = page(client)
    assert "$89 per month" in html and "$890 per year" in html
    # 12 × $89 = $1,068; the yearly plan saves $178, 17 %, $74.17 a month.
    assert "Save $178" in html and "17%" in html and "$74.17 a month" in html
    assert "What membership includes" in html
    for word in OPERATOR_WORDS:
        assert word not in html, word


def test_the_saving_is_computed_from_the_plans_in_the_admin(client, plans):
    plans["monthly"].amount = 10000
    plans["monthly"].save()
    html = page(client)
    assert "Save $310" in html  # 12 × $100 − $890


def test_a_yearly_plan_without_a_monthly_one_claims_no_saving(client):
    Plan.objects.create(
        name="Yearly", stripe_price_id="price_y", amount=89000, interval="year"
    )
    html = page(client)
    assert "$890 per year" in html
    assert "Save" not in html


def test_inactive_plans_are_not_offered(client, plans):
    plans["yearly"].active = False
    plans["yearly"].save()
    html = page(client)
    assert "$890 per year" not in html and "Save $" not in html


# Billing on: something to click for everyone --------------------------------------


def test_a_visitor_is_offered_an_account_to_join(client, plans, fake_stripe):
    html = page(client)
    assert "Create an account to join" in html
    assert "Request access" not in html


def test_a_signed_in_visitor_can_join_each_plan(client, signed_up, plans, fake_stripe):
    client.force_login(signed_up)
    html = page(client)
    assert "Join with monthly" in html and "Join with yearly" in html
    assert html.count('action="/join/checkout/"') == 2


def test_a_lapsed_member_sees_renew(client, lapsed_user, plans, fake_stripe):
    client.force_login(lapsed_user)
    html = page(client)
    assert "Renew your membership" in html
    assert "Renew with monthly" in html and "Renew with yearly" in html
    assert "Join with" not in html


def test_a_lapsed_member_sees_renew_on_the_request_form_when_billing_is_off(
    client, lapsed_user, plans
):
    client.force_login(lapsed_user)
    html = page(client)
    assert "Renew your membership" in html and "Ask to renew" in html


def test_the_request_form_is_closed_while_billing_is_on(client, plans, fake_stripe):
    response = client.post(REQUEST, form())
    assert response.status_code == 302
    assert not AccessRequest.objects.exists()


# Billing off: "Request access" ------------------------------------------------------


def test_without_billing_there_is_a_request_form_and_no_checkout(client, plans):
    html = page(client)
    assert "Request access" in html
    assert f'action="{REQUEST}#request-access"' in html
    assert "/join/checkout/" not in html


def test_the_form_is_filled_in_for_a_signed_in_visitor(client, plans):
    user = UserFactory(display_name="Bea Costa", email="bea@example.org")
    client.force_login(user)
    html = page(client)
    assert 'value="bea@example.org"' in html


def test_a_visitor_requests_access_and_the_admins_are_told(
    client, plans, site_admin, director
):
    mail.outbox.clear()
    response = client.post(REQUEST, form(), follow=True)
    # The thanks stand where the form was (the page opens at #request-access).
    assert response.redirect_chain[-1][0] == f"{JOIN}?requested=1#request-access"
    html = response.content.decode()
    card = html.split('id="request-access"', 1)[1]
    assert "Your request is with the admins" in card
    assert "<form" not in card.split("</section>", 1)[0]
    stored = AccessRequest.objects.get()
    assert (stored.name, stored.email, stored.user) == (
        "Ana Lima",
        "ana@example.org",
        None,
    )
    [email] = mail.outbox
    assert email.to == [site_admin.email]  # admins only, not the director
    assert "Ana Lima" in email.subject
    assert REQUESTS in email.body
    assert "Porto" not in email.body  # the note stays on the site
    assert "signs up with this address first" in email.body


def test_a_signed_in_request_is_tied_to_the_account(client, signed_up, plans):
    client.force_login(signed_up)
    client.post(REQUEST, form(email=signed_up.email))
    assert AccessRequest.objects.get().user == signed_up


def test_a_request_with_a_bad_address_is_a_400_with_a_message(client, plans):
    mail.outbox.clear()
    response = client.post(REQUEST, form(email="not-an-address", name="  "))
    assert response.status_code == 400
    html = response.content.decode()
    assert "There is a problem" in html
    assert "Please tell us your name." in html or "This field is required" in html
    assert not AccessRequest.objects.exists()
    assert mail.outbox == []


def test_requests_are_rate_limited_per_address(client, plans, site_admin):
    for _ in range(3):
        assert client.post(REQUEST, form()).status_code == 302
    response = client.post(REQUEST, form())
    assert response.status_code == 429
    assert "Please wait an hour" in response.content.decode()
    assert AccessRequest.objects.count() == 3


def test_the_request_form_needs_its_csrf_token(plans):
    client = Client(enforce_csrf_checks=True)
    assert client.post(REQUEST, form()).status_code == 403
    html = client.get(JOIN).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    response = client.post(REQUEST, {**form(), "csrfmiddlewaretoken": token})
    assert response.status_code == 302


def test_the_request_url_takes_posts_only(client):
    assert client.get(REQUEST).status_code == 405


# The admins' list -------------------------------------------------------------------


def test_admins_see_requests_with_a_link_to_grant(client, site_admin, plans):
    person = UserFactory(email="ana@example.org")
    client.post(REQUEST, form())
    client.post(REQUEST, form(name="Carl Dias", email="carl@example.org"))
    client.force_login(site_admin)
    html = client.get(REQUESTS).content.decode()
    assert "Ana Lima" in html and "Couples therapist in Porto" in html
    assert "/cms/memberships/members/grant/?email=ana%40example.org" in html
    assert "No account yet" in html  # Carl has not signed up
    grant = client.get("/cms/memberships/members/grant/", {"email": person.email})
    assert 'value="ana@example.org"' in grant.content.decode()


def test_the_requests_list_is_for_admins_only(client, director, member):
    AccessRequest.objects.create(name="Ana", email="ana@example.org")
    for user in (director, member):
        client.force_login(user)
        response = client.get(REQUESTS)
        assert response.status_code in (302, 403), user
        assert b"ana@example.org" not in response.content


def test_a_persons_requests_are_in_their_export_and_go_with_their_account(db):
    from memberships.data_rights import erase_access_requests, export_access_requests

    person = UserFactory(email="ana@example.org")
    AccessRequest.objects.create(name="Ana", email="ANA@example.org", note="Porto")
    AccessRequest.objects.create(name="Someone else", email="other@example.org")
    section, data = export_access_requests(user=person)
    assert section == "access_requests"
    assert [r["note"] for r in data] == ["Porto"]
    erase_access_requests(user=person)
    assert list(AccessRequest.objects.values_list("email", flat=True)) == [
        "other@example.org"
    ]


def test_the_requests_list_shows_when_in_the_admins_own_time_zone(client, site_admin):
    from datetime import UTC, datetime

    request = AccessRequest.objects.create(name="Ana", email="ana@example.org")
    AccessRequest.objects.filter(pk=request.pk).update(
        created_at=datetime(2026, 12, 4, 3, 1, tzinfo=UTC)
    )
    site_admin.time_zone = "Europe/Stockholm"
    site_admin.save(update_fields=["time_zone"])
    client.force_login(site_admin)
    html = client.get(REQUESTS).content.decode()
    assert "4 Dec 2026, 04:01 CET" in html


def test_the_requests_list_reads_the_accounts_once_for_the_page(client, site_admin):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries_with(rows: int) -> int:
        AccessRequest.objects.all().delete()
        for n in range(rows):
            UserFactory(email=f"person{rows}-{n}@example.org")
            AccessRequest.objects.create(
                name=f"P{n}", email=f"PERSON{rows}-{n}@example.org"
            )
        client.force_login(site_admin)
        with CaptureQueriesContext(connection) as queries:
            html = client.get(REQUESTS).content.decode()
        assert html.count("/cms/memberships/members/grant/?email=person") == rows
        return len(queries)

    assert queries_with(3) == queries_with(30)
