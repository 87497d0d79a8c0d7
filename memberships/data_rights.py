"""Billing's part of "download my data" and "delete my account".

The membership row stays (Stripe keeps sending events about the customer, and
they must still find it); what goes is free access and any live subscription,
and the webhook log keeps no copy of what Stripe said about the person.
"""

from community.data_rights import register as register_part
from memberships.selectors import membership_export
from memberships.services import membership_on_account_deleted, stripe_events_forget


def erase(*, user) -> None:
    membership_on_account_deleted(user=user)
    stripe_events_forget(user=user)


def register() -> None:
    register_part(
        models=["memberships.Membership"], export=membership_export, erase=erase
    )
