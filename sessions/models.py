"""Live coaching sessions, the questions members send in, and their votes.

Every time is stored in UTC; the director's schedule rule keeps its own time zone
so that "12:00 in Los Angeles" stays 12:00 there across daylight-saving changes.
"""

import secrets
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, URLValidator
from django.db import models
from django.db.models import Q

from community.models import time_zone_choices

HTTP_URL = URLValidator(schemes=["http", "https"])
JOIN_OPENS_BEFORE = timedelta(minutes=15)
# A session may overrun: attendance may be confirmed up to this much longer.
ATTENDANCE_MINUTES_OVER = 60


class ScheduleRule(models.Model):
    """The director's recurring rule, e.g. 2nd and 4th Thursday, 12:00 Los Angeles."""

    class Weekday(models.IntegerChoices):
        MONDAY = 0, "Monday"
        TUESDAY = 1, "Tuesday"
        WEDNESDAY = 2, "Wednesday"
        THURSDAY = 3, "Thursday"
        FRIDAY = 4, "Friday"
        SATURDAY = 5, "Saturday"
        SUNDAY = 6, "Sunday"

    title = models.CharField(max_length=120, default="Group coaching session")
    weekday = models.PositiveSmallIntegerField(
        choices=Weekday.choices, default=Weekday.THURSDAY
    )
    weeks_of_month = models.CharField(
        max_length=20,
        default="2,4",
        help_text="Which occurrences of the weekday in a month, e.g. “2,4” for the "
        "second and fourth; 5 means the fifth when there is one.",
    )
    local_time = models.TimeField(help_text="Start time in the rule's time zone.")
    time_zone = models.CharField(
        max_length=64, choices=time_zone_choices, default="America/Los_Angeles"
    )
    duration_minutes = models.PositiveSmallIntegerField(
        default=90, validators=[MinValueValidator(15), MaxValueValidator(480)]
    )
    cutoff_hours = models.PositiveSmallIntegerField(
        default=48,
        validators=[MaxValueValidator(24 * 14)],
        help_text="Questions close this many hours before the start.",
    )
    meeting_url = models.URLField(validators=[HTTP_URL])
    months_ahead = models.PositiveSmallIntegerField(
        default=3, validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    active = models.BooleanField(default=True)

    def __str__(self):
        return f"{self.title}: {self.weeks_of_month} {self.get_weekday_display()}"

    def week_numbers(self) -> list[int]:
        try:
            weeks = sorted(
                {int(w) for w in self.weeks_of_month.split(",") if w.strip()}
            )
        except ValueError as exc:
            raise ValidationError(
                {"weeks_of_month": "Use numbers from 1 to 5 separated by commas."}
            ) from exc
        if not weeks or any(w < 1 or w > 5 for w in weeks):
            raise ValidationError(
                {"weeks_of_month": "Use numbers from 1 to 5 separated by commas."}
            )
        return weeks

    def clean(self):
        self.week_numbers()


class CoachingSession(models.Model):
    class Status(models.TextChoices):
        SCHEDULED = "scheduled", "Scheduled"
        AGENDA_PUBLISHED = "agenda_published", "Agenda published"
        DONE = "done", "Done"
        CANCELLED = "cancelled", "Cancelled"

    title = models.CharField(max_length=160)
    topic = models.TextField("topic blurb", blank=True, max_length=2000)
    starts_at = models.DateTimeField(db_index=True)
    duration_minutes = models.PositiveSmallIntegerField(
        default=90, validators=[MinValueValidator(15), MaxValueValidator(480)]
    )
    meeting_url = models.URLField(
        blank=True,
        validators=[HTTP_URL],
        help_text="A fresh link for this session only; empty uses the schedule's.",
    )
    questions_close_at = models.DateTimeField(
        help_text="Members can send, edit and withdraw questions until then."
    )
    status = models.CharField(
        max_length=20, choices=Status.choices, default=Status.SCHEDULED, db_index=True
    )
    agenda_published_at = models.DateTimeField(
        null=True,
        blank=True,
        editable=False,
        help_text="When the agenda was first published; questions sent later are "
        "marked on the board.",
    )
    recording_url = models.URLField(blank=True, validators=[HTTP_URL])
    notes = models.TextField(blank=True)
    attendance_confirmed_at = models.DateTimeField(
        null=True,
        blank=True,
        editable=False,
        help_text="When the director last confirmed who attended.",
    )
    rule = models.ForeignKey(
        ScheduleRule, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["starts_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["rule", "starts_at"], name="one_session_per_rule_and_start"
            ),
            models.CheckConstraint(
                condition=Q(questions_close_at__lte=models.F("starts_at")),
                name="questions_close_before_start",
            ),
        ]

    def __str__(self):
        return f"{self.title} ({self.starts_at:%Y-%m-%d %H:%M} UTC)"

    @property
    def ends_at(self):
        return self.starts_at + timedelta(minutes=self.duration_minutes)

    @property
    def join_opens_at(self):
        return self.starts_at - JOIN_OPENS_BEFORE

    def accepts_questions(self, now) -> bool:
        """Until the cutoff, also once the agenda is published: publishing says
        what will be discussed, it does not close the session to new questions
        (the director may still add them)."""
        return (
            self.status in (self.Status.SCHEDULED, self.Status.AGENDA_PUBLISHED)
            and now < self.questions_close_at
        )

    def join_is_open(self, now) -> bool:
        return (
            self.status != self.Status.CANCELLED
            and self.join_opens_at <= now < self.ends_at
        )

    @property
    def effective_meeting_url(self) -> str:
        """The link the join page redirects to: the session's own, else its
        rule's. It is never shown or sent; members go through the join page."""
        if self.meeting_url:
            return self.meeting_url
        return self.rule.meeting_url if self.rule_id and self.rule else ""


class Question(models.Model):
    class Status(models.TextChoices):
        SUBMITTED = "submitted", "Submitted"
        ACCEPTED = "accepted", "On the agenda"
        DECLINED = "declined", "Declined"
        DEFERRED = "deferred", "Moved to a later session"
        MERGED = "merged", "Merged with a similar question"
        ANSWERED = "answered", "Answered"
        WITHDRAWN = "withdrawn", "Withdrawn"

    session = models.ForeignKey(
        CoachingSession, on_delete=models.CASCADE, related_name="questions"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="questions"
    )
    co_authors = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="co_authored_questions",
        help_text="Authors of questions merged into this one.",
    )
    title = models.CharField(max_length=160)
    body = models.TextField("question", max_length=4000)
    context = models.TextField("case context", blank=True, max_length=4000)
    hide_name = models.BooleanField(
        "hide my name from other members",
        default=False,
        help_text="The director always sees who asked.",
    )
    status = models.CharField(
        max_length=12, choices=Status.choices, default=Status.SUBMITTED, db_index=True
    )
    director_note = models.TextField(blank=True, max_length=2000)
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="merged"
    )
    agenda_position = models.PositiveSmallIntegerField(null=True, blank=True)
    time_budget_minutes = models.PositiveSmallIntegerField(null=True, blank=True)
    recording_minute = models.PositiveSmallIntegerField(null=True, blank=True)
    source_topic = models.ForeignKey(
        "forum_conversation.Topic",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="session_questions",
    )
    vote_count = models.PositiveIntegerField(default=0)
    privacy_confirmed_matches = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-vote_count", "created_at"]
        indexes = [models.Index(fields=["session", "status"])]

    def __str__(self):
        return self.title


