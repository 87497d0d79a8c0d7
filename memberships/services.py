"""Writes to membership state that admins make by hand."""

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from memberships.models import Membership


@transaction.atomic
def membership_grant_comp(
    *, user, until: datetime | None = None, note: str = ""
) -> Membership:
    """Give complimentary access, alongside any paid subscription (never instead)."""
    membership, _ = Membership.objects.select_for_update().get_or_create(user=user)
    membership.comp_granted_at = timezone.now()
    membership.comp_until = until
    membership.comp_note = note
    membership.full_clean()
    membership.save()
    user.__dict__.pop("_membership_cache", None)
    return membership


@transaction.atomic
def membership_revoke_comp(*, user) -> Membership | None:
    membership = Membership.objects.select_for_update().filter(user=user).first()
    if membership is None:
        return None
    membership.comp_granted_at = None
    membership.comp_until = None
    membership.comp_note = ""
    membership.save()
    user.__dict__.pop("_membership_cache", None)
    return membership


def membership_on_account_deleted(*, user) -> None:
    """An account being deleted keeps no complimentary access."""
    membership_revoke_comp(user=user)
