"""The case team's forms. Every text a person writes here (a message in either
thread, the interview notes) goes through the privacy guard, as forum posts do:
highlighted, kept, and saved only after an edit or a confirmation."""

from django import forms
from django.utils import timezone

from community.privacy_forms import PrivacyCheckMixin
from consultations.services.team import MAX_MESSAGE


class MessageForm(PrivacyCheckMixin, forms.Form):
    """One message; the thread's name is the form's prefix, so both threads'
    forms can sit on the case page at once."""

    privacy_fields = ("body",)

    body = forms.CharField(
        label="Your message",
        max_length=MAX_MESSAGE,
        widget=forms.Textarea(attrs={"rows": 5}),
    )


class PanelInviteForm(forms.Form):
    user = forms.TypedChoiceField(
        label="Consultant to invite", coerce=int, empty_value=None
    )

    def __init__(self, *args, candidates=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].choices = [("", "Choose a consultant")] + [
            (profile.user_id, _candidate_label(profile)) for profile in candidates
        ]


def _candidate_label(profile) -> str:
    label = profile.user.get_display_name()
    if profile.credentials:
        label += f" ({profile.credentials})"
    return label


class ScheduleForm(forms.Form):
    """The live conference, in the viewer's own zone (the middleware activates
    it, and Django reads a typed time in the active zone). An empty time
    clears the schedule."""

    starts_at = forms.DateTimeField(
        label="Starts at",
        required=False,
        help_text="In your time zone. Leave empty for a written conference only.",
        widget=forms.DateTimeInput(
            attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
        ),
    )
    minutes = forms.IntegerField(
        label="Length in minutes", min_value=15, max_value=240, initial=60
    )
    url = forms.URLField(
        label="Video link",
        required=False,
        assume_scheme="https",
        help_text="Never shown or sent: the panel joins through the site, "
        "from 15 minutes before the start.",
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("url") and not cleaned.get("starts_at"):
            self.add_error("starts_at", "Give the time the conference starts.")
        return cleaned

    @classmethod
    def for_case(cls, case, data=None):
        initial = {
            "starts_at": timezone.localtime(case.conference_at)
            if case.conference_at
            else None,
            "minutes": case.conference_minutes,
            "url": case.conference_url,
        }
        return cls(data, initial=initial, prefix="schedule")


class InterviewForm(PrivacyCheckMixin, forms.Form):
    privacy_fields = ("notes",)

    held_on = forms.DateField(
        label="Date of the interview",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    notes = forms.CharField(
        label="Interview notes",
        required=False,
        max_length=MAX_MESSAGE,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="Kept with the case for the team, never in the report.",
    )

    @classmethod
    def for_case(cls, case, data=None):
        interview = getattr(case, "interview", None)
        initial = (
            {"held_on": interview.held_on, "notes": interview.notes}
            if interview
            else {}
        )
        return cls(data, initial=initial, prefix="interview")
