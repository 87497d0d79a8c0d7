"""Join with Stripe Checkout, manage billing in the portal, and the edge cases."""

import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.db.models.query import QuerySet
from django.test import Client
from django.utils import timezone

from community.access import has_member_access
from community.models import User
from memberships import services, stripe_api
from memberships.models import Membership, Plan
from tests.community.factories import MembershipFactory, UserFactory
from tests.memberships import stripe_fakes as fake

pytestmark = pytest.mark.django_db

CHECKOUT_URL = "https://checkout.stripe.com/c/pay/cs_test_abc"
PORTAL_URL = "https://billing.stripe.com/p/session/test_abc"


@pytest.fixture
def stripe_http(settings, monkeypatch):
    settings.STRIPE_SECRET_KEY = "sk_test_fake"
    http = fake.FakeStripeHTTP()
    http.responses[("POST", "/v1/customers")] = {
        "id": "cus_TestNew",
        "object": "customer",
    }
    http.responses[("POST", "/v1/checkout/sessions")] = {
        "id": "cs_test_abc",
        "object": "checkout.session",
        "url": CHECKOUT_URL,
    }
    # The same session read back: still open, for the plan it was made for.
    http.responses[("GET", "/v1/checkout/sessions/cs_test_abc")] = {
        "id": "cs_test_abc",
        "object": "checkout.session",
        "status": "open",
        "url": CHECKOUT_URL,
        "metadata": {"price_id": "price_monthly"},
    }
    http.responses[("POST", "/v1/checkout/sessions/cs_test_abc/expire")] = {
        "id": "cs_test_abc",
        "object": "checkout.session",
        "status": "expired",
    }
    http.responses[("POST", "/v1/billing_portal/sessions")] = {
        "id": "bps_test",
        "object": "billing_portal.session",
        "url": PORTAL_URL,
    }
    monkeypatch.setattr(stripe_api, "HTTP_CLIENT", http)
    return http


@pytest.fixture
def plan(db):
    return Plan.objects.create(
        name="Monthly", stripe_price_id="price_monthly", amount=8900
    )


def fresh(user):
    return User.objects.select_related("membership").get(pk=user.pk)


def test_join_lists_active_plans_only(client, signed_up, stripe_http, plan):
    Plan.objects.create(
        name="Old plan", stripe_price_id="price_old", amount=5000, active=False
    )
    client.force_login(signed_up)
    html = client.get("/join/").content.decode()
    assert "Monthly" in html and "$89 per month" in html
    assert "Old plan" not in html


def test_join_offers_to_request_access_without_keys(client, signed_up, plan):
    """Issue #19: no operator instructions for the public, a form instead."""
    client.force_login(signed_up)
    html = client.get("/join/").content.decode()
    assert "Request access" in html
    assert "STRIPE_SECRET_KEY" not in html
    response = client.post("/join/checkout/", {"plan": plan.pk})
    assert response["Location"] == "/join/"


def test_visitor_is_asked_to_create_an_account_first(client, stripe_http, plan):
    html = client.get("/join/").content.decode()
    assert "First, create your account" in html
    response = client.post("/join/checkout/", {"plan": plan.pk})
    assert response["Location"].startswith("/accounts/login/")


def test_checkout_creates_the_customer_once_and_sends_the_user_to_stripe(
    client, signed_up, stripe_http, plan
):
    client.force_login(signed_up)
    response = client.post("/join/checkout/", {"plan": plan.pk})
    assert response.status_code == 303
    assert response["Location"] == CHECKOUT_URL
    assert fresh(signed_up).membership.stripe_customer_id == "cus_TestNew"

    _, _, params, headers = stripe_http.calls[-1]
    assert params["mode"] == ["subscription"]
    assert params["customer"] == ["cus_TestNew"]
    assert params["client_reference_id"] == [str(signed_up.pk)]
    assert params["line_items[0][price]"] == ["price_monthly"]
    assert params["subscription_data[metadata][user_id]"] == [str(signed_up.pk)]
    assert params["success_url"][0].endswith(
        "/join/success/?session_id={CHECKOUT_SESSION_ID}"
    )
    customer_call = stripe_http.calls[0]
    assert (
        customer_call[3].get("Idempotency-Key") == f"customer-for-user-{signed_up.pk}"
    )

    # Back without paying, then again: the same customer is reused.
    client.post("/join/checkout/", {"plan": plan.pk})
    assert stripe_http.paths("POST").count("/v1/customers") == 1


