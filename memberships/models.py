"""Membership state per user.

A membership has two independent sources of access that never overwrite each other:
the paid subscription (its Stripe status and period) and an admin's complimentary
grant. ``community.access`` decides from both whether the user may see member content.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone


class MembershipState(models.TextChoices):
    """What a person would call their membership: both sources of access together."""

    NONE = "none", "No membership"
    TRIALING = "trialing", "Trial"
    ACTIVE = "active", "Active"
    PAST_DUE = "past_due", "Payment overdue"
    CANCELED = "canceled", "Canceled"
    COMP = "comp", "Complimentary"


SUBSCRIPTION_STATUSES = [c for c in MembershipState.choices if c[0] != "comp"]


class Membership(models.Model):
    Status = MembershipState

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="membership"
    )
    # Subscription side: written by the billing code (Stripe webhooks).
    status = models.CharField(
        max_length=16,
        choices=SUBSCRIPTION_STATUSES,
        default=Status.NONE,
        help_text="The state of the paid subscription.",
    )
    current_period_end = models.DateTimeField(null=True, blank=True)
    past_due_since = models.DateTimeField(null=True, blank=True)
    # Complimentary side: written by admins only.
    comp_granted_at = models.DateTimeField(null=True, blank=True)
    comp_until = models.DateTimeField(
        null=True,
        blank=True,
        help_text="Leave empty for a complimentary membership without an end date.",
    )
    comp_note = models.CharField(max_length=200, blank=True)

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        indexes = [models.Index(fields=["status"])]

    def __str__(self):
        return f"{self.user} ({self.get_state_display()})"

    def comp_is_active(self, now=None) -> bool:
        now = now or timezone.now()
        return self.comp_granted_at is not None and (
            self.comp_until is None or now < self.comp_until
        )

    @property
    def state(self) -> str:
        """What a person would call this membership: the union of both sides."""
        if self.status in (self.Status.ACTIVE, self.Status.TRIALING):
            return self.status
        if self.comp_is_active():
            return self.Status.COMP
        return self.status

    def get_state_display(self) -> str:
        return self.Status(self.state).label
