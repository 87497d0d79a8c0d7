"""The form for granting a complimentary membership from the Wagtail admin.

Only an existing account can be granted one (the person signs up first), and
the chosen day is the last day of access: it ends when the next day begins in
the admin's own time zone (the view runs in it: ``OwnTimeZoneMixin``), or in the
member's if that is later (``services.comp_ends_at``).
"""

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils import timezone


class GrantCompForm(forms.Form):
    user = None  # the account the email belongs to, once the form is valid

    email = forms.EmailField(label="Member's email")
    until = forms.DateField(
        required=False,
        # The browser's own date field: Wagtail's date picker rewrote a mistyped
        # day ("15/13/2027") to today, which then saved a comp ending today.
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text="The last day of access. Leave empty for no end date.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["until"].help_text = (
            "The last day of access: it lasts until midnight in your time zone, "
            f"{timezone.get_current_timezone_name()}, or in the member's if that "
            "is later. We email them the day. Leave empty for no end date."
        )

    note = forms.CharField(
        max_length=200,
        required=False,
        help_text="Why, for the other admins, e.g. “Scholarship 2026”.",
    )

    def clean_email(self):
        email = self.cleaned_data["email"]
        self.user = (
            get_user_model()
            .objects.filter(email__iexact=email, deleted_at__isnull=True)
            .first()
        )
        if self.user is None:
            raise ValidationError(
                "No account uses this email address. The person signs up first, "
                "then you can grant the membership."
            )
        return email

    def clean_until(self):
        day = self.cleaned_data["until"]
        if day is not None and day < timezone.localdate():
            raise ValidationError("Choose today or a later day.")
        return day
