"""Which membership states grant access, including the edges in time."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from community.access import has_member_access
from memberships.models import Membership
from memberships.rules import membership_grants_access
from memberships.services import membership_grant_comp, membership_revoke_comp
from tests.community.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        (Membership.Status.NONE, False),
        (Membership.Status.TRIALING, True),
        (Membership.Status.ACTIVE, True),
    ],
)
def test_subscription_status_decides_access(status, expected):
    membership = MembershipFactory(status=status)
    assert membership_grants_access(membership) is expected


def test_past_due_keeps_access_for_the_grace_period_then_loses_it(settings):
    settings.MEMBERSHIP_GRACE_DAYS = 7
    start = timezone.now()
    membership = MembershipFactory(
        status=Membership.Status.PAST_DUE, past_due_since=start
    )
    assert membership_grants_access(membership, now=start + timedelta(days=6, hours=23))
    assert not membership_grants_access(membership, now=start + timedelta(days=7))


def test_canceled_keeps_access_until_the_paid_period_ends():
    end = timezone.now() + timedelta(days=3)
    membership = MembershipFactory(
        status=Membership.Status.CANCELED, current_period_end=end
    )
    assert membership_grants_access(membership, now=end - timedelta(seconds=1))
    assert not membership_grants_access(membership, now=end)


def test_comp_grant_with_end_date_expires():
    user = UserFactory()
    until = timezone.now() + timedelta(days=30)
    membership_grant_comp(user=user, until=until, note="Scholarship")
    user.refresh_from_db()
    assert has_member_access(user)
    with time_machine.travel(until + timedelta(minutes=1)):
        user.refresh_from_db()
        assert not has_member_access(user)


def test_comp_and_paid_subscription_are_a_union():
    membership = MembershipFactory(
        status=Membership.Status.CANCELED,
        current_period_end=timezone.now() - timedelta(days=1),
    )
    user = membership.user
    assert not has_member_access(user)
    membership_grant_comp(user=user)
    user = type(user).objects.get(pk=user.pk)
    assert has_member_access(user)
    assert user.membership.state == Membership.Status.COMP
    # Revoking the grant leaves the subscription side untouched.
    membership_revoke_comp(user=user)
    membership.refresh_from_db()
    assert membership.status == Membership.Status.CANCELED


def test_no_membership_row_means_no_access():
    assert not has_member_access(UserFactory())


@pytest.mark.parametrize(
    "fields",
    [
        {"status": "none"},
        {"status": "active"},
        {"status": "trialing"},
        {"status": "past_due", "past_due_since_days": -2},
        {"status": "past_due", "past_due_since_days": -8},
        {"status": "past_due", "past_due_since_days": None},
        {"status": "canceled", "period_end_days": 3},
        {"status": "canceled", "period_end_days": -3},
        {"status": "canceled", "period_end_days": None},
        {"status": "none", "comp_granted": True, "comp_until_days": None},
        {"status": "none", "comp_granted": True, "comp_until_days": 5},
        {"status": "none", "comp_granted": True, "comp_until_days": -5},
        {"status": "canceled", "period_end_days": -3, "comp_granted": True},
    ],
)
def test_queryset_rule_matches_the_python_rule(fields):
    from memberships.rules import membership_access_q

    now = timezone.now()

    def days(key):
        value = fields.get(key)
        return None if value is None else now + timedelta(days=value)

    membership = MembershipFactory(
        status=fields["status"],
        past_due_since=days("past_due_since_days"),
        current_period_end=days("period_end_days"),
        comp_granted_at=now if fields.get("comp_granted") else None,
        comp_until=days("comp_until_days"),
    )
    in_queryset = Membership.objects.filter(
        membership_access_q(now=now), pk=membership.pk
    ).exists()
    assert in_queryset is membership_grants_access(membership, now=now)
