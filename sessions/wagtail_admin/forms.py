"""The session tools' forms: the schedule rule, a one-off session, editing (and
so perhaps moving) a session, and cancelling one.

Only the checks a person can act on live here, with the service's own messages;
the services repeat the ones that matter for other callers, and a refusal of
theirs becomes a form error (``add_service_errors``).
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.forms.models import formfield_for_dbfield

from sessions.models import CoachingSession, ScheduleRule
from sessions.services import schedule
from sessions.wagtail_admin.columns import SETTLED_STATUSES

# The fields of a one-off session; editing adds the recording (see session_fields).
_SESSION_FIELDS = [
    "title",
    "topic",
    "starts_at",
    "duration_minutes",
    "questions_close_at",
    "meeting_url",
    "notes",
]


def session_fields(*, with_recording: bool) -> list[str]:
    """The session form's fields in order; the recording goes before the notes."""
    if not with_recording:
        return list(_SESSION_FIELDS)
    return [*_SESSION_FIELDS[:-1], "recording_url", _SESSION_FIELDS[-1]]


def _time_zone_help() -> str:
    return f"In your time zone, {timezone.get_current_timezone_name()}."


def _formfield(db_field, **kwargs):
    """Wagtail's admin fields; a link typed without a scheme becomes https://."""
    if isinstance(db_field, models.URLField):
        kwargs.setdefault("assume_scheme", "https")
    return formfield_for_dbfield(db_field, **kwargs)


def add_service_errors(form, error: ValidationError) -> None:
    """A service's refusal shown on the form, on the field it names if it has one."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


class ScheduleRuleForm(WagtailAdminModelForm):
    class Meta:
        model = ScheduleRule
        formfield_callback = _formfield
        fields = [
            "title",
            "weeks_of_month",
            "weekday",
            "local_time",
            "time_zone",
            "duration_minutes",
            "cutoff_hours",
            "meeting_url",
            "months_ahead",
            "active",
        ]


def _same_minute(a, b) -> bool:
    """The admin's date-time widget has no seconds: a time the form sends back
    unchanged may differ from the stored one by them."""
    return (
        a is not None
        and b is not None
        and a.replace(second=0, microsecond=0) == b.replace(second=0, microsecond=0)
    )


class SessionCreateForm(WagtailAdminModelForm):
    """A one-off session. Only the checks a person can act on live here; the
    service repeats the ones that matter (a start in the past) for other callers."""

    class Meta:
        model = CoachingSession
        formfield_callback = _formfield
        fields = session_fields(with_recording=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["starts_at"].help_text = _time_zone_help()
        close = self.fields["questions_close_at"]
        close.required = False
        close.help_text = (
            f"{_time_zone_help()} Leave empty for "
            f"{schedule.DEFAULT_CUTOFF.total_seconds() / 3600:.0f} hours before the "
            "start."
        )
        self.fields["meeting_url"].required = True
        self.fields["meeting_url"].help_text = (
            "The Zoom (or other) link, https://…. Members never see it: they join "
            "through the session's join page."
        )

    def clean(self):
        cleaned = super().clean()
        starts_at = cleaned.get("starts_at")
        if starts_at is None:
            return cleaned
        if cleaned.get("questions_close_at") is None and not self.has_error(
            "questions_close_at"
        ):
            cleaned["questions_close_at"] = starts_at - schedule.DEFAULT_CUTOFF
        if starts_at <= timezone.now():
            self.add_error("starts_at", schedule.PAST_START_MESSAGE)
            return cleaned
        close = cleaned.get("questions_close_at")
        if close is not None and close > starts_at:
            self.add_error("questions_close_at", schedule.CUTOFF_MESSAGE)
        return cleaned


class SessionEditForm(WagtailAdminModelForm):
    """Details are saved as they are; a new start time is a move (members told)."""

    class Meta:
        model = CoachingSession
        formfield_callback = _formfield
        fields = session_fields(with_recording=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.original_starts_at = self.instance.starts_at
        self.original_close_at = self.instance.questions_close_at
        self.fields["starts_at"].help_text = (
            f"{_time_zone_help()} Members with a question on this session are "
            "emailed the new time."
        )
        self.fields["questions_close_at"].help_text = (
            f"{_time_zone_help()} When the session moves, this moves with it "
            "unless you change it too."
        )
        self.fields["recording_url"].help_text = "https://… once the recording is up."
        meeting = self.fields["meeting_url"]
        rule = self.instance.rule if self.instance.rule_id else None
        if rule is not None and rule.meeting_url:
            meeting.help_text = (
                "Paste a fresh link for this session only. Leave empty to use the "
                "schedule's link. Members never see it: they join through the "
                "session's join page."
            )
        else:
            meeting.required = True
            meeting.help_text = (
                "The Zoom (or other) link, https://…. Members never see it: they "
                "join through the session's join page."
            )
        if self.instance.status in SETTLED_STATUSES:
            for name in ("starts_at", "questions_close_at"):
                self.fields[name].disabled = True
                self.fields[name].help_text = (
                    f"A {self.instance.get_status_display().lower()} session keeps "
                    "its time."
                )

    @property
    def moved(self) -> bool:
        return self.cleaned_data.get("starts_at") != self.original_starts_at

    def clean(self):
        cleaned = super().clean()
        starts_at, close = cleaned.get("starts_at"), cleaned.get("questions_close_at")
        if _same_minute(starts_at, self.original_starts_at):
            cleaned["starts_at"] = starts_at = self.original_starts_at
        if _same_minute(close, self.original_close_at):
            cleaned["questions_close_at"] = close = self.original_close_at
        if starts_at is None:
            return cleaned
        if starts_at != self.original_starts_at:
            if starts_at <= timezone.now():
                self.add_error("starts_at", schedule.PAST_START_MESSAGE)
                return cleaned
            if close == self.original_close_at:
                # The cutoff keeps its distance before the start.
                cleaned["questions_close_at"] = close = self.original_close_at + (
                    starts_at - self.original_starts_at
                )
        if close is not None and close > starts_at:
            self.add_error("questions_close_at", schedule.CUTOFF_MESSAGE)
        return cleaned


class SessionCancelForm(forms.Form):
    note = forms.CharField(
        label="A word to the members (optional)",
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Included in the email to members with a question on the session.",
    )
