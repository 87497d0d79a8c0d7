"""Second-opinion consultations: a member's case, the reviewer pool, offers with
their clocks, the case team's discussion, the formulation and the audit trail.

A case's ``status`` only changes through ``consultations.states`` (the one
transitions table), called by the services. Every deadline is stored in UTC.
Clinical text lives in the case, its messages, interview notes and the report;
none of it is ever copied into an email, a notice or a log (``nothing leaves``
tests assert it).
"""

import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse

User = settings.AUTH_USER_MODEL


class Tag(models.Model):
    """A topic a case is tagged with at triage and a consultant works in."""

    class Kind(models.TextChoices):
        MODALITY = "modality", "Modality"
        POPULATION = "population", "Population"
        QUESTION = "question", "Question type"

    kind = models.CharField(max_length=20, choices=Kind.choices)
    name = models.CharField(max_length=80)

    class Meta:
        ordering = ["kind", "name"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "name"], name="one_tag_per_kind")
        ]

    def __str__(self):
        return self.name


class ConsultantProfile(models.Model):
    """A member of the reviewer pool, kept by the director.

    ``active`` is the pool membership: a consultant taken out of the pool drops
    out of every offer and their open cases go back to matching
    (``services.pool.pool_remove``).
    """

    user = models.OneToOneField(
        User, on_delete=models.CASCADE, related_name="consultant_profile"
    )
    specialties = models.ManyToManyField(Tag, blank=True, related_name="consultants")
    orientations = models.ManyToManyField(
        "community.Orientation", blank=True, related_name="consultants"
    )
    credentials = models.CharField(max_length=200, blank=True)
    max_open_cases = models.PositiveSmallIntegerField(default=3)
    is_attending = models.BooleanField(
        "attending",
        default=False,
        help_text="A senior reviewer who may sign off reports.",
    )
    active = models.BooleanField("in the pool", default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["user__display_name"]

    def __str__(self):
        return str(self.user)


class ConsultantAway(models.Model):
    """A period a consultant takes no offers (inclusive dates, their own zone)."""

    consultant = models.ForeignKey(
        ConsultantProfile, on_delete=models.CASCADE, related_name="away_periods"
    )
    starts_on = models.DateField()
    ends_on = models.DateField()

    class Meta:
        ordering = ["starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="away_ends_after_start",
            )
        ]

    def __str__(self):
        return f"{self.consultant} away {self.starts_on}–{self.ends_on}"


