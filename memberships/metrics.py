"""Membership numbers for the admins: who has access, what it brings in, who came
and who left.

Every figure is counted in the database (one aggregate query for the counts, one
grouped query for recurring revenue), so the numbers cost the same with ten members
or ten thousand. Each count is a filter defined once here (``FIGURES``): the
metrics page counts it and the members listing filters by it (its "Figure"
filter, which each number links to), so a number and the list behind it cannot
disagree. Who counts as having access is ``memberships.rules``' rule, used here
as a filter, never restated.
"""

from collections.abc import Callable
from datetime import datetime, timedelta

from django.db.models import Count, Q, Sum
from django.utils import timezone

from memberships.models import Membership, Plan
from memberships.money import format_money
from memberships.rules import comp_active_q, membership_access_q

WINDOW = timedelta(days=30)
# Subscriptions Stripe bills (or is still trying to bill): what recurring revenue means.
BILLED_STATUSES = [Membership.Status.ACTIVE, Membership.Status.PAST_DUE]


def _in_window(field: str, *, now: datetime) -> Q:
    return Q(**{f"{field}__gt": now - WINDOW, f"{field}__lte": now})


def ended_q(*, now: datetime) -> Q:
    """Memberships whose access ended in the last 30 days and that have none now.

    A canceled subscription ends when its paid period does (``current_period_end``,
    the date the listing shows), not when the cancellation was recorded: a member
    who canceled 40 days ago and whose period ran out 12 days ago ended 12 days
    ago. A complimentary grant ends at ``comp_until``. Someone who has access
    again (a comp beside a lapsed subscription, a new subscription) has not left.
    """
    canceled = Q(status=Membership.Status.CANCELED) & (
        _in_window("current_period_end", now=now)
        | (Q(current_period_end__isnull=True) & _in_window("ended_at", now=now))
    )
    comp_ran_out = Q(comp_granted_at__isnull=False) & _in_window("comp_until", now=now)
    return (canceled | comp_ran_out) & ~membership_access_q(now=now)


# name -> (label, the filter at a moment). The order is the metrics page's.
FIGURES: dict[str, tuple[str, Callable[..., Q]]] = {
    "active_members": (
        "Members with access now",
        lambda *, now: membership_access_q(now=now),
    ),
    "comp_members": (
        "Complimentary memberships",
        lambda *, now: comp_active_q(now=now),
    ),
    "new_last_30_days": (
        "New in the last 30 days",
        lambda *, now: _in_window("started_at", now=now),
    ),
    "churned_last_30_days": ("Ended in the last 30 days", ended_q),
    # Billed twice (two Checkouts that both went through): an admin cancels one.
    "two_live_subscriptions": (
        "Members with two live subscriptions",
        lambda *, now: ~Q(second_subscription_id=""),
    ),
}


def figure_q(name: str, *, now=None) -> Q | None:
    """The filter behind one figure, or None for an unknown name."""
    figure = FIGURES.get(name)
    return figure[1](now=now or timezone.now()) if figure else None


def membership_metrics(*, now=None) -> dict:
    """Counts of members and monthly recurring revenue per currency.

    ``mrr`` maps a currency code to an amount in its smallest unit, e.g.
    ``{"usd": 17800}``; yearly plans count as a twelfth of their price per month.
    """
    now = now or timezone.now()
    counts = Membership.objects.aggregate(
        **{
            name: Count("pk", filter=make_q(now=now))
            for name, (_, make_q) in FIGURES.items()
        }
    )
    return {**counts, "mrr": _mrr()}


def _mrr() -> dict[str, int]:
    # Summing monthly and yearly prices apart and dividing the yearly sum once keeps
    # the total exact to the cent, however many yearly members there are.
    rows = (
        Membership.objects.filter(status__in=BILLED_STATUSES, plan__isnull=False)
        .order_by()
        .values("plan__currency")
        .annotate(
            monthly=Sum("plan__amount", filter=Q(plan__interval=Plan.Interval.MONTH)),
            yearly=Sum("plan__amount", filter=Q(plan__interval=Plan.Interval.YEAR)),
        )
        .order_by("plan__currency")
    )
    return {
        row["plan__currency"]: (row["monthly"] or 0) + round((row["yearly"] or 0) / 12)
        for row in rows
    }


def membership_metrics_display(*, now=None) -> dict:
    """The metrics with recurring revenue as printable lines, for the admin pages,
    and the members billed twice, whom the metrics page lists."""
    metrics = membership_metrics(now=now)
    billed_twice = (
        Membership.objects.exclude(second_subscription_id="")
        .select_related("user")
        .order_by("pk")
        if metrics["two_live_subscriptions"]
        else Membership.objects.none()
    )
    return {
        **metrics,
        # (name, label, count): each links to the members listing filtered by name.
        "figures": [
            (name, label, metrics[name]) for name, (label, _) in FIGURES.items()
        ],
        "billed_twice": billed_twice,
        "mrr_lines": [
            format_money(amount, currency)
            for currency, amount in metrics["mrr"].items()
        ],
    }
