"""The admins' membership tools in Wagtail: plans, memberships and complimentary
grants, the webhook event log and metrics; nobody else may open them."""

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from memberships.models import Membership, Plan, StripeEvent
from tests.community.factories import MembershipFactory, PlanFactory, UserFactory

pytestmark = pytest.mark.django_db

PLANS = "/cms/memberships/plans/"
MEMBERS = "/cms/memberships/members/"
GRANT = "/cms/memberships/members/grant/"
EVENTS = "/cms/memberships/stripe-events/"
METRICS = "/cms/memberships/metrics/"


def make_event(**kwargs) -> StripeEvent:
    number = StripeEvent.objects.count() + 1
    values = {
        "event_id": f"evt_test{number}",
        "type": "customer.subscription.updated",
        "stripe_created": timezone.now(),
        "payload": {"id": f"evt_test{number}", "data": {"object": {"id": "sub_1"}}},
    }
    return StripeEvent.objects.create(**{**values, **kwargs})


def texts(response) -> str:
    return response.content.decode()


def message_texts(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


@pytest.fixture
def plan(db):
    return PlanFactory()


@pytest.fixture
def event(db):
    return make_event(
        outcome=StripeEvent.Outcome.FAILED,
        attempts=2,
        error="Traceback (most recent call last):\n  KeyError: 'customer'",
    )


@pytest.fixture
def comp_member(db):
    return MembershipFactory(
        status=Membership.Status.NONE,
        current_period_end=None,
        comp_granted_at=timezone.now(),
        comp_note="Scholarship",
    )


@pytest.fixture
def as_admin(client, site_admin):
    client.force_login(site_admin)
    return client


@pytest.fixture
def tool_urls(plan, event, comp_member):
    """Every page and action of the tools, with the method a user would use."""
    return [
        ("get", PLANS),
        ("get", f"{PLANS}new/"),
        ("get", f"{PLANS}edit/{plan.pk}/"),
        ("get", MEMBERS),
        ("get", f"{MEMBERS}?q=person"),
        ("get", f"{MEMBERS}results/?q=person"),
        ("get", GRANT),
        ("post", f"{MEMBERS}{comp_member.pk}/revoke/"),
        ("get", EVENTS),
        ("get", f"{EVENTS}results/?outcome=failed"),
        ("get", f"{EVENTS}inspect/{event.pk}/"),
        ("post", f"{EVENTS}{event.pk}/process-again/"),
        ("get", METRICS),
    ]


# Who may use the tools -------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [PLANS, f"{PLANS}new/", MEMBERS, GRANT, EVENTS, METRICS],
)
def test_admin_opens_each_membership_tool(as_admin, plan, event, url):
    assert as_admin.get(url).status_code == 200


def test_admin_opens_plan_edit_and_event_inspect_pages(as_admin, plan, event):
    assert as_admin.get(f"{PLANS}edit/{plan.pk}/").status_code == 200
    assert as_admin.get(f"{EVENTS}inspect/{event.pk}/").status_code == 200


@pytest.mark.parametrize("role", ["director", "member", "signed_up"])
def test_director_and_members_cannot_open_or_use_membership_tools(
    client, request, role, tool_urls, comp_member, event, monkeypatch
):
    reprocessed = []
    monkeypatch.setattr(
        "memberships.webhooks.stripe_event_reprocess",
        lambda *, event: reprocessed.append(event),
    )
    client.force_login(request.getfixturevalue(role))
    for method, url in tool_urls:
        response = getattr(client, method)(url)
        assert response.status_code in (302, 403), (role, url)
        if response.status_code == 302:
            assert not response["Location"].startswith("/cms/memberships/"), url
    comp_member.refresh_from_db()
    assert comp_member.comp_granted_at is not None
    assert reprocessed == []


def test_director_cannot_open_membership_tools_and_is_sent_to_the_dashboard(
    client, director, comp_member
):
    client.force_login(director)
    response = client.get(MEMBERS, follow=True)
    assert response.redirect_chain[-1][0] == "/cms/"
    assert comp_member.user.email not in texts(response)


def test_director_cannot_grant_a_complimentary_membership(client, director):
    person = UserFactory()
    client.force_login(director)
    client.post(GRANT, {"email": person.email, "until": "", "note": "Mine"})
    assert not Membership.objects.filter(user=person).exists()


def test_director_cannot_create_a_plan(client, director):
    client.force_login(director)
    client.post(f"{PLANS}new/", plan_form(stripe_price_id="price_director"))
    assert not Plan.objects.exists()