def test_member_with_a_live_subscription_goes_to_billing_not_a_second_checkout(
    client, stripe_http, plan
):
    user = MembershipFactory(
        status="active", stripe_customer_id="cus_Live", stripe_subscription_id="sub_1"
    ).user
    client.force_login(user)
    html = client.get("/join/").content.decode()
    assert "Manage billing" in html
    response = client.post("/join/checkout/", {"plan": plan.pk}, follow=True)
    assert response.redirect_chain[-1][0] == "/account/billing/"
    assert "You already have a membership" in response.content.decode()
    assert "/v1/checkout/sessions" not in stripe_http.paths()


def test_a_live_subscription_at_stripe_we_have_not_heard_of_prevents_a_second_one(
    client, stripe_http, plan
):
    """The webhook of the first Checkout is late; Stripe already bills."""
    user = MembershipFactory(status="none", stripe_customer_id="cus_Paid").user
    stripe_http.stripe_has(fake.subscription(customer="cus_Paid", status="trialing"))
    client.force_login(user)
    response = client.post("/join/checkout/", {"plan": plan.pk}, follow=True)
    assert response.redirect_chain[-1][0] == "/account/billing/"
    assert "You already have a membership" in response.content.decode()
    assert ("GET", "/v1/subscriptions") in [(m, p) for m, p, _, _ in stripe_http.calls]
    assert "/v1/checkout/sessions" not in stripe_http.paths("POST")


def test_a_canceled_subscription_at_stripe_does_not_prevent_joining_again(
    client, stripe_http, plan
):
    user = MembershipFactory(status="canceled", stripe_customer_id="cus_Gone").user
    stripe_http.stripe_has(fake.subscription(customer="cus_Gone", status="canceled"))
    client.force_login(user)
    response = client.post("/join/checkout/", {"plan": plan.pk})
    assert response["Location"] == CHECKOUT_URL


def test_a_double_submit_makes_one_checkout_session(
    client, signed_up, stripe_http, plan
):
    client.force_login(signed_up)
    first = client.post("/join/checkout/", {"plan": plan.pk})
    second = client.post("/join/checkout/", {"plan": plan.pk})
    assert first["Location"] == second["Location"] == CHECKOUT_URL
    assert stripe_http.paths("POST").count("/v1/checkout/sessions") == 1


def test_another_plan_in_a_second_tab_replaces_the_open_session(
    client, signed_up, stripe_http, plan
):
    yearly = Plan.objects.create(
        name="Yearly", stripe_price_id="price_yearly", amount=89000, interval="year"
    )
    client.force_login(signed_up)
    client.post("/join/checkout/", {"plan": plan.pk})
    client.post("/join/checkout/", {"plan": yearly.pk})
    posts = stripe_http.paths("POST")
    # The first session can no longer be paid: one subscription at most.
    assert "/v1/checkout/sessions/cs_test_abc/expire" in posts
    assert posts.count("/v1/checkout/sessions") == 2
    assert stripe_http.calls[-1][2]["line_items[0][price]"] == ["price_yearly"]


def test_a_completed_session_is_not_offered_again(client, signed_up, stripe_http, plan):
    client.force_login(signed_up)
    client.post("/join/checkout/", {"plan": plan.pk})
    stripe_http.responses[("GET", "/v1/checkout/sessions/cs_test_abc")] = {
        "id": "cs_test_abc",
        "object": "checkout.session",
        "status": "complete",
        "url": None,
        "metadata": {"price_id": "price_monthly"},
    }
    response = client.post("/join/checkout/", {"plan": plan.pk}, follow=True)
    assert response.redirect_chain[-1][0] == "/account/billing/"
    assert stripe_http.paths("POST").count("/v1/checkout/sessions") == 1


