"""Membership metrics: access counts from the one access rule, revenue per month."""

from datetime import timedelta

import pytest
from django.utils import timezone

from memberships.metrics import membership_metrics
from memberships.models import Membership, Plan
from memberships.money import format_money
from memberships.rules import membership_grants_access
from tests.community.factories import MembershipFactory, PlanFactory

pytestmark = pytest.mark.django_db

Status = Membership.Status


@pytest.fixture
def now():
    return timezone.now()


@pytest.fixture
def mixed_memberships(now, settings):
    """One membership in each state the metrics tell apart."""
    settings.MEMBERSHIP_GRACE_DAYS = 7
    monthly = PlanFactory()
    yearly = PlanFactory(name="Yearly", amount=96000, interval=Plan.Interval.YEAR)
    euro = PlanFactory(name="Euro", amount=7900, currency="eur")
    day = timedelta(days=1)
    return {
        "active": MembershipFactory(
            status=Status.ACTIVE, plan=monthly, started_at=now - 10 * day
        ),
        "active_yearly": MembershipFactory(
            status=Status.ACTIVE, plan=yearly, started_at=now - 40 * day
        ),
        "active_euro": MembershipFactory(
            status=Status.ACTIVE, plan=euro, started_at=now - 200 * day
        ),
        "trialing": MembershipFactory(
            status=Status.TRIALING, plan=monthly, started_at=now - 2 * day
        ),
        "past_due_in_grace": MembershipFactory(
            status=Status.PAST_DUE, plan=monthly, past_due_since=now - 2 * day
        ),
        "past_due_after_grace": MembershipFactory(
            status=Status.PAST_DUE, plan=monthly, past_due_since=now - 10 * day
        ),
        "canceled_still_paid_up": MembershipFactory(
            status=Status.CANCELED,
            plan=monthly,
            current_period_end=now + 5 * day,
        ),
        "canceled_and_ended": MembershipFactory(
            status=Status.CANCELED,
            plan=monthly,
            current_period_end=now - 5 * day,
            ended_at=now - 5 * day,
        ),
        "ended_long_ago": MembershipFactory(
            status=Status.CANCELED,
            current_period_end=now - 45 * day,
            ended_at=now - 45 * day,
        ),
        "comp": MembershipFactory(
            status=Status.NONE, comp_granted_at=now - day, comp_until=None
        ),
        "comp_expired": MembershipFactory(
            status=Status.NONE,
            comp_granted_at=now - 60 * day,
            comp_until=now - day,
        ),
        "comp_beside_lapsed_subscription": MembershipFactory(
            status=Status.CANCELED,
            current_period_end=now - 3 * day,
            ended_at=now - 3 * day,
            comp_granted_at=now - day,
            comp_until=now + 30 * day,
        ),
    }


def test_metrics_count_each_state_the_way_the_access_rule_does(now, mixed_memberships):
    metrics = membership_metrics(now=now)

    assert metrics["active_members"] == 8
    assert metrics["active_members"] == sum(
        membership_grants_access(m, now=now) for m in mixed_memberships.values()
    )
    assert metrics["comp_members"] == 2
    assert metrics["new_last_30_days"] == 2
    assert metrics["churned_last_30_days"] == 2


def test_recurring_revenue_counts_billed_subscriptions_and_a_twelfth_of_yearly_plans(
    now, mixed_memberships
):
    # Active: 8900 + 96000 / 12; overdue (in grace or not, Stripe still bills):
    # 2 × 8900. Trials, cancellations and complimentary grants bring in nothing.
    assert membership_metrics(now=now)["mrr"] == {
        "eur": 7900,
        "usd": 8900 + 8000 + 2 * 8900,
    }


def test_metrics_are_empty_without_members():
    assert membership_metrics() == {
        "active_members": 0,
        "comp_members": 0,
        "new_last_30_days": 0,
        "churned_last_30_days": 0,
        "two_live_subscriptions": 0,
        "mrr": {},
    }


def test_members_billed_twice_are_counted_and_listed_for_the_admins(now):
    from memberships.metrics import membership_metrics_display

    twice = MembershipFactory(
        stripe_customer_id="cus_Twice",
        stripe_subscription_id="sub_First",
        second_subscription_id="sub_Second",
    )
    MembershipFactory(stripe_customer_id="cus_Once", stripe_subscription_id="sub_1")
    metrics = membership_metrics_display(now=now)
    assert metrics["two_live_subscriptions"] == 1
    assert [m.pk for m in metrics["billed_twice"]] == [twice.pk]


def test_metrics_cost_two_queries_however_many_members(
    now, mixed_memberships, django_assert_num_queries
):
    MembershipFactory.create_batch(10, plan=Plan.objects.first())
    with django_assert_num_queries(2):
        membership_metrics(now=now)


@pytest.mark.parametrize(
    ("amount", "currency", "expected"),
    [
        (17800, "usd", "$178.00"),
        (8950, "eur", "€89.50"),
        (5, "gbp", "£0.05"),
        (123456789, "usd", "$1,234,567.89"),
        (4000, "chf", "CHF 40.00"),
    ],
)
def test_money_is_shown_with_its_symbol_or_code(amount, currency, expected):
    assert format_money(amount, currency) == expected
