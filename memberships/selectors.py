"""Reads of membership state, and the plans the Join page offers."""

from dataclasses import dataclass

from memberships.models import Membership, Plan
from memberships.money import format_money


@dataclass(frozen=True)
class PlanOffer:
    plan: Plan
    # A yearly plan against twelve payments of the monthly plan in its currency.
    saving: int | None = None
    saving_percent: int | None = None

    @property
    def saving_display(self) -> str:
        if not self.saving:
            return ""
        return format_money(self.saving, self.plan.currency, cents=False)

    @property
    def per_month_display(self) -> str:
        """What a yearly plan comes to per month."""
        if self.plan.interval != Plan.Interval.YEAR:
            return ""
        return format_money(round(self.plan.amount / 12), self.plan.currency)


def plan_offers() -> list[PlanOffer]:
    """The active plans in their order, each yearly one with what it saves
    against paying the (cheapest) monthly plan of its currency twelve times."""
    plans = list(Plan.objects.filter(active=True))
    monthly = {}
    for plan in plans:
        if plan.interval == Plan.Interval.MONTH:
            cheapest = monthly.get(plan.currency)
            monthly[plan.currency] = min(plan.amount, cheapest or plan.amount)
    offers = []
    for plan in plans:
        month = monthly.get(plan.currency)
        saving = 12 * month - plan.amount if month else 0
        if plan.interval == Plan.Interval.YEAR and saving > 0:
            percent = round(100 * saving / (12 * month))
            offers.append(PlanOffer(plan, saving=saving, saving_percent=percent))
        else:
            offers.append(PlanOffer(plan))
    return offers


def membership_for(*, user) -> Membership | None:
    """The user's membership row, or None. Cached on the user for the request."""
    if not getattr(user, "is_authenticated", False):
        return None
    if not hasattr(user, "_membership_cache"):
        fields_cache = user._state.fields_cache
        if "membership" in fields_cache:  # select_related("membership") was used
            user._membership_cache = fields_cache["membership"]
        else:
            user._membership_cache = Membership.objects.filter(user=user).first()
    return user._membership_cache


def membership_export(*, user) -> tuple[str, dict | None]:
    """The membership section of a person's data export."""
    membership = Membership.objects.filter(user=user).first()
    if membership is None:
        return "membership", None
    return "membership", {
        "state": membership.state,
        "subscription_status": membership.status,
        "current_period_end": _iso(membership.current_period_end),
        "complimentary_until": _iso(membership.comp_until),
        "complimentary_last_day": _iso(membership.comp_end_day),
        "complimentary": membership.comp_granted_at is not None,
        "created_at": _iso(membership.created_at),
    }


def _iso(value):
    return value.isoformat() if value else None
