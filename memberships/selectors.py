"""Reads of membership state."""

from memberships.models import Membership


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
        "complimentary": membership.comp_granted_at is not None,
        "created_at": _iso(membership.created_at),
    }


def _iso(value):
    return value.isoformat() if value else None