class Vote(models.Model):
    """A member's "me too". The constraint, not Python, makes two clicks count once."""

    question = models.ForeignKey(
        Question, on_delete=models.CASCADE, related_name="votes"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["question", "user"], name="one_vote_each")
        ]

    def __str__(self):
        return f"Vote by {self.user_id} on {self.question_id}"


class CalendarToken(models.Model):
    """The secret in a member's private calendar feed URL; replace it to revoke."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="calendar_token",
    )
    token = models.CharField(max_length=64, unique=True, default=secrets.token_urlsafe)
    created_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"Calendar feed of {self.user_id}"


class SentReminder(models.Model):
    """One row per reminder (or agenda email) sent: the claim that makes a
    restarted worker, or a second one, never send it twice."""

    class Kind(models.TextChoices):
        QUESTIONS_CLOSING = "questions_closing", "Questions close in 24 hours"
        DAY_BEFORE = "day_before", "Session in 24 hours"
        HOUR_BEFORE = "hour_before", "Session in 1 hour"
        RECORDING = "recording", "Recording posted"
        AGENDA = "agenda", "Agenda published"

    kind = models.CharField(max_length=20, choices=Kind.choices)
    session = models.ForeignKey(
        CoachingSession, on_delete=models.CASCADE, related_name="+"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "session", "user"], name="one_reminder_each"
            )
        ]

    def __str__(self):
        return f"{self.kind} for session {self.session_id} to {self.user_id}"


class Attendance(models.Model):
    """Who went through the join page, when first and last, and how often; and,
    once the director confirms it, the minutes attended: the record the
    continuing-education transcript lists.

    A row from the join link is only a claim until confirmed (``minutes`` stays
    empty); the director may also add someone who joined another way (by phone,
    a forwarded link), whose join times are then unknown. Watching the
    recording later never makes a row.
    """

    class Source(models.TextChoices):
        JOIN_LINK = "join_link", "Joined through the site"
        DIRECTOR = "director", "Added by the director"

    session = models.ForeignKey(
        CoachingSession, on_delete=models.CASCADE, related_name="attendances"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    source = models.CharField(
        max_length=12, choices=Source.choices, default=Source.JOIN_LINK
    )
    first_joined_at = models.DateTimeField(null=True, blank=True)
    last_joined_at = models.DateTimeField(null=True, blank=True)
    join_count = models.PositiveIntegerField(default=1)
    minutes = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text="Minutes attended, as the director confirmed them; empty until "
        "confirmed, or when the director found the member did not attend.",
    )
    confirmed_at = models.DateTimeField(null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["session", "user"], name="one_attendance_per_member"
            )
        ]

    def __str__(self):
        return f"{self.user_id} at session {self.session_id}"

    def clean(self):
        if self.minutes is not None and self.session_id:
            longest = self.session.duration_minutes + ATTENDANCE_MINUTES_OVER
            if self.minutes > longest:
                raise ValidationError(
                    {"minutes": f"At most {longest} minutes for this session."}
                )
