"""The referral directory's forms: an entry (a member's suggestion, the
director's edit), a refusal's reason, a recommendation and the search filters.

A recommendation is about the specialist, never the client: its text goes
through the same privacy guard as forum posts and session questions.
"""

from django import forms

from community.privacy_forms import PrivacyCheckMixin
from community.regions import REGION_CHOICES
from referrals.models import Collaboration, Recommendation, ReferralEntry, Specialty
from referrals.selectors import MODES
from referrals.services import ENTRY_FIELDS, NO_REGION, NO_SPECIALTY


def _choose_first(form, name: str, prompt: str) -> None:
    """A select's empty choice in words, not Django's "---------"."""
    field = form.fields[name]
    field.choices = [("", prompt), *[c for c in field.choices if c[0] != ""]]


class EntryForm(forms.ModelForm):
    specialties = forms.ModelMultipleChoiceField(
        queryset=Specialty.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": NO_SPECIALTY},
    )
    regions = forms.MultipleChoiceField(
        label="States licensed",
        choices=REGION_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": NO_REGION},
    )
    website = forms.URLField(
        label="Website", required=False, max_length=200, assume_scheme="https"
    )
    collaboration = forms.MultipleChoiceField(
        label="How they like to collaborate",
        choices=Collaboration.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = ReferralEntry
        # The services' fields, with the two chosen from lists after the name.
        fields = [*ENTRY_FIELDS[:2], "specialties", "regions", *ENTRY_FIELDS[2:]]
        widgets = {"approach": forms.Textarea(attrs={"rows": 4})}
        help_texts = {
            "city": "If they see clients in person.",
            "approach": "Public, professional information only: no client details.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _choose_first(self, "practice_region", "Choose a state")
        _choose_first(self, "typical_wait", "Choose a typical wait")
        if self.instance.pk and not self.is_bound:
            self.initial["regions"] = list(
                self.instance.regions.values_list("region", flat=True)
            )

    def entry_data(self) -> dict:
        """What a valid form hands to the services."""
        data = self.cleaned_data
        return {
            "specialties": list(data["specialties"]),
            "regions": list(data["regions"]),
            **{name: data[name] for name in ENTRY_FIELDS},
        }


class RejectForm(forms.Form):
    reason = forms.CharField(
        label="Why it is not added",
        max_length=300,
        help_text="The member who suggested it reads this on the site.",
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class RecommendationForm(PrivacyCheckMixin, forms.ModelForm):
    privacy_fields = ("communication",)

    class Meta:
        model = Recommendation
        fields = ["seen_within", "communication"]
        labels = {"communication": "How communication went (no patient details)"}
        help_texts = {
            "communication": "E.g. “Called me back within two days and wrote a "
            "clear letter.” About the specialist, never the client.",
        }
        widgets = {"communication": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _choose_first(self, "seen_within", "Choose how soon")


class FilterForm(forms.Form):
    """The search form (GET); the selectors read the same parameters."""

    q = forms.CharField(label="Search names, practices and cities", required=False)
    specialty = forms.ChoiceField(label="Specialty", required=False)
    state = forms.ChoiceField(
        label="Licensed in",
        required=False,
        choices=[("", "Any state"), *REGION_CHOICES],
    )
    mode = forms.ChoiceField(
        label="Telehealth or in person",
        required=False,
        choices=[("", "Either"), *MODES.items()],
    )
    insurance = forms.CharField(label="Insurance", required=False)
    self_pay = forms.BooleanField(label="Accepts self-pay", required=False)

    def __init__(self, *args, specialties, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["specialty"].choices = [
            ("", "Any specialty"),
            *((s.slug, s.name) for s in specialties),
        ]
        self.fields["q"].widget.attrs.update(type="search", maxlength=200)
