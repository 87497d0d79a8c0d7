"""Billing's part of "download my data" and "delete my account".

The membership row stays (Stripe keeps sending events about the customer, and
they must still find it); what goes is free access and any live subscription,
and the webhook log keeps no copy of what Stripe said about the person. Their
requests for access (from the Join page) are exported and deleted.
"""

from django.db.models import Q

from community.data_rights import register as register_part
from memberships.models import AccessRequest
from memberships.selectors import membership_export
from memberships.services import membership_on_account_deleted, stripe_events_forget


def erase(*, user) -> None:
    membership_on_account_deleted(user=user)
    stripe_events_forget(user=user)


def _their_requests(user):
    mine = Q(user=user)
    if user.email:
        mine |= Q(email__iexact=user.email)
    return AccessRequest.objects.filter(mine)


def export_access_requests(*, user) -> tuple[str, list]:
    return "access_requests", [
        {
            "name": r.name,
            "email": r.email,
            "note": r.note,
            "created_at": r.created_at.isoformat(),
        }
        for r in _their_requests(user).order_by("created_at")
    ]


def erase_access_requests(*, user) -> None:
    _their_requests(user).delete()


def register() -> None:
    register_part(
        models=["memberships.Membership"], export=membership_export, erase=erase
    )
    register_part(
        models=["memberships.AccessRequest"],
        export=export_access_requests,
        erase=erase_access_requests,
    )
