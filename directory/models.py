"""Directory profiles and licences.

A profile is off until its owner lists it, and each part of it has its own
"show" switch: the directory's pages and its filters read only what is shown,
so a filter can never find someone by a field they hid. A lapsed member keeps
their profile and settings; the directory simply leaves out everyone without
member access (``community.access.users_with_member_access``).

A licence's number is for the director and admins only. Its badge shows while
it is verified and not expired; changing the number, the place or the expiry
clears the verification, since what was checked is no longer what is shown.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from community.regions import REGION_CHOICES


class Term(models.Model):
    """A word members pick from a list the director keeps in the admin."""

    name = models.CharField(max_length=80, unique=True)

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self):
        return self.name


class Modality(Term):
    """EMDR, IFS, DBT, ... (orientations stay on the user, as before)."""

    class Meta(Term.Meta):
        verbose_name_plural = "modalities"


class Population(Term):
    """Adolescents, couples, veterans, ..."""


class Language(Term):
    """A language a member works in."""


class DirectoryProfile(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="directory_profile",
    )
    listed = models.BooleanField(
        "list me in the member directory",
        default=False,
        help_text="Off by default. Members see only the parts you choose below.",
    )
    photo = models.ImageField(upload_to="directory/photos/", blank=True)
    bio = models.TextField("short bio", max_length=600, blank=True)
    modalities = models.ManyToManyField(Modality, blank=True, related_name="+")
    populations = models.ManyToManyField(
        Population, blank=True, related_name="+", verbose_name="populations served"
    )
    languages = models.ManyToManyField(Language, blank=True, related_name="+")
    accepting_referrals = models.BooleanField(default=False)
    contact = models.CharField(
        "how colleagues can reach you",
        max_length=200,
        blank=True,
        help_text="A professional email, phone number or website, for referrals "
        "and consultation requests.",
    )
    city = models.CharField("practice city", max_length=80, blank=True)
    region = models.CharField(
        "practice state", max_length=2, choices=REGION_CHOICES, blank=True
    )

    # What the owner lets members see. The display name always shows.
    show_photo = models.BooleanField("show my photo", default=True)
    show_credentials = models.BooleanField("show my credentials", default=True)
    show_licences = models.BooleanField(
        "show my licence types and states", default=True
    )
    show_orientations = models.BooleanField("show my orientations", default=True)
    show_modalities = models.BooleanField("show my modalities", default=True)
    show_populations = models.BooleanField("show the populations I serve", default=True)
    show_languages = models.BooleanField("show my languages", default=True)
    show_bio = models.BooleanField("show my bio", default=True)
    show_accepting_referrals = models.BooleanField(
        "show whether I accept referrals", default=True
    )
    show_location = models.BooleanField("show my city and state", default=True)
    show_contact = models.BooleanField("show how to reach me", default=True)

    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        indexes = [models.Index(fields=["listed", "region"])]

    def __str__(self):
        return f"Directory profile of {self.user}"


class LicenceQuerySet(models.QuerySet):
    def valid(self, *, today=None):
        """Verified and not past its expiry: the ones that earn a badge."""
        today = today or timezone.localdate()
        return self.filter(verified_on__isnull=False, expires_on__gte=today)


class Licence(models.Model):
    class Kind(models.TextChoices):
        LCSW = "lcsw", "Licensed clinical social worker (LCSW)"
        LPC = "lpc", "Licensed professional counselor (LPC/LPCC/LMHC)"
        LMFT = "lmft", "Licensed marriage and family therapist (LMFT)"
        PSYCHOLOGIST = "psychologist", "Licensed psychologist"
        PSYCHIATRIST = "psychiatrist", "Psychiatrist (MD/DO)"
        NURSE_PRACTITIONER = "np", "Psychiatric nurse practitioner (PMHNP)"
        OTHER = "other", "Other licence"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="licences"
    )
    kind = models.CharField("licence type", max_length=20, choices=Kind.choices)
    region = models.CharField("state", max_length=2, choices=REGION_CHOICES)
    country = models.CharField(
        max_length=80,
        blank=True,
        help_text="Only for a licence from outside the US.",
    )
    number = models.CharField("licence number", max_length=40)
    # The number as compared, so that "LMFT 55501" and "lmft55501" are one licence.
    number_key = models.CharField(max_length=40, editable=False, default="")
    expires_on = models.DateField("expires on")
    npi = models.CharField(
        "NPI",
        max_length=10,
        blank=True,
        help_text="Your 10-digit National Provider Identifier, if you have one.",
    )
    verified_on = models.DateField(null=True, blank=True, editable=False)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    # The director looked and could not verify it (the number is not on the
    # board's lookup, the name differs...): why, for the member to correct.
    not_verified_on = models.DateField(null=True, blank=True, editable=False)
    not_verified_reason = models.CharField(max_length=300, blank=True, editable=False)
    # Set once by the daily sweep, so that each notice goes exactly once.
    expiry_warned_at = models.DateTimeField(null=True, blank=True, editable=False)
    expired_noticed_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = LicenceQuerySet.as_manager()

    class Meta:
        ordering = ["region", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind", "region", "country", "number_key"],
                name="one_licence_per_member_and_number",
            )
        ]
        indexes = [models.Index(fields=["expires_on"])]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.region})"

    def save(self, *args, **kwargs):
        # Derived, never typed: kept right however the row is written.
        self.number_key = self.key_for(self.number)
        super().save(*args, **kwargs)

    @staticmethod
    def key_for(number: str) -> str:
        """Letters and digits only, in upper case."""
        return "".join(ch for ch in number if ch.isalnum()).upper()

    def is_valid(self, *, today=None) -> bool:
        today = today or timezone.localdate()
        return self.verified_on is not None and self.expires_on >= today

    @staticmethod
    def valid_q(prefix: str = "", *, today=None) -> Q:
        """``valid()`` as a condition, for filters across a relation."""
        today = today or timezone.localdate()
        return Q(
            **{f"{prefix}verified_on__isnull": False, f"{prefix}expires_on__gte": today}
        )
