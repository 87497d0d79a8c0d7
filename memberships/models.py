"""Membership state per user.

A membership has two independent sources of access that never overwrite each other:
the paid subscription (its Stripe status and period) and an admin's complimentary
grant. ``community.access`` decides from both whether the user may see member content.
"""

from datetime import timedelta

from django.conf import settings
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.utils import timezone

from memberships.money import format_money


class Plan(models.Model):
    """A price members can subscribe to, mirrored from a Stripe Price."""

    class Interval(models.TextChoices):
        MONTH = "month", "Monthly"
        YEAR = "year", "Yearly"

    name = models.CharField(max_length=80)
    description = models.CharField(max_length=200, blank=True)
    stripe_price_id = models.CharField(
        "Stripe price ID",
        max_length=100,
        unique=True,
        validators=[RegexValidator(r"^price_[A-Za-z0-9_]+$", "Starts with price_.")],
        help_text="From the Stripe dashboard, e.g. price_1Q2w3E4r5T6y.",
    )
    amount = models.PositiveIntegerField(
        help_text="In the smallest unit of the currency, e.g. 8900 for $89.00.",
        validators=[MinValueValidator(1)],
    )
    currency = models.CharField(
        max_length=3,
        default="usd",
        validators=[RegexValidator(r"^[a-z]{3}$", "Three lower-case letters.")],
    )
    interval = models.CharField(
        max_length=5, choices=Interval.choices, default=Interval.MONTH
    )
    active = models.BooleanField(
        default=True, help_text="Only active plans are offered on the Join page."
    )
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["sort_order", "amount"]

    def __str__(self):
        return f"{self.name} ({self.display_price})"

    @property
    def display_price(self) -> str:
        price = format_money(self.amount, self.currency, cents=False)
        return f"{price} per {self.interval}"

    @property
    def monthly_amount(self) -> float:
        """What this plan brings in per month, in the currency's smallest unit."""
        return self.amount / 12 if self.interval == self.Interval.YEAR else self.amount


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
    plan = models.ForeignKey(
        Plan, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    stripe_customer_id = models.CharField(
        max_length=100, unique=True, null=True, blank=True
    )
    stripe_subscription_id = models.CharField(max_length=100, blank=True)
    # A second live subscription for the same member (two Checkouts that both
    # went through): kept apart, never swapped in silently, shown to the admins
    # until one of the two ends.
    second_subscription_id = models.CharField(
        max_length=100,
        blank=True,
        editable=False,
        help_text="A second live subscription Stripe bills this member for.",
    )
    # The Checkout session last opened at Join, so that a second click or tab
    # reuses it instead of opening a second way to subscribe.
    checkout_session_id = models.CharField(max_length=100, blank=True, editable=False)
    current_period_end = models.DateTimeField(
        null=True, blank=True, help_text="Renewal date, or when a canceled one ends."
    )
    cancel_at_period_end = models.BooleanField(default=False)
    trial_end = models.DateTimeField(null=True, blank=True)
    past_due_since = models.DateTimeField(null=True, blank=True)
    started_at = models.DateTimeField(
        null=True, blank=True, help_text="When the current paid membership began."
    )
    ended_at = models.DateTimeField(
        null=True, blank=True, help_text="When the last paid membership ended."
    )
    # When the state applied was read from Stripe, so that an older read (one
    # that started before the stored one) never overwrites newer state.
    stripe_synced_at = models.DateTimeField(null=True, blank=True, editable=False)
    # Complimentary side: written by admins only.
    comp_granted_at = models.DateTimeField(null=True, blank=True)
    comp_until = models.DateTimeField(
        null=True,
        blank=True,
        help_text="Leave empty for a complimentary membership without an end date.",
    )
    # The day the admin chose, as they chose it: what everyone is shown, in any
    # zone. ``comp_until`` is the exact end, no earlier than the end of that day
    # in the member's own zone (``services.comp_ends_at``).
    comp_last_day = models.DateField(
        "last day of complimentary access",
        null=True,
        blank=True,
        help_text="Access lasts through this day. Leave empty for no end date.",
    )
    comp_note = models.CharField(max_length=200, blank=True)

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        indexes = [models.Index(fields=["status"])]

    def __str__(self):
        return f"{self.user} ({self.get_state_display()})"

    @property
    def has_live_subscription(self) -> bool:
        """A subscription that Stripe still bills or may bill: never start another."""
        return bool(self.stripe_subscription_id) and self.status in (
            self.Status.TRIALING,
            self.Status.ACTIVE,
            self.Status.PAST_DUE,
        )

    @property
    def comp_through(self):
        """The last moment of complimentary access (``comp_until`` is the first
        moment without it), so that a date shows the last day, not the next."""
        return self.comp_until - timedelta(microseconds=1) if self.comp_until else None

    @property
    def comp_end_day(self):
        """The last day of complimentary access, as granted (older grants without
        a stored day: the day of its last moment in the active zone)."""
        if self.comp_until is None:
            return None
        return self.comp_last_day or timezone.localtime(self.comp_through).date()

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


class StripeEvent(models.Model):
    """Every verified webhook event, stored once, processed by a task."""

    class Outcome(models.TextChoices):
        PENDING = "pending", "Waiting"
        PROCESSED = "processed", "Processed"
        SKIPPED = "skipped", "Skipped"
        FAILED = "failed", "Failed (will retry)"

    event_id = models.CharField(max_length=100, unique=True)
    type = models.CharField(max_length=100, db_index=True)
    livemode = models.BooleanField(default=False)
    stripe_created = models.DateTimeField(help_text="When Stripe created the event.")
    payload = models.JSONField()
    received_at = models.DateTimeField(auto_now_add=True, db_index=True)
    processed_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(
        max_length=10, choices=Outcome.choices, default=Outcome.PENDING, db_index=True
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    error = models.TextField(blank=True)
    note = models.CharField(max_length=300, blank=True)
    # When the event was last handed to the task queue: a pending event not
    # processed 10 minutes later lost its task and is queued again.
    enqueued_at = models.DateTimeField(null=True, blank=True)
    flagged = models.BooleanField(
        "needs attention",
        default=False,
        db_index=True,
        help_text="Set when the event needs an admin, e.g. a second subscription.",
    )

    class Meta:
        ordering = ["-received_at"]

    def __str__(self):
        return f"{self.type} {self.event_id}"

    @property
    def data_object(self) -> dict:
        return self.payload.get("data", {}).get("object", {})


class AccessRequest(models.Model):
    """Someone asking to become a member while online joining is off: the admins
    are told and may grant a complimentary membership (the person signs up
    first, if they have no account)."""

    name = models.CharField(max_length=120)
    email = models.EmailField()
    note = models.TextField(
        "about your practice",
        max_length=1000,
        blank=True,
        help_text="Optional: your role and where you practise. No client details.",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The account that sent it, when signed in.",
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.name} <{self.email}>"
