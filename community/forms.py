"""Forms for sign-up extras, the profile, notification settings and account deletion."""

from django import forms
from django.core.exceptions import ValidationError

from community.form_fields import formfield_callback
from community.models import NotificationPreferences, User, time_zone_choices
from community.reserved_names import RESERVED_NAME_MESSAGE, is_reserved_name


class TimeZoneSelect(forms.Select):
    """A select that the browser may pre-fill with its own zone (static/js/site.js)."""

    def __init__(self, attrs=None):
        super().__init__({"data-detect-timezone": "", **(attrs or {})})


class SignupProfileForm(forms.Form):
    """Extra sign-up fields, merged into allauth's sign-up form."""

    display_name = forms.CharField(
        max_length=80,
        help_text="How other members see you, e.g. “Dana R.”.",
        widget=forms.TextInput(attrs={"autocomplete": "nickname"}),
    )
    time_zone = forms.ChoiceField(
        choices=time_zone_choices,
        initial="UTC",
        widget=TimeZoneSelect,
        help_text="Session times are shown in this time zone.",
    )

    def clean_display_name(self):
        name = self.cleaned_data["display_name"]
        if is_reserved_name(name):
            raise ValidationError(RESERVED_NAME_MESSAGE, code="reserved")
        return name

    def signup(self, request, user):
        user.display_name = self.cleaned_data["display_name"]
        user.time_zone = self.cleaned_data["time_zone"]
        user.save(update_fields=["display_name", "time_zone"])


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = User.PROFILE_FIELDS
        formfield_callback = formfield_callback  # impossible ids: a form error
        labels = {
            "first_name": "First name (for certificates)",
            "last_name": "Last name (for certificates)",
        }
        widgets = {
            "orientations": forms.CheckboxSelectMultiple,
            "time_zone": TimeZoneSelect,
        }

    def clean_display_name(self):
        name = self.cleaned_data["display_name"]
        if is_reserved_name(name, user=self.instance):
            raise ValidationError(RESERVED_NAME_MESSAGE, code="reserved")
        return name


class NotificationPreferencesForm(forms.ModelForm):
    class Meta:
        model = NotificationPreferences
        fields = [
            "forum_replies",
            "forum_announcements",
            "forum_mentions",
            "session_questions_closing",
            "session_agenda_published",
            "session_reminder_day",
            "session_reminder_hour",
            "session_recording_posted",
            "new_videos",
        ]
        widgets = {"forum_replies": forms.RadioSelect}


class AccountDeleteForm(forms.Form):
    """Only the confirmation: allauth's reauthentication asks for the password
    or the second factor before this form is shown."""

    confirm = forms.BooleanField(
        label="I understand that my account and profile are deleted for good, and "
        "that my forum posts stay, shown as from a deleted member.",
    )
