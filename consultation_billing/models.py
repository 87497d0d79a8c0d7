"""Fees, payments, the reviewers' payout ledger and their quarterly statements.

Amounts are integers in the currency's smallest unit (as ``memberships``).
Money records outlive what they are about: a payment or a payout line keeps
the case's reference when the therapist deletes the case (``SET_NULL``), and
nothing clinical is ever stored here.
"""

from django.conf import settings
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models

from memberships.money import format_money

User = settings.AUTH_USER_MODEL
CURRENCY = RegexValidator(r"^[a-z]{3}$", "Three lower-case letters, e.g. usd.")


class ConsultationFee(models.Model):
    """What a consultation (or a follow-up call) costs; kept by admins."""

    class Kind(models.TextChoices):
        STANDARD = "standard", "Written consultation"
        EXPEDITED = "expedited", "Written consultation, expedited"
        FOLLOW_UP = "follow_up", "Follow-up video call"

    kind = models.CharField(max_length=12, choices=Kind.choices, unique=True)
    amount = models.PositiveIntegerField(
        help_text="In the smallest unit of the currency, e.g. 35000 for $350.00.",
        validators=[MinValueValidator(1)],
    )
    currency = models.CharField(max_length=3, default="usd", validators=[CURRENCY])
    stripe_price_id = models.CharField(
        "Stripe price ID",
        max_length=100,
        blank=True,
        validators=[RegexValidator(r"^price_[A-Za-z0-9_]+$", "Starts with price_.")],
        help_text="Optional: a one-off Price from the Stripe dashboard. Without "
        "one, the amount above is charged.",
    )
    active = models.BooleanField(
        default=True, help_text="Without an active fee, requests are sent unpaid."
    )

    class Meta:
        ordering = ["kind"]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.display_amount}"

    @property
    def display_amount(self) -> str:
        return format_money(self.amount, self.currency)


class CasePayment(models.Model):
    """One attempt to get a consultation (or a follow-up call) paid."""

    class Purpose(models.TextChoices):
        CONSULTATION = "consultation", "Consultation"
        FOLLOW_UP = "follow_up", "Follow-up call"

    class Method(models.TextChoices):
        CARD = "card", "Card, by the therapist"
        INVOICE = "invoice", "Invoice to someone else"

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for payment"
        OPEN = "open", "Invoice sent"
        PAID = "paid", "Paid"
        FAILED = "failed", "Payment failed"
        ABANDONED = "abandoned", "Not completed"
        REFUNDED = "refunded", "Refunded"
        PARTLY_REFUNDED = "partly_refunded", "Partly refunded"
        VOID = "void", "Cancelled"

    case = models.ForeignKey(
        "consultations.Case",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="payments",
    )
    case_reference = models.CharField(max_length=20)
    # A follow-up call's payment: the call it books.
    follow_up_call = models.ForeignKey(
        "consultation_calls.FollowUpCall",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="payments",
    )
    purpose = models.CharField(
        max_length=12, choices=Purpose.choices, default=Purpose.CONSULTATION
    )
    payer = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    method = models.CharField(max_length=8, choices=Method.choices)
    status = models.CharField(
        max_length=16, choices=Status.choices, default=Status.PENDING
    )
    amount = models.PositiveIntegerField()
    currency = models.CharField(max_length=3, validators=[CURRENCY])
    # Neutral: "Psychotherapy consultation, case reference C-2026-0142".
    description = models.CharField(max_length=200)
    # Invoices only: who Stripe sends the invoice to (nothing else is kept).
    billing_name = models.CharField(max_length=120, blank=True)
    billing_email = models.EmailField(blank=True)

    stripe_checkout_session_id = models.CharField(max_length=100, blank=True)
    stripe_invoice_id = models.CharField(max_length=100, blank=True)
    stripe_payment_intent_id = models.CharField(
        max_length=100, blank=True, db_index=True
    )
    stripe_charge_id = models.CharField(max_length=100, blank=True, db_index=True)
    hosted_url = models.URLField(
        max_length=500, blank=True, help_text="Stripe's Checkout or invoice page."
    )

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    paid_at = models.DateTimeField(null=True, blank=True)
    receipt_number = models.CharField(max_length=20, blank=True)

    refunded_amount = models.PositiveIntegerField(default=0)
    refunded_at = models.DateTimeField(null=True, blank=True)
    # Why Stripe refused a refund we asked for, shown to admins.
    refund_error = models.CharField(max_length=300, blank=True)
    disputed_at = models.DateTimeField(null=True, blank=True)
    dispute_status = models.CharField(max_length=40, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["receipt_number"],
                condition=~models.Q(receipt_number=""),
                name="consultation_payment_receipt_unique",
            ),
        ]

    def __str__(self):
        return f"{self.get_purpose_display()} {self.case_reference}: {self.status}"

    @property
    def display_amount(self) -> str:
        return format_money(self.amount, self.currency)


class PayoutStatement(models.Model):
    """A reviewer's lines of one calendar quarter; admins mark it paid once."""

    reviewer = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="payout_statements"
    )
    year = models.PositiveSmallIntegerField()
    quarter = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1)], choices=[(q, f"Q{q}") for q in (1, 2, 3, 4)]
    )
    created_at = models.DateTimeField(auto_now_add=True)
    paid_on = models.DateField(null=True, blank=True)
    paid_reference = models.CharField(max_length=100, blank=True)
    marked_paid_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-year", "-quarter"]
        constraints = [
            models.UniqueConstraint(
                fields=["reviewer", "year", "quarter"],
                name="payout_statement_one_per_quarter",
            ),
        ]

    def __str__(self):
        return f"{self.year} Q{self.quarter}: {self.reviewer}"


class PayoutLine(models.Model):
    """One line of a reviewer's ledger: a delivered case, a follow-up call
    held, or the reversal of one of those (a line is never deleted)."""

    class Kind(models.TextChoices):
        CASE = "case", "Written consultation"
        FOLLOW_UP = "follow_up", "Follow-up call"
        REVERSAL = "reversal", "Reversed"

    reviewer = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="payout_lines"
    )
    case = models.ForeignKey(
        "consultations.Case",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="payout_lines",
    )
    case_reference = models.CharField(max_length=20)
    follow_up_call = models.ForeignKey(
        "consultation_calls.FollowUpCall",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="payout_lines",
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    # Negative for a reversal.
    amount = models.IntegerField()
    currency = models.CharField(max_length=3, validators=[CURRENCY])
    earned_on = models.DateField()
    # For Stripe Connect transfers later: every line of one case shares it.
    transfer_group = models.CharField(max_length=40)
    reverses = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reversed_by",
    )
    statement = models.ForeignKey(
        PayoutStatement,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="lines",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["earned_on", "pk"]
        constraints = [
            # One line per delivered case (a second delivery event adds none).
            models.UniqueConstraint(
                fields=["case"],
                condition=models.Q(kind="case"),
                name="payout_line_one_per_case",
            ),
            # One line per follow-up call held.
            models.UniqueConstraint(
                fields=["follow_up_call"],
                condition=models.Q(kind="follow_up"),
                name="payout_line_one_per_call",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.case_reference}: {self.amount}"

    @property
    def display_amount(self) -> str:
        """ "-$500.00" for a reversal (format_money takes no sign)."""
        sign = "-" if self.amount < 0 else ""
        return sign + format_money(abs(self.amount), self.currency)