class Case(models.Model):
    class FeeSettlement(models.TextChoices):
        NONE = "", "Not settled"
        PAID = "paid", "Paid"
        INVOICED = "invoiced", "Invoiced"

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        SUBMITTED = "submitted", "Submitted"
        RETURNED = "returned", "Returned for information"
        TRIAGE = "triage", "In triage"
        DECLINED = "declined", "Declined"
        MATCHING = "matching", "Finding a reviewer"
        OFFERED = "offered", "Offered to a reviewer"
        ACCEPTED = "accepted", "Accepted by a reviewer"
        IN_CONFERENCE = "in_conference", "In conference"
        DRAFTING = "drafting", "Report being written"
        IN_SIGNOFF = "in_signoff", "In sign-off"
        ESCALATED = "escalated", "Escalated to the director"
        DELIVERED = "delivered", "Delivered"
        CLOSED = "closed", "Closed"
        CANCELLED = "cancelled", "Cancelled"

    class Urgency(models.TextChoices):
        STANDARD = "standard", "Standard"
        EXPEDITED = "expedited", "Expedited"

    class Escalation(models.TextChoices):
        NONE = "", "—"
        LAPSES = "lapses", "Two offers lapsed in a row"
        OVERDUE = "overdue", "Report overdue"
        NO_REVIEWER = "no_reviewer", "No reviewer left to offer"
        REVIEWER_LEFT = "reviewer_left", "The reviewer left the pool"

    reference = models.CharField(max_length=20, unique=True, editable=False)
    requester = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="consultation_cases"
    )
    status = models.CharField(
        max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    urgency = models.CharField(
        max_length=10, choices=Urgency.choices, default=Urgency.STANDARD
    )

    # The request, as the therapist writes it (all through the privacy guard).
    referral_question = models.TextField(
        "referral question(s)",
        blank=True,
        help_text="What you would like help with.",
    )
    modality = models.CharField("modality and orientation", max_length=200, blank=True)
    frequency = models.CharField("session frequency", max_length=100, blank=True)
    duration = models.CharField("in treatment for", max_length=100, blank=True)
    tried = models.TextField("what has been tried", blank=True)
    case_summary = models.TextField("de-identified case summary", blank=True)
    risk_notes = models.TextField("risk notes", blank=True)
    interview_requested = models.BooleanField(
        "a patient interview is requested", default=False
    )
    privacy_confirmed_matches = models.JSONField(default=list, blank=True)

    # Triage.
    tags = models.ManyToManyField(Tag, blank=True, related_name="cases")
    # The fee (consultations.payment_gate): waived by the director, or settled
    # by the billing app ("paid", or "invoiced" when an invoice sent counts).
    fee_waived = models.BooleanField(default=False)
    fee_settlement = models.CharField(
        max_length=10, choices=FeeSettlement.choices, default="", blank=True
    )
    # "Pay to send": the therapist sent the request, it waits for the payment.
    awaiting_payment = models.BooleanField(default=False)
    # Sent without payment, asking the director to waive the fee.
    waiver_requested = models.BooleanField(default=False)
    director_note = models.TextField(
        blank=True, help_text="Shown to the therapist when returned or declined."
    )

    # The reviewer and the clocks (UTC).
    lead_reviewer = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="consultation_cases_led",
    )
    accepted_at = models.DateTimeField(null=True, blank=True)
    due_at = models.DateTimeField(null=True, blank=True, db_index=True)
    consecutive_lapses = models.PositiveSmallIntegerField(default=0)
    escalation = models.CharField(
        max_length=20, choices=Escalation.choices, default="", blank=True
    )

    # The conference, optionally held live through the site's join gate.
    conference_at = models.DateTimeField(null=True, blank=True)
    conference_minutes = models.PositiveSmallIntegerField(default=60)
    conference_url = models.URLField(blank=True)

    created_at = models.DateTimeField(auto_now_add=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True, db_index=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    # When the daily task removed attachments, discussion and interview notes.
    purged_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return self.reference

    def save(self, *args, **kwargs):
        # The reference is neutral (it goes into emails and, later, to Stripe)
        # and made from the row's own id, so two requests never share one.
        if not self.reference:
            self.reference = f"new-{uuid.uuid4().hex[:16]}"
            super().save(*args, **kwargs)
            self.reference = f"C-{self.created_at:%Y}-{self.pk:04d}"
            Case.objects.filter(pk=self.pk).update(reference=self.reference)
            return
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("consultations:case", args=[self.pk])

    @property
    def is_expedited(self) -> bool:
        return self.urgency == self.Urgency.EXPEDITED


class Attachment(models.Model):
    """A PDF or DOCX the therapist adds; its text is checked by the guard."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to="consultations/%Y/%m/")
    original_name = models.CharField(max_length=200)
    size = models.PositiveIntegerField()
    content_type = models.CharField(max_length=100)
    privacy_confirmed_matches = models.JSONField(default=list, blank=True)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at"]

    def __str__(self):
        return self.original_name


class ConsentRecord(models.Model):
    """The patient's consent as the therapist recorded it. Never edited: a
    withdrawal is a new record."""

    class Kind(models.TextChoices):
        GIVEN = "given", "Consent given"
        WITHDRAWN = "withdrawn", "Consent withdrawn"

    class Method(models.TextChoices):
        IN_SESSION = "in_session", "In person, in session"
        VIDEO = "video", "In a video session"
        WRITTEN = "written", "In writing (signed form)"
        PHONE = "phone", "By phone"

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="consents")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    consent_version = models.CharField(max_length=20)
    consent_text = models.TextField()
    obtained_on = models.DateField()
    method = models.CharField(max_length=20, choices=Method.choices)
    recorded_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["recorded_at", "pk"]

    def __str__(self):
        return f"{self.get_kind_display()} for {self.case} ({self.consent_version})"


class Offer(models.Model):
    """A case offered to one consultant, with its accept window.

    The director ranks candidates: each becomes a QUEUED offer; the first (or
    several at once) become PENDING with ``accept_by``; a lapse sends the next
    queued one automatically. ``coi_declared_at`` is the reviewer's statement
    that they have no conflict of interest, taken before accepting.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting its turn"
        PENDING = "pending", "Awaiting an answer"
        ACCEPTED = "accepted", "Accepted"
        DECLINED = "declined", "Declined"
        EXPIRED = "expired", "Lapsed"
        WITHDRAWN = "withdrawn", "Withdrawn"

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="offers")
    consultant = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="consultation_offers"
    )
    rank = models.PositiveSmallIntegerField(default=1)
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.QUEUED, db_index=True
    )
    offered_at = models.DateTimeField(null=True, blank=True)
    accept_by = models.DateTimeField(null=True, blank=True, db_index=True)
    responded_at = models.DateTimeField(null=True, blank=True)
    decline_reason = models.TextField(blank=True)
    coi_declared_at = models.DateTimeField(null=True, blank=True)
    offered_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["case", "rank", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "consultant"],
                condition=models.Q(status__in=["queued", "pending"]),
                name="one_open_offer_per_consultant",
            )
        ]

    def __str__(self):
        return f"{self.case} → {self.consultant_id} ({self.status})"


