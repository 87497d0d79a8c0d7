"""The licence forms. The expiry is read as a date in the member's own zone
(the middleware activates it); the service checks the same rules again, so a
form is a kinder place for an error, not the only guard."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from community.regions import OUTSIDE_US, REGION_CHOICES
from directory.models import Licence
from directory.npi import validate_npi
from directory.services.licences import (
    COUNTRY_MESSAGE,
    DUPLICATE_MESSAGE,
    EXPIRED_MESSAGE,
)

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

    def __init__(self, *args, user, licence: Licence | None = None, **kwargs):
        if licence is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                name: getattr(licence, name)
                for name in ("kind", "region", "country", "number", "expires_on", "npi")
            }
        super().__init__(*args, **kwargs)
        self.user = user
        self.licence = licence

    def clean_number(self):
        return self.cleaned_data["number"].strip()

    def clean_expires_on(self):
        expires_on = self.cleaned_data["expires_on"]
        if expires_on < timezone.localdate():
            raise ValidationError(EXPIRED_MESSAGE)
        return expires_on

    def clean_npi(self):
        npi = "".join(ch for ch in self.cleaned_data["npi"] if ch not in " -")
        if npi:
            validate_npi(npi)
        return npi

    def clean(self):
        cleaned = super().clean()
        region = cleaned.get("region")
        if region == OUTSIDE_US:
            cleaned["country"] = cleaned.get("country", "").strip()
            if not cleaned["country"]:
                self.add_error("country", COUNTRY_MESSAGE)
        elif region:
            cleaned["country"] = ""
        fields = ("kind", "region", "number")
        if all(cleaned.get(name) for name in fields) and "country" in cleaned:
            same = Licence.objects.filter(
                user=self.user,
                kind=cleaned["kind"],
                region=cleaned["region"],
                country=cleaned["country"],
                number_key=Licence.key_for(cleaned["number"]),
            )
            if self.licence is not None:
                same = same.exclude(pk=self.licence.pk)
            if same.exists():
                raise ValidationError(DUPLICATE_MESSAGE, code="duplicate")
        return cleaned


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
