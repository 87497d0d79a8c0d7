"""Reads for the licence pages: a member's own list, with each licence's state
in words, and the director's queue (one query for the rows, however many)."""

from dataclasses import dataclass
from datetime import date

from django.db.models import QuerySet
from django.utils import formats

from directory.models import Licence

WARN_DAYS = 30


@dataclass(frozen=True)
class LicenceState:
    code: str  # waiting, verified, expiring, expired
    text: str


def licence_state(licence: Licence, *, today: date) -> LicenceState:
    """What the member's list says about a licence, on ``today`` (theirs)."""
    days = (licence.expires_on - today).days
    if days < 0:
        if licence.verified_on:
            return LicenceState("expired", "Expired — the badge was removed")
        return LicenceState("expired", "Expired — renew and update the expiry")
    if licence.not_verified_on is not None:
        return LicenceState(
            "not-verified",
            f"Not verified: {licence.not_verified_reason} — correct it and save "
            "to send it again",
        )
    if licence.verified_on is None:
        return LicenceState("waiting", "Waiting for the director to verify")
    if days <= WARN_DAYS:
        when = "today" if days == 0 else f"in {days} day{'s' if days != 1 else ''}"
        return LicenceState("expiring", f"Expires {when} — renew and update the expiry")
    shown = formats.date_format(licence.verified_on, "j M Y")
    return LicenceState("verified", f"Verified on {shown}")


def licences_of(*, user) -> QuerySet[Licence]:
    return Licence.objects.filter(user=user).order_by("expires_on", "pk")


def licences_waiting() -> QuerySet[Licence]:
    """Waiting for the director, oldest first."""
    return (
        Licence.objects.filter(verified_on__isnull=True, not_verified_on__isnull=True)
        .select_related("user")
        .order_by("created_at", "pk")
    )


def licences_verified() -> QuerySet[Licence]:
    return (
        Licence.objects.filter(verified_on__isnull=False)
        .select_related("user", "verified_by")
        .order_by("-verified_on", "-pk")
    )


def licences_waiting_count() -> int:
    return licences_waiting().count()