@pytest.mark.django_db(transaction=True)
def test_two_checkouts_at_once_make_one_checkout_session(stripe_http, plan):
    """Two tabs submitted together: the row lock lets one through at a time."""
    user = UserFactory()
    barrier = threading.Barrier(2)
    locations = []

    def submit():
        browser = Client()
        browser.force_login(user)
        barrier.wait()
        locations.append(browser.post("/join/checkout/", {"plan": plan.pk}))
        connection.close()

    threads = [threading.Thread(target=submit) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert [r["Location"] for r in locations] == [CHECKOUT_URL, CHECKOUT_URL]
    assert stripe_http.paths("POST").count("/v1/checkout/sessions") == 1
    assert stripe_http.paths("POST").count("/v1/customers") == 1


def test_lapsed_member_can_join_again(client, stripe_http, plan):
    user = MembershipFactory(
        status="canceled",
        current_period_end=timezone.now() - timedelta(days=3),
        stripe_customer_id="cus_Old",
        stripe_subscription_id="sub_old",
    ).user
    client.force_login(user)
    html = client.get("/join/").content.decode()
    assert "no longer gives access" in html
    response = client.post("/join/checkout/", {"plan": plan.pk})
    assert response["Location"] == CHECKOUT_URL
    assert "/v1/customers" not in stripe_http.paths()  # the old customer is reused
    assert stripe_http.calls[-1][2]["customer"] == ["cus_Old"]


def test_unknown_or_inactive_plan_is_a_400_with_a_message(
    client, signed_up, stripe_http, plan
):
    client.force_login(signed_up)
    for value in ["999999", "not-a-number", ""]:
        response = client.post("/join/checkout/", {"plan": value})
        assert response.status_code == 400
        assert "Please choose one of the plans" in response.content.decode()
    assert stripe_http.calls == []


def test_stripe_error_during_join_shows_a_friendly_page_and_changes_nothing(
    client, signed_up, stripe_http, plan
):
    stripe_http.responses[("POST", "/v1/customers")] = 400
    client.force_login(signed_up)
    response = client.post("/join/checkout/", {"plan": plan.pk})
    assert response.status_code == 502
    assert "Nothing was charged" in response.content.decode()
    membership = Membership.objects.filter(user=signed_up).first()
    assert membership is None or not membership.stripe_customer_id


def test_manage_billing_opens_the_portal(client, stripe_http):
    user = MembershipFactory(stripe_customer_id="cus_Portal").user
    client.force_login(user)
    response = client.post("/account/billing/portal/")
    assert response.status_code == 303
    assert response["Location"] == PORTAL_URL
    _, path, params, _ = stripe_http.calls[-1]
    assert path == "/v1/billing_portal/sessions"
    assert params["customer"] == ["cus_Portal"]
    assert params["return_url"] == ["http://testserver/account/billing/"]


def test_manage_billing_without_a_customer_goes_to_join(client, signed_up, stripe_http):
    client.force_login(signed_up)
    response = client.post("/account/billing/portal/")
    assert response["Location"] == "/join/"
    assert stripe_http.calls == []


def test_stripe_error_on_manage_billing_is_friendly(client, stripe_http):
    stripe_http.responses[("POST", "/v1/billing_portal/sessions")] = 500
    stripe_http_retries_off(stripe_http)
    user = MembershipFactory(stripe_customer_id="cus_Portal").user
    client.force_login(user)
    response = client.post("/account/billing/portal/")
    assert response.status_code == 502


def stripe_http_retries_off(http):
    # Stripe's client retries 5xx answers with a pause; the test needs no pause.
    http._sleep_time_seconds = lambda *args, **kwargs: 0


def test_billing_page_shows_plan_status_renewal_and_cancellation(client, plan):
    renews = timezone.now() + timedelta(days=12)
    user = MembershipFactory(
        status="active",
        plan=plan,
        current_period_end=renews,
        cancel_at_period_end=True,
        stripe_customer_id="cus_1",
        stripe_subscription_id="sub_1",
    ).user
    client.force_login(user)
    html = client.get("/account/billing/").content.decode()
    assert "Active" in html and "Monthly" in html
    assert "Access ends" in html
    assert "Cancels at the end of the period" in html


def test_billing_page_shows_the_grace_notice_when_past_due(client):
    user = MembershipFactory(status="past_due", past_due_since=timezone.now()).user
    client.force_login(user)
    html = client.get("/account/billing/").content.decode()
    assert "Your last payment did not go through" in html


def test_success_page_confirms_with_stripe_and_opens_the_dashboard(
    client, signed_up, stripe_http, plan
):
    sub = fake.subscription(customer="cus_TestNew")
    session = fake.checkout_session(
        customer="cus_TestNew", user_id=signed_up.pk, subscription_obj=sub
    )
    session["subscription"] = sub  # expanded, as requested
    stripe_http.responses[("GET", f"/v1/checkout/sessions/{session['id']}")] = session
    client.force_login(signed_up)
    response = client.get(f"/join/success/?session_id={session['id']}", follow=True)
    assert response.redirect_chain[-1][0] == "/"
    assert "Your membership is active" in response.content.decode()
    assert has_member_access(fresh(signed_up))


def test_success_page_does_not_trust_someone_elses_session(
    client, signed_up, stripe_http, plan
):
    other = UserFactory()
    sub = fake.subscription(customer="cus_Other")
    session = fake.checkout_session(
        customer="cus_Other", user_id=other.pk, subscription_obj=sub
    )
    session["subscription"] = sub
    stripe_http.responses[("GET", f"/v1/checkout/sessions/{session['id']}")] = session
    client.force_login(signed_up)
    response = client.get(f"/join/success/?session_id={session['id']}", follow=True)
    assert "Activating your membership" in response.content.decode()
    assert not has_member_access(fresh(signed_up))
    assert not has_member_access(fresh(other))


def test_success_page_waits_when_stripe_has_not_confirmed(client, signed_up):
    client.force_login(signed_up)
    response = client.get("/join/success/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Activating your membership" in html
    assert '<meta http-equiv="refresh" content="3">' in html


def test_success_page_survives_a_stripe_outage(client, signed_up, stripe_http):
    client.force_login(signed_up)
    response = client.get("/join/success/?session_id=cs_test_missing", follow=True)
    assert response.status_code == 200
    assert "Activating your membership" in response.content.decode()


def test_the_success_page_syncs_under_the_membership_row_lock(
    client, signed_up, stripe_http, plan, monkeypatch
):
    """The webhook handlers, comp grants and this page share one lock helper."""
    locked = []
    original_lock = services.membership_lock
    original_select_for_update = QuerySet.select_for_update

    def spy_lock(**kwargs):
        locked.append(kwargs)
        return original_lock(**kwargs)

    def spy_select_for_update(queryset, *args, **kwargs):
        if queryset.model is Membership:
            locked.append("select_for_update")
        return original_select_for_update(queryset, *args, **kwargs)

    monkeypatch.setattr(services, "membership_lock", spy_lock)
    monkeypatch.setattr(QuerySet, "select_for_update", spy_select_for_update)
    sub = fake.subscription(customer="cus_TestNew")
    session = fake.checkout_session(
        customer="cus_TestNew", user_id=signed_up.pk, subscription_obj=sub
    )
    session["subscription"] = sub
    stripe_http.responses[("GET", f"/v1/checkout/sessions/{session['id']}")] = session
    client.force_login(signed_up)
    client.get(f"/join/success/?session_id={session['id']}")
    assert locked == [{"user": signed_up}, "select_for_update"]
    assert has_member_access(fresh(signed_up))


@pytest.mark.django_db(transaction=True)
def test_the_success_page_waits_for_a_webhook_holding_the_lock(stripe_http, plan):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite has no row locks; it serialises writers instead")
    from django.db import transaction

    user = UserFactory()
    Membership.objects.create(user=user)
    sub = fake.subscription(customer="cus_TestNew")
    session = fake.checkout_session(
        customer="cus_TestNew", user_id=user.pk, subscription_obj=sub
    )
    session["subscription"] = sub
    stripe_http.responses[("GET", f"/v1/checkout/sessions/{session['id']}")] = session
    held, finished = threading.Event(), []

    def webhook_worker():
        with transaction.atomic():
            services.membership_lock(user=user)
            held.set()
            threading.Event().wait(0.5)
            finished.append("webhook")
        connection.close()

    def success_page():
        held.wait(timeout=5)
        browser = Client()
        browser.force_login(user)
        browser.get(f"/join/success/?session_id={session['id']}")
        finished.append("page")
        connection.close()

    threads = [
        threading.Thread(target=webhook_worker),
        threading.Thread(target=success_page),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert finished == ["webhook", "page"]
    assert has_member_access(fresh(user))


def test_deleting_an_account_cancels_its_live_subscription(client, stripe_http):
    from tests.community.factories import PASSWORD

    stripe_http.responses[("DELETE", "/v1/subscriptions/sub_Live")] = {
        "id": "sub_Live",
        "object": "subscription",
        "status": "canceled",
    }
    user = MembershipFactory(
        status="active", stripe_customer_id="cus_L", stripe_subscription_id="sub_Live"
    ).user
    client.force_login(user)
    response = client.post("/account/delete/", {"password": PASSWORD, "confirm": "on"})
    assert response.status_code == 302
    assert ("DELETE", "/v1/subscriptions/sub_Live") in [
        (m, p) for m, p, _, _ in stripe_http.calls
    ]
    membership = Membership.objects.get(user=user)
    assert membership.status == "canceled"
    assert fresh(user).deleted_at is not None


def test_account_is_not_deleted_while_stripe_cannot_cancel_the_subscription(
    client, stripe_http
):
    from tests.community.factories import PASSWORD

    stripe_http.responses[("DELETE", "/v1/subscriptions/sub_Live")] = 400
    user = MembershipFactory(
        status="active", stripe_customer_id="cus_L", stripe_subscription_id="sub_Live"
    ).user
    client.force_login(user)
    response = client.post("/account/delete/", {"password": PASSWORD, "confirm": "on"})
    assert response.status_code == 400
    assert "could not cancel your subscription" in response.content.decode()
    user = fresh(user)
    assert user.deleted_at is None and user.is_active
    assert user.membership.status == "active"