def test_anonymous_visitor_is_sent_to_sign_in(client):
    response = client.get(MEMBERS, follow=True)
    assert response.request["PATH_INFO"] == "/accounts/login/"


def test_memberships_menu_and_dashboard_panel_are_for_admins_only(
    client, site_admin, director
):
    client.force_login(site_admin)
    dashboard = texts(client.get("/cms/"))
    assert MEMBERS in dashboard and METRICS in dashboard
    assert "Monthly recurring revenue" in dashboard

    client.force_login(director)
    dashboard = texts(client.get("/cms/"))
    assert "/cms/memberships/" not in dashboard
    assert "Monthly recurring revenue" not in dashboard


# Plans -----------------------------------------------------------------------------


def plan_form(**overrides) -> dict:
    return {
        "name": "Monthly",
        "description": "Two live sessions a month",
        "stripe_price_id": "price_1Q2w3E4r5T6y",
        "amount": "8900",
        "currency": "usd",
        "interval": "month",
        "active": "on",
        "sort_order": "0",
        **overrides,
    }


def test_admin_creates_a_plan(as_admin):
    response = as_admin.post(f"{PLANS}new/", plan_form())
    assert response.status_code == 302
    plan = Plan.objects.get()
    assert (plan.name, plan.amount, plan.currency) == ("Monthly", 8900, "usd")


def test_admin_edits_a_plan(as_admin, plan):
    response = as_admin.post(
        f"{PLANS}edit/{plan.pk}/",
        plan_form(stripe_price_id=plan.stripe_price_id, name="Monthly (2026)"),
    )
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.name == "Monthly (2026)"


@pytest.mark.parametrize(
    ("field", "value", "error"),
    [
        ("stripe_price_id", "prod_123", "Starts with price_."),
        ("currency", "USD", "Three lower-case letters."),
        ("amount", "0", "greater than or equal to 1"),
    ],
)
def test_invalid_plan_shows_form_errors_and_saves_nothing(
    as_admin, field, value, error
):
    response = as_admin.post(f"{PLANS}new/", plan_form(**{field: value}))
    assert response.status_code == 200
    assert error in str(response.context["form"].errors[field])
    assert not Plan.objects.exists()


def test_plan_with_a_price_id_already_used_shows_a_form_error(as_admin, plan):
    response = as_admin.post(
        f"{PLANS}new/", plan_form(stripe_price_id=plan.stripe_price_id)
    )
    assert response.status_code == 200
    assert "stripe_price_id" in response.context["form"].errors
    assert Plan.objects.count() == 1


def test_plans_cannot_be_deleted_from_wagtail(as_admin, plan):
    as_admin.post(f"{PLANS}delete/{plan.pk}/")
    assert Plan.objects.filter(pk=plan.pk).exists()


# Memberships -----------------------------------------------------------------------


def test_membership_listing_shows_member_state_plan_dates_and_stripe_link(as_admin):
    plan = PlanFactory(name="Monthly circle")
    membership = MembershipFactory(
        plan=plan,
        user=UserFactory(display_name="Dana Reyes", email="dana@example.org"),
        stripe_customer_id="cus_Dana123",
        cancel_at_period_end=True,
    )
    response = as_admin.get(MEMBERS)
    html = texts(response)
    assert "Dana Reyes" in html
    assert "dana@example.org" in html
    assert membership.get_state_display() in html
    assert "Monthly circle" in html
    assert timezone.localtime(membership.current_period_end).strftime("%Y") in html
    assert (
        '<a href="https://dashboard.stripe.com/customers/cus_Dana123" '
        'target="_blank" rel="noopener">Open in Stripe</a>'
    ) in html


def test_membership_listing_has_no_stripe_link_without_a_customer(as_admin, member):
    assert "Open in Stripe" not in texts(as_admin.get(MEMBERS))


def test_membership_listing_filters_by_status(as_admin):
    MembershipFactory(user=UserFactory(email="paying@example.org"))
    MembershipFactory(
        status=Membership.Status.PAST_DUE, user=UserFactory(email="late@example.org")
    )
    html = texts(as_admin.get(MEMBERS, {"status": "past_due"}))
    assert "late@example.org" in html
    assert "paying@example.org" not in html


def test_membership_listing_filters_by_plan(as_admin):
    monthly = PlanFactory(name="Monthly")
    yearly = PlanFactory(name="Yearly", interval=Plan.Interval.YEAR, amount=89000)
    MembershipFactory(plan=monthly, user=UserFactory(email="monthly@example.org"))
    MembershipFactory(plan=yearly, user=UserFactory(email="yearly@example.org"))
    html = texts(as_admin.get(MEMBERS, {"plan": yearly.pk}))
    assert "yearly@example.org" in html
    assert "monthly@example.org" not in html


