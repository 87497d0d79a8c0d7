"""Membership numbers for the admins: who has access, what it brings in, who came
and who left.

Every figure is counted in the database (one aggregate query for the counts, one
grouped query for recurring revenue), so the numbers cost the same with ten members
or ten thousand. Who counts as having access is ``memberships.rules``' rule, used
here as a filter, never restated.
"""

from datetime import timedelta

from django.db.models import Count, Q, Sum
from django.utils import timezone

from memberships.models import Membership, Plan
from memberships.money import format_money
from memberships.rules import comp_active_q, membership_access_q

WINDOW = timedelta(days=30)
# Subscriptions Stripe bills (or is still trying to bill): what recurring revenue means.
BILLED_STATUSES = [Membership.Status.ACTIVE, Membership.Status.PAST_DUE]


def membership_metrics(*, now=None) -> dict:
    """Counts of members and monthly recurring revenue per currency.

    ``mrr`` maps a currency code to an amount in its smallest unit, e.g.
    ``{"usd": 17800}``; yearly plans count as a twelfth of their price per month.
    """
    now = now or timezone.now()
    since = now - WINDOW
    counts = Membership.objects.aggregate(
        active_members=Count("pk", filter=membership_access_q(now=now)),
        comp_members=Count("pk", filter=comp_active_q(now=now)),
        new_last_30_days=Count(
            "pk", filter=Q(started_at__gt=since, started_at__lte=now)
        ),
        churned_last_30_days=Count(
            "pk", filter=Q(ended_at__gt=since, ended_at__lte=now)
        ),
        # Billed twice (two Checkouts that both went through): an admin cancels one.
        two_live_subscriptions=Count("pk", filter=~Q(second_subscription_id="")),
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
        "billed_twice": billed_twice,
        "mrr_lines": [
            format_money(amount, currency)
            for currency, amount in metrics["mrr"].items()
        ],
    }
