"""Referral directory entries, the states they are licensed in, and members'
recommendations; and the "When to refer to psychiatry" guide page.

An entry is public professional information about a psychiatrist or another
specialist (practice, states, how they work with referring clinicians), never
anything clinical. Members suggest entries and the director approves them: only
approved entries are listed (``Status``; the transitions are in
``TRANSITIONS``). The states licensed are a child table, so that "licensed in
Oregon" is one indexed join, with the same postal codes as the member
directory (``community.regions``).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from community.regions import REGION_CHOICES, REGION_NAMES
from courses.models import MemberOnlyPage

User = settings.AUTH_USER_MODEL


class Specialty(models.Model):
    """Medication management, TMS, perinatal, ... (seeded by a migration;
    admins add more in the Django admin)."""

    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "specialties"

    def __str__(self):
        return self.name


class Wait(models.TextChoices):
    """How long until a new client is seen (an entry's typical wait, and what a
    recommendation reports)."""

    WEEK = "week", "Within a week"
    TWO_WEEKS = "2weeks", "Within 1–2 weeks"
    MONTH = "month", "Within 2–4 weeks"
    QUARTER = "quarter", "Within 1–3 months"
    LONGER = "longer", "After more than 3 months"


class Collaboration(models.TextChoices):
    CALLS = "calls", "Phone calls"
    LETTERS = "letters", "Letters"
    SHARED_NOTES = "notes", "Shared notes"


class Status(models.TextChoices):
    PENDING = "pending", "Waiting for the director's approval"
    APPROVED = "approved", "Approved"
    REJECTED = "rejected", "Not added"


# The one state machine of an entry: from each status, where it may go.
TRANSITIONS = {
    Status.PENDING: {Status.APPROVED, Status.REJECTED},
    Status.APPROVED: set(),
    Status.REJECTED: set(),
}


class ReferralEntry(models.Model):
    name = models.CharField(
        max_length=160, help_text="With credentials, e.g. “Dr. Ana Ruiz, MD”."
    )
    profession = models.CharField(
        max_length=120,
        blank=True,
        help_text="E.g. psychiatrist, psychiatric nurse practitioner.",
    )
    specialties = models.ManyToManyField(Specialty, related_name="entries")
    telehealth = models.BooleanField("offers telehealth", default=False)
    in_person = models.BooleanField("sees clients in person", default=False)
    city = models.CharField("practice city", max_length=80, blank=True)
    practice_region = models.CharField(
        "practice state", max_length=2, choices=REGION_CHOICES, blank=True
    )
    self_pay = models.BooleanField("accepts self-pay clients", default=False)
    insurance_accepted = models.CharField(
        max_length=200, blank=True, help_text="E.g. “Aetna, Medicare”."
    )
    collaboration = models.JSONField(
        "how they like to collaborate", default=list, blank=True
    )
    typical_wait = models.CharField(
        "typical wait for a new appointment",
        max_length=10,
        choices=Wait.choices,
        blank=True,
    )
    approach = models.TextField(
        "their approach",
        max_length=1000,
        blank=True,
        help_text="E.g. how they see medication within the whole treatment.",
    )
    practice_name = models.CharField(max_length=160, blank=True)
    website = models.URLField(blank=True)
    phone = models.CharField(max_length=40, blank=True)

    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.PENDING
    )
    rejection_reason = models.CharField(max_length=300, blank=True)
    suggested_by = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="referral_suggestions",
    )
    reviewed_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name", "pk"]
        verbose_name_plural = "referral entries"
        indexes = [models.Index(fields=["status", "name"], name="referral_listed")]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        unknown = set(self.collaboration or []) - set(Collaboration.values)
        if not isinstance(self.collaboration, list) or unknown:
            raise ValidationError({"collaboration": "Choose from the list."})
        if self.in_person and not (self.city and self.practice_region):
            raise ValidationError(
                {"city": "Give the city and state of the practice they see clients in."}
            )
        if not (self.telehealth or self.in_person):
            raise ValidationError(
                {"telehealth": "Tick telehealth, in person, or both."}
            )

    @property
    def collaboration_labels(self) -> list[str]:
        labels = dict(Collaboration.choices)
        return [labels[value] for value in self.collaboration if value in labels]

    @property
    def practice_region_name(self) -> str:
        return REGION_NAMES.get(self.practice_region, "")


class EntryRegion(models.Model):
    """One state an entry's specialist is licensed in."""

    entry = models.ForeignKey(
        ReferralEntry, on_delete=models.CASCADE, related_name="regions"
    )
    region = models.CharField(max_length=2, choices=REGION_CHOICES)

    class Meta:
        ordering = ["region"]
        constraints = [
            models.UniqueConstraint(
                fields=["entry", "region"], name="referral_region_once"
            )
        ]
        indexes = [models.Index(fields=["region", "entry"], name="referral_in_region")]

    def __str__(self):
        return f"{self.entry_id} in {self.region}"

    @property
    def name(self) -> str:
        return REGION_NAMES.get(self.region, self.region)


class Recommendation(models.Model):
    """A member's word on an entry after referring someone: how communication
    went and how soon the client was seen; never who the client was."""

    entry = models.ForeignKey(
        ReferralEntry, on_delete=models.CASCADE, related_name="recommendations"
    )
    author = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="referral_recommendations"
    )
    communication = models.CharField(
        "how communication went", max_length=500, blank=True
    )
    seen_within = models.CharField(
        "how soon the client was seen", max_length=10, choices=Wait.choices
    )
    referred_again = models.PositiveIntegerField(default=0)
    # What the privacy check found when the author confirmed (never the text).
    privacy_matches = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["entry", "author"], name="recommendation_once_per_member"
            )
        ]

    def __str__(self):
        return f"{self.author_id} on {self.entry_id}"


GUIDE_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link"]


class ReferralGuidePage(MemberOnlyPage):
    """ "When to refer to psychiatry": a members-only page in the library
    (``referrals.setup.ensure_guide_page`` creates it from data/guide.yaml)."""

    intro = models.CharField(max_length=300, blank=True)
    body = RichTextField(features=GUIDE_FEATURES)

    parent_page_types = ["courses.VideoIndexPage"]
    subpage_types: list = []
    max_count = 1
    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    template = "referrals/referral_guide_page.html"
