"""When a membership grants access: the billing side of the access rule.

Billing knows no content and no roles; ``community.access`` composes these rules
with the roles (directors and admins always have access) for every member-only
view. ``membership_grants_access`` and ``membership_access_q`` say the same thing,
one about a row and one as a filter: keep them in step (tests compare them state
by state).
"""

from datetime import timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from memberships.models import Membership


def grace_period() -> timedelta:
    return timedelta(days=getattr(settings, "MEMBERSHIP_GRACE_DAYS", 7))


def grace_ends_at(membership: Membership | None):
    """When a past-due membership loses access, or None if it is not past due."""
    if membership is None or membership.status != Membership.Status.PAST_DUE:
        return None
    return (membership.past_due_since or timezone.now()) + grace_period()


def membership_grants_access(membership: Membership | None, *, now=None) -> bool:
    """The rule for a paying (or complimentary) member."""
    if membership is None:
        return False
    now = now or timezone.now()
    if membership.comp_is_active(now):
        return True
    status = membership.status
    if status in (Membership.Status.TRIALING, Membership.Status.ACTIVE):
        return True
    if status == Membership.Status.PAST_DUE:
        since = membership.past_due_since or now
        return now < since + grace_period()
    if status == Membership.Status.CANCELED:
        return bool(
            membership.current_period_end and now < membership.current_period_end
        )
    return False


def comp_active_q(*, now=None, prefix: str = "") -> Q:
    """``Membership.comp_is_active`` as a filter."""
    now = now or timezone.now()
    return Q(**{f"{prefix}comp_granted_at__isnull": False}) & (
        Q(**{f"{prefix}comp_until__isnull": True})
        | Q(**{f"{prefix}comp_until__gt": now})
    )


def membership_access_q(*, now=None, prefix: str = "") -> Q:
    """The same rule as ``membership_grants_access``, as a filter on Membership.

    ``prefix`` reaches the membership from another model, e.g. "membership__" on
    User.
    """
    now = now or timezone.now()
    status = f"{prefix}status"
    return comp_active_q(now=now, prefix=prefix) | (
        Q(**{f"{status}__in": [Membership.Status.TRIALING, Membership.Status.ACTIVE]})
        | (
            Q(**{status: Membership.Status.PAST_DUE})
            & (
                Q(**{f"{prefix}past_due_since__isnull": True})
                | Q(**{f"{prefix}past_due_since__gt": now - grace_period()})
            )
        )
        | Q(
            **{
                status: Membership.Status.CANCELED,
                f"{prefix}current_period_end__gt": now,
            }
        )
    )
