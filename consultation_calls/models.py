"""A follow-up video call between a consultation's requester and its reviewer.

Times are stored in UTC and shown in each viewer's zone. The video link, like
every meeting link on the site, is never shown or sent: both sides join
through ``/consultations/<case>/follow-ups/<call>/join/``.
"""

from datetime import timedelta

from django.conf import settings
from django.db import models

from sessions.models import JOIN_OPENS_BEFORE

User = settings.AUTH_USER_MODEL


class FollowUpCall(models.Model):
    class Status(models.TextChoices):
        REQUESTED = "requested", "Waiting for the reviewer's times"
        OFFERED = "offered", "Times offered: waiting for the therapist's choice"
        AWAITING_PAYMENT = "awaiting_payment", "Time chosen: waiting for payment"
        BOOKED = "booked", "Booked"
        HELD = "held", "Held"
        CANCELLED = "cancelled", "Cancelled"

    case = models.ForeignKey(
        "consultations.Case", on_delete=models.CASCADE, related_name="follow_up_calls"
    )
    # The case's lead reviewer when the call was asked for.
    reviewer = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    status = models.CharField(
        max_length=20, choices=Status.choices, default=Status.REQUESTED
    )
    minutes = models.PositiveSmallIntegerField(default=40)
    proposed_at = models.DateTimeField(
        null=True, blank=True, help_text="A time the requester proposed."
    )
    starts_at = models.DateTimeField(null=True, blank=True, db_index=True)
    meeting_url = models.URLField(blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancelled_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # The share of the fee given back, fixed when the call was cancelled.
    refund_percent = models.PositiveSmallIntegerField(null=True, blank=True)
    booked_at = models.DateTimeField(null=True, blank=True)
    held_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"Follow-up call {self.pk} ({self.case_id}): {self.status}"

    @property
    def ends_at(self):
        return self.starts_at + timedelta(minutes=self.minutes)

    @property
    def join_opens_at(self):
        return self.starts_at - JOIN_OPENS_BEFORE

    @property
    def cancel_until(self):
        """Neither side cancels on the site after this (a setting)."""
        return self.starts_at - timedelta(hours=settings.CONSULT_FOLLOW_UP_CANCEL_HOURS)


class CallSlot(models.Model):
    """A time the reviewer offered; the requester picks one."""

    call = models.ForeignKey(
        FollowUpCall, on_delete=models.CASCADE, related_name="slots"
    )
    starts_at = models.DateTimeField()

    class Meta:
        ordering = ["starts_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["call", "starts_at"], name="call_slot_unique_time"
            )
        ]

    def __str__(self):
        return f"{self.starts_at:%Y-%m-%d %H:%M} UTC"