@pytest.mark.parametrize("query", ["priya@exam", "Priya Shah", "PRIYA"])
def test_membership_listing_searches_by_email_and_display_name(as_admin, query):
    MembershipFactory(
        user=UserFactory(email="priya@example.org", display_name="Priya Shah")
    )
    MembershipFactory(user=UserFactory(email="tomas@example.org", display_name="Tomas"))
    html = texts(as_admin.get(MEMBERS, {"q": query}))
    assert "priya@example.org" in html
    assert "tomas@example.org" not in html


def _listing_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(MEMBERS).status_code == 200
    return len(queries)


def _varied_memberships(count: int, plan: Plan) -> None:
    first = Membership.objects.count()
    for i in range(first, first + count):
        kind = i % 3
        MembershipFactory(
            plan=plan if kind != 2 else None,
            stripe_customer_id=f"cus_{i}" if kind == 0 else None,
            comp_granted_at=timezone.now() if kind == 1 else None,
        )


def test_membership_listing_queries_do_not_grow_with_rows(
    as_admin, plan, django_assert_num_queries
):
    _varied_memberships(3, plan)
    as_admin.get(MEMBERS)  # warm caches (content types, site) first
    with_three = _listing_queries(as_admin)

    _varied_memberships(27, plan)
    with django_assert_num_queries(with_three):
        response = as_admin.get(MEMBERS)
    assert texts(response).count("Open in Stripe") == 10


