"""Each number on the metrics page agrees with the members list it summarises:
the test counts the number on the page and the rows of the list it links to."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from memberships.metrics import FIGURES, membership_metrics
from memberships.models import Membership
from tests.community.factories import MembershipFactory

pytestmark = pytest.mark.django_db

Status = Membership.Status
MEMBERS = "/cms/memberships/members/"
METRICS = "/cms/memberships/metrics/"
DAY = timedelta(days=1)


@pytest.fixture
def as_admin(client, site_admin):
    client.force_login(site_admin)
    return client


@pytest.fixture
def varied(db):
    now = timezone.now()
    return {
        # Canceled 40 days ago at period end; the paid period ran out 12 days ago
        # (the demo's lapsed member has no ``ended_at`` at all).
        "lapsed_12_days": MembershipFactory(
            status=Status.CANCELED, current_period_end=now - 12 * DAY, ended_at=None
        ),
        "canceled_recorded_long_ago": MembershipFactory(
            status=Status.CANCELED,
            current_period_end=now - 5 * DAY,
            ended_at=now - 40 * DAY,
        ),
        "canceled_still_paid_up": MembershipFactory(
            status=Status.CANCELED, current_period_end=now + 5 * DAY
        ),
        "ended_long_ago": MembershipFactory(
            status=Status.CANCELED,
            current_period_end=now - 45 * DAY,
            ended_at=now - 45 * DAY,
        ),
        "comp_ran_out": MembershipFactory(
            status=Status.NONE,
            current_period_end=None,
            comp_granted_at=now - 60 * DAY,
            comp_until=now - 2 * DAY,
        ),
        "lapsed_but_comped": MembershipFactory(
            status=Status.CANCELED,
            current_period_end=now - 3 * DAY,
            comp_granted_at=now - DAY,
        ),
        "new": MembershipFactory(status=Status.ACTIVE, started_at=now - 3 * DAY),
        "old": MembershipFactory(status=Status.ACTIVE, started_at=now - 90 * DAY),
        "twice": MembershipFactory(
            stripe_subscription_id="sub_A", second_subscription_id="sub_B"
        ),
    }


def listed(client, figure: str) -> int:
    response = client.get(MEMBERS, {"figure": figure})
    assert response.status_code == 200
    return response.context["page_obj"].paginator.count


def shown(html: str, figure: str) -> int:
    link = rf'href="{MEMBERS}\?figure={figure}"[^>]*>(?:<strong>)?(\d+)'
    match = re.search(link, html)
    assert match, f"no link for {figure}"
    return int(match.group(1))


def test_every_figure_on_the_metrics_page_is_the_size_of_its_list(as_admin, varied):
    html = as_admin.get(METRICS).content.decode()
    for figure in FIGURES:
        assert shown(html, figure) == listed(as_admin, figure), figure


def test_a_membership_that_lapsed_12_days_ago_counts_as_ended(as_admin, varied):
    assert membership_metrics()["churned_last_30_days"] == 3
    html = as_admin.get(MEMBERS, {"figure": "churned_last_30_days"}).content.decode()
    for name in ("lapsed_12_days", "canceled_recorded_long_ago", "comp_ran_out"):
        assert varied[name].user.email in html, name
    for name in ("canceled_still_paid_up", "ended_long_ago", "lapsed_but_comped"):
        assert varied[name].user.email not in html, name


def test_the_dashboard_panel_links_its_numbers_to_the_lists(as_admin, varied):
    html = as_admin.get("/cms/").content.decode()
    assert shown(html, "churned_last_30_days") == listed(
        as_admin, "churned_last_30_days"
    )


def test_an_unknown_figure_is_refused_politely(as_admin, varied):
    response = as_admin.get(MEMBERS, {"figure": "nonsense"})
    assert response.status_code == 200  # the filter form shows its error
    assert response.context["page_obj"].paginator.count == len(varied)


def test_the_figure_filter_is_for_admins_only(client, director, varied):
    client.force_login(director)
    response = client.get(MEMBERS, {"figure": "active_members"})
    assert response.status_code in (302, 403)
