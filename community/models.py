"""Accounts, profiles and the public landing page.

The user model logs in by email (no username) and carries the profile fields that
every page needs (display name, time zone), so that lists of posts and questions
need no extra join to show who wrote them.
"""

import zoneinfo
from functools import cache

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

DELETED_MEMBER_NAME = "Deleted member"


@cache
def time_zone_choices() -> list[tuple[str, str]]:
    names = sorted(zoneinfo.available_timezones() - {"localtime", "Factory"})
    return [(name, name.replace("_", " ")) for name in names]


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)

    def get_by_natural_key(self, username):
        return self.get(email__iexact=username)


class Orientation(models.Model):
    """A therapeutic orientation a member can name in their profile."""

    name = models.CharField(max_length=80, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class User(AbstractUser):
    username = None
    email = models.EmailField("email address", unique=True)
    display_name = models.CharField(
        max_length=80,
        help_text="How other members see you, e.g. “Dana R.” or “Dr. Dana Reyes”.",
    )
    credentials = models.CharField(
        "professional credentials",
        max_length=200,
        blank=True,
        help_text="e.g. LCSW, PhD, licensed psychologist (Oregon).",
    )
    orientations = models.ManyToManyField(
        Orientation,
        blank=True,
        related_name="users",
        verbose_name="therapeutic orientations",
    )
    time_zone = models.CharField(
        max_length=64,
        default="UTC",
        choices=time_zone_choices,
        help_text="Session times and dates are shown in this time zone.",
    )
    deleted_at = models.DateTimeField(null=True, blank=True, editable=False)
    # The dashboard's "Start here" card: hidden for good once the member says so.
    # Its steps tick themselves from what the member did (community.onboarding).
    start_here_dismissed_at = models.DateTimeField(
        null=True, blank=True, editable=False
    )

    objects = UserManager()

    # What a person edits on /account/ and an admin sees under "Profile".
    PROFILE_FIELDS = [
        "display_name",
        "first_name",
        "last_name",
        "credentials",
        "orientations",
        "time_zone",
    ]

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["display_name"]

    class Meta:
        constraints = [
            models.UniqueConstraint(Lower("email"), name="user_email_ci_unique"),
        ]

    def __str__(self):
        return self.get_display_name()

    def get_display_name(self) -> str:
        if self.deleted_at:
            return DELETED_MEMBER_NAME
        return self.display_name or f"Member {self.pk}"

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None


class NotificationPreferences(models.Model):
    """Which emails a member wants. Billing and account emails are always sent."""

    class ForumDelivery(models.TextChoices):
        IMMEDIATE = "immediate", "Immediately"
        DIGEST = "digest", "Daily digest"
        OFF = "off", "Off"

    user = models.OneToOneField(
        User,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="notification_preferences",
    )
    forum_replies = models.CharField(
        "replies in topics I follow",
        max_length=10,
        choices=ForumDelivery.choices,
        default=ForumDelivery.IMMEDIATE,
    )
    forum_announcements = models.BooleanField(
        "new announcements from the director", default=True
    )
    forum_mentions = models.BooleanField("a member mentions me in a post", default=True)
    session_questions_closing = models.BooleanField(
        "questions for a session close in 24 hours", default=True
    )
    session_agenda_published = models.BooleanField(
        "a session's agenda is published", default=True
    )
    session_reminder_day = models.BooleanField(
        "a session starts in 24 hours", default=True
    )
    session_reminder_hour = models.BooleanField(
        "a session starts in 1 hour", default=True
    )
    session_recording_posted = models.BooleanField(
        "a session's recording is posted", default=True
    )
    new_videos = models.BooleanField("new videos in the library", default=False)

    class Meta:
        verbose_name_plural = "notification preferences"

    def __str__(self):
        return f"Notification preferences of {self.user}"


class OutgoingEmail(models.Model):
    """One message in the outbox (community.mail writes it, community.outbox
    sends it). The row is the message: the task that sends it is given only the
    id, so a lost broker loses nothing and keeps no copy. Once sent, or given up
    on, only the recipients, the subject and the dates remain (no reset or
    verification link is kept); the rest is purged after
    EMAIL_OUTBOX_RETENTION_DAYS."""

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting to be sent"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed"

    from_email = models.CharField(max_length=320)
    to = models.JSONField(default=list)
    cc = models.JSONField(default=list, blank=True)
    bcc = models.JSONField(default=list, blank=True)
    reply_to = models.JSONField(default=list, blank=True)
    subject = models.TextField()
    body = models.TextField(blank=True)
    content_subtype = models.CharField(max_length=20, default="plain")
    # [[content, mimetype]] and [[filename, base64 content, mimetype, is_text]]
    alternatives = models.JSONField(default=list, blank=True)
    attachments = models.JSONField(default=list, blank=True)
    headers = models.JSONField(default=dict, blank=True)

    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    next_attempt_at = models.DateTimeField(
        default=timezone.now,
        help_text="When a worker may next try it (also the lease of a claim).",
    )
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "outgoing email"
        indexes = [
            models.Index(
                fields=["status", "next_attempt_at"], name="outgoing_email_due"
            ),
        ]

    def __str__(self):
        return f"Email #{self.pk} to {', '.join(self.to)}"


class FaqBlock(blocks.StructBlock):
    question = blocks.CharBlock(max_length=200)
    answer = blocks.RichTextBlock(features=["bold", "italic", "link", "ol", "ul"])

    class Meta:
        icon = "help"
        template = "community/blocks/faq.html"


class PillarBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=80)
    text = blocks.TextBlock()

    class Meta:
        icon = "list-ul"
        template = "community/blocks/pillar.html"


class HomePage(Page):
    """The public landing page: the program, the director, the price and the FAQ."""

    hero_title = models.CharField(max_length=120)
    hero_text = models.TextField(blank=True)
    program_intro = RichTextField(blank=True, features=["bold", "italic", "link"])
    pillars = StreamField([("pillar", PillarBlock())], blank=True)
    director_name = models.CharField(max_length=120, blank=True)
    director_title = models.CharField(max_length=160, blank=True)
    director_photo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    director_bio = RichTextField(blank=True, features=["bold", "italic", "link"])
    price_label = models.CharField(
        max_length=60, blank=True, help_text="e.g. “$89 per month”."
    )
    price_note = models.CharField(
        max_length=200, blank=True, help_text="e.g. “Cancel any time.”"
    )
    faq = StreamField([("question", FaqBlock())], blank=True)
    call_to_action = models.CharField(max_length=60, default="Join the community")

    max_count = 1
    parent_page_types = ["wagtailcore.Page"]

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [FieldPanel("hero_title"), FieldPanel("hero_text")], heading="Hero"
        ),
        MultiFieldPanel(
            [FieldPanel("program_intro"), FieldPanel("pillars")], heading="Program"
        ),
        MultiFieldPanel(
            [
                FieldPanel("director_name"),
                FieldPanel("director_title"),
                FieldPanel("director_photo"),
                FieldPanel("director_bio"),
            ],
            heading="Program director",
        ),
        MultiFieldPanel(
            [
                FieldPanel("price_label"),
                FieldPanel("price_note"),
                FieldPanel("call_to_action"),
            ],
            heading="Price",
        ),
        FieldPanel("faq"),
    ]

    template = "community/home_page.html"
