"""Membership emails. Each is rendered from memberships/email/<kind>/ and leaves
through the queued email backend (a django-q2 task) after the transaction commits.
"""

from django.conf import settings

from community.mail import send_templated_mail
from memberships.rules import grace_ends_at


def _send(*, kind: str, membership, **context) -> None:
    user = membership.user
    send_templated_mail(
        template=f"memberships/email/{kind}",
        to=[user.email],
        context={
            "user": user,
            "membership": membership,
            "billing_url": f"{settings.SITE_URL}/account/billing/",
            "join_url": f"{settings.SITE_URL}/join/",
            **context,
        },
    )


def send_welcome(*, membership, returning: bool) -> None:
    _send(kind="welcome", membership=membership, returning=returning)


def send_payment_failed(*, membership) -> None:
    _send(
        kind="payment_failed",
        membership=membership,
        access_until=grace_ends_at(membership),
    )


def send_membership_ended(*, membership) -> None:
    _send(kind="ended", membership=membership)


def send_trial_ending(*, membership, trial_end) -> None:
    _send(kind="trial_ending", membership=membership, trial_end=trial_end)


def send_comp_granted(*, membership) -> None:
    """An admin gave this member complimentary access: say until when, as the
    day the admin chose, and the member's own zone it holds in. The admins' note
    stays with the admins."""
    _send(
        kind="comp_granted",
        membership=membership,
        access_until=membership.comp_end_day,  # a day, not a moment
        time_zone=membership.user.time_zone or "UTC",
    )