def test_admin_grants_a_complimentary_membership_until_a_day(as_admin, site_admin):
    person = UserFactory(email="guest@example.org", display_name="Guest Speaker")
    day = timezone.localdate() + timedelta(days=90)
    response = as_admin.post(
        GRANT,
        {"email": "Guest@Example.org", "until": day.isoformat(), "note": "Speaker"},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == MEMBERS
    membership = Membership.objects.get(user=person)
    assert membership.comp_is_active()
    assert membership.comp_note == "Speaker"
    # Access lasts through the chosen day, in the admin's own time zone.
    admin_zone = ZoneInfo(site_admin.time_zone)
    ends = timezone.localtime(membership.comp_until, admin_zone)
    assert (ends.date(), ends.hour, ends.minute) == (day + timedelta(days=1), 0, 0)
    assert any("Guest Speaker" in m for m in message_texts(response))


def test_admin_grants_a_complimentary_membership_without_an_end_date(as_admin, member):
    response = as_admin.post(GRANT, {"email": member.email, "until": "", "note": ""})
    assert response.status_code == 302
    membership = Membership.objects.get(user=member)
    assert membership.comp_granted_at is not None
    assert membership.comp_until is None
    # The paid side is left as Stripe set it.
    assert membership.status == Membership.Status.ACTIVE


def test_granting_to_an_unknown_email_shows_a_form_error_and_keeps_the_input(
    as_admin,
):
    response = as_admin.post(
        GRANT,
        {"email": "nobody@example.org", "until": "", "note": "Scholarship 2026"},
    )
    assert response.status_code == 200
    assert "No account uses this email address" in str(
        response.context["form"].errors["email"]
    )
    html = texts(response)
    assert 'value="nobody@example.org"' in html
    assert 'value="Scholarship 2026"' in html
    assert not Membership.objects.exists()


def test_granting_until_a_past_day_is_refused(as_admin, signed_up):
    # Two days back: a past day in every time zone. An earlier request can leave
    # another zone active in the test's thread (MemberTimezoneMiddleware does not
    # reset it), and near midnight UTC its "yesterday" can be today for the form.
    past_day = timezone.localdate() - timedelta(days=2)
    response = as_admin.post(
        GRANT, {"email": signed_up.email, "until": past_day.isoformat()}
    )
    assert response.status_code == 200
    assert "until" in response.context["form"].errors
    assert not Membership.objects.filter(user=signed_up).exists()


def test_admin_revokes_a_complimentary_membership(as_admin, comp_member):
    response = as_admin.post(
        f"{MEMBERS}{comp_member.pk}/revoke/",
        {"next": f"{MEMBERS}?q=person"},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == f"{MEMBERS}?q=person"
    comp_member.refresh_from_db()
    assert comp_member.comp_granted_at is None
    assert any("revoked" in m for m in message_texts(response))


def test_revoke_button_is_shown_only_for_complimentary_memberships(
    as_admin, comp_member, member
):
    html = texts(as_admin.get(MEMBERS))
    assert html.count("Revoke comp") == 1
    assert f"{MEMBERS}{comp_member.pk}/revoke/" in html


def test_revoke_from_a_filtered_listing_returns_to_that_listing(as_admin, comp_member):
    html = texts(
        as_admin.get(f"{MEMBERS}results/", {"status": "none", "_w_filter_fragment": 1})
    )
    assert f'name="next" value="{MEMBERS}?status=none"' in html


def test_membership_listing_links_to_the_grant_form(as_admin):
    assert f'href="{GRANT}"' in texts(as_admin.get(MEMBERS))


def test_revoking_by_get_does_nothing(as_admin, comp_member):
    response = as_admin.get(f"{MEMBERS}{comp_member.pk}/revoke/")
    assert response.status_code == 405
    comp_member.refresh_from_db()
    assert comp_member.comp_granted_at is not None


def test_memberships_have_no_edit_form_in_wagtail(as_admin, member):
    assert as_admin.get(f"{MEMBERS}edit/{member.membership.pk}/").status_code == 404
    assert as_admin.get(f"{MEMBERS}new/").status_code == 404


# Webhook events --------------------------------------------------------------------


def test_event_log_lists_newest_first_with_truncated_errors(as_admin):
    older = make_event(type="invoice.paid")
    newer = make_event(type="invoice.payment_failed", error="x" * 500)
    StripeEvent.objects.filter(pk=older.pk).update(
        received_at=timezone.now() - timedelta(hours=1)
    )
    html = texts(as_admin.get(EVENTS))
    assert html.index(newer.event_id) < html.index(older.event_id)
    assert "x" * 500 not in html
    assert "x" * 79 + "…" in html


def test_event_log_filters_by_outcome_and_type(as_admin):
    failed = make_event(type="invoice.paid", outcome=StripeEvent.Outcome.FAILED)
    processed = make_event(type="invoice.paid", outcome=StripeEvent.Outcome.PROCESSED)
    other_type = make_event(
        type="customer.subscription.deleted", outcome=StripeEvent.Outcome.FAILED
    )

    html = texts(as_admin.get(EVENTS, {"outcome": "failed"}))
    assert failed.event_id in html and other_type.event_id in html
    assert processed.event_id not in html

    html = texts(as_admin.get(EVENTS, {"outcome": "failed", "type": "invoice.paid"}))
    assert failed.event_id in html
    assert other_type.event_id not in html and processed.event_id not in html


def test_event_inspect_shows_the_pretty_payload_and_the_full_error(as_admin, event):
    response = as_admin.get(f"{EVENTS}inspect/{event.pk}/")
    html = texts(response)
    assert "KeyError: &#x27;customer&#x27;" in html
    assert "Traceback (most recent call last):" in html
    assert "{\n  &quot;id&quot;: &quot;evt_test1&quot;,\n  &quot;data&quot;" in html
    assert "Process again" in html


def test_process_again_calls_the_service_and_returns_to_the_event(
    as_admin, event, monkeypatch
):
    reprocessed = []
    monkeypatch.setattr(
        "memberships.webhooks.stripe_event_reprocess",
        lambda *, event: reprocessed.append(event),
    )
    response = as_admin.post(f"{EVENTS}{event.pk}/process-again/", follow=True)
    assert reprocessed == [event]
    assert response.redirect_chain[-1][0] == f"{EVENTS}inspect/{event.pk}/"
    assert any("processed again" in m for m in message_texts(response))


# Metrics ---------------------------------------------------------------------------


def test_metrics_page_shows_counts_and_recurring_revenue(as_admin):
    monthly = PlanFactory(amount=8900)
    yearly = PlanFactory(name="Yearly", amount=108000, interval=Plan.Interval.YEAR)
    MembershipFactory(plan=monthly)
    MembershipFactory(plan=yearly)
    response = as_admin.get(METRICS)
    assert response.context["metrics"]["active_members"] == 2
    assert "$179.00" in texts(response)


@pytest.mark.parametrize("typed", ["15/13/2027", "next week"])
def test_a_mistyped_last_day_is_refused_and_kept_not_read_as_today(
    as_admin, signed_up, typed
):
    """The field is the browser's own date input (no picker that rewrites it),
    and a day that is not one is an error, with what was typed kept."""
    page = as_admin.get(GRANT).content.decode()
    assert 'type="date" name="until"' in page
    response = as_admin.post(GRANT, {"email": signed_up.email, "until": typed})
    assert response.status_code == 200
    assert "until" in response.context["form"].errors
    assert f'value="{typed}"' in response.content.decode()
    assert not Membership.objects.filter(user=signed_up).exists()
