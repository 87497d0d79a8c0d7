"""The licence forms. The expiry is read as a date in the member's own zone
(the middleware activates it); the service checks the same rules again, so a
form is a kinder place for an error, not the only guard."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from community.regions import REGION_CHOICES
from directory.models import Licence

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class LicenceForm(forms.Form):
    kind = forms.ChoiceField(
        label="Licence type", choices=[("", "Choose a type"), *Licence.Kind.choices]
    )
    region = forms.ChoiceField(
        label="State",
        choices=[("", "Choose a state"), *REGION_CHOICES],
        help_text='For a licence from another country, choose "Outside the US".',
    )
    country = forms.CharField(
        label="Country",
        max_length=80,
        required=False,
        help_text='Only with "Outside the US".',
    )
    number = forms.CharField(
        label="Licence number",
        max_length=40,
        help_text="Seen only by you, the program director and admins, who check it "
        "against the board's public lookup.",
    )
    expires_on = forms.DateField(label="Expires on", widget=DATE_WIDGET)
    npi = forms.CharField(
        label="NPI (optional)",
        max_length=20,
        required=False,
        help_text="Your 10-digit National Provider Identifier, if you have one.",
    )

    def __init__(self, *args, licence: Licence | None = None, **kwargs):
        if licence is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                name: getattr(licence, name)
                for name in ("kind", "region", "country", "number", "expires_on", "npi")
            }
        super().__init__(*args, **kwargs)

    # The rules (a current expiry, the country outside the US, the NPI's check
    # digit, one licence per number) are the services': they run on every
    # save, and the view puts their errors on these fields.


class VerifyForm(forms.Form):
    checked_on = forms.DateField(
        label="Date checked",
        widget=DATE_WIDGET,
        help_text="The day you looked the licence up on the board's site.",
    )
    seen = forms.CharField(widget=forms.HiddenInput, required=False)

    def clean_checked_on(self):
        checked_on = self.cleaned_data["checked_on"]
        if checked_on > timezone.localdate():
            raise ValidationError("The date checked can't be in the future.")
        return checked_on