class PanelMember(models.Model):
    """A consultant invited into one case's conference."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="panel")
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    invited_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    invited_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["case", "user"], name="one_seat_per_case")
        ]

    def __str__(self):
        return f"{self.user} on the panel of {self.case}"


class CaseMessage(models.Model):
    """One message in a case's conference (the case team only) or in the
    questions thread between the case team and the therapist."""

    class Thread(models.TextChoices):
        CONFERENCE = "conference", "Case conference"
        QUESTIONS = "questions", "Questions to the therapist"

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="messages")
    thread = models.CharField(max_length=12, choices=Thread.choices)
    author = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    body = models.TextField()
    privacy_confirmed_matches = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["case", "thread", "created_at"])]

    def __str__(self):
        return f"{self.get_thread_display()} message on {self.case}"


class Interview(models.Model):
    """That the patient interview took place, and its notes (in the case, never
    in the report)."""

    case = models.OneToOneField(
        Case, on_delete=models.CASCADE, related_name="interview"
    )
    held_on = models.DateField()
    notes = models.TextField(blank=True)
    privacy_confirmed_matches = models.JSONField(default=list, blank=True)
    recorded_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"Interview for {self.case} on {self.held_on}"


class Report(models.Model):
    """The written formulation. ``sections`` maps each key of
    ``consultations.report_sections.SECTIONS`` to ``{"text": …, "shareable":
    bool}``; every save of the draft keeps a ReportVersion."""

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="report")
    sections = models.JSONField(default=dict, blank=True)
    author = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    privacy_confirmed_matches = models.JSONField(default=list, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    signoff_comments = models.TextField(blank=True)
    approved_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    rating_helpful = models.BooleanField(null=True, blank=True)
    rating_changes_plan = models.BooleanField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"Report for {self.case}"


class ReportVersion(models.Model):
    report = models.ForeignKey(
        Report, on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField()
    sections = models.JSONField(default=dict)
    saved_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    saved_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["report", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["report", "number"], name="one_number_per_version"
            )
        ]

    def __str__(self):
        return f"Version {self.number} of {self.report}"


class TimerNotice(models.Model):
    """The claim for one reminder, expiry or escalation notice: its unique key
    is what makes a second sweep, or a second worker, skip it."""

    key = models.CharField(max_length=120, unique=True)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return self.key


class AuditEvent(models.Model):
    """Every view and download of a case's parts, and every state change.

    ``actor`` is kept as a name too, so that the trail still reads after the
    account is gone.
    """

    class Action(models.TextChoices):
        VIEW = "view", "Viewed"
        DOWNLOAD = "download", "Downloaded"
        TRANSITION = "transition", "Changed state"
        CHANGE = "change", "Changed"

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="audit")
    actor = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    actor_name = models.CharField(max_length=120, blank=True)
    action = models.CharField(max_length=12, choices=Action.choices)
    # What was seen or changed: "case", "attachment:12", "conference", "report",
    # "report_pdf", "shareable_pdf", or the transition's name.
    target = models.CharField(max_length=60)
    from_status = models.CharField(max_length=20, blank=True)
    to_status = models.CharField(max_length=20, blank=True)
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["case", "-at"])]

    def __str__(self):
        return f"{self.actor_name} {self.action} {self.target} on {self.case}"
