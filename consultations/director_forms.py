"""The director's forms: triage notes, topics and urgency, the ranked offer,
more time, cancelling, and the pool's own (a consultant, a period away, a
topic). Plain forms: every one works without JavaScript."""

from django import forms
from django.contrib.auth import get_user_model

from community.models import Orientation
from consultations.models import Case, ConsultantProfile, Tag
from consultations.services.triage import EXTEND_HOURS

MAX_AT_ONCE = 5


class NoteForm(forms.Form):
    note = forms.CharField(
        label="Note for the therapist",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=(
            "Shown to the therapist on the site; the email only says there is a note."
        ),
        error_messages={"required": "Write a note for the therapist."},
    )


class TopicsForm(forms.Form):
    tags = forms.ModelMultipleChoiceField(
        label="Topics",
        queryset=Tag.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    urgency = forms.ChoiceField(label="Urgency", choices=Case.Urgency.choices)

    def tags_by_kind(self):
        """The checkboxes grouped under modality, population and question type."""
        chosen = {str(v) for v in (self["tags"].value() or [])}
        grouped = {kind: [] for kind in Tag.Kind}
        for tag in self.fields["tags"].queryset:
            grouped[Tag.Kind(tag.kind)].append((tag, str(tag.pk) in chosen))
        return [(kind.label, items) for kind, items in grouped.items()]


class OfferForm(forms.Form):
    """A tick and a rank per candidate; the ranked list goes to ``case_offer``."""

    at_once = forms.IntegerField(
        label="Offer to how many at once",
        min_value=1,
        max_value=MAX_AT_ONCE,
        initial=1,
        help_text=(
            "The first to accept takes the case; the others' offers are withdrawn."
        ),
    )

    def __init__(self, *args, candidates=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.candidates = list(candidates)
        for place, profile in enumerate(self.candidates, start=1):
            uid = profile.user_id
            self.fields[f"pick_{uid}"] = forms.BooleanField(
                label=f"Offer to {profile.user.get_display_name()}", required=False
            )
            self.fields[f"rank_{uid}"] = forms.IntegerField(
                label=f"Rank of {profile.user.get_display_name()}",
                min_value=1,
                max_value=99,
                required=False,
                initial=place,
            )

    def rows(self):
        return [
            (profile, self[f"pick_{profile.user_id}"], self[f"rank_{profile.user_id}"])
            for profile in self.candidates
        ]

    def clean(self):
        cleaned = super().clean()
        picked = []
        for place, profile in enumerate(self.candidates, start=1):
            uid = profile.user_id
            if cleaned.get(f"pick_{uid}"):
                rank = cleaned.get(f"rank_{uid}") or place
                picked.append((rank, place, uid))
        if not picked:
            raise forms.ValidationError(
                "Tick at least one consultant to offer the case to."
            )
        cleaned["ranked"] = [uid for _, _, uid in sorted(picked)]
        cleaned["at_once"] = min(cleaned.get("at_once") or 1, len(picked))
        return cleaned


class ExtendForm(forms.Form):
    hours = forms.TypedChoiceField(
        label="More time for the reviewer",
        coerce=int,
        choices=[(h, f"{h} hours from now") for h in EXTEND_HOURS],
        initial=24,
    )


# The pool -------------------------------------------------------------------


class _ProfileFields(forms.Form):
    credentials = forms.CharField(label="Credentials", max_length=200, required=False)
    max_open_cases = forms.IntegerField(
        label="Open cases at most", min_value=1, max_value=20, initial=3
    )
    is_attending = forms.BooleanField(
        label="Attending (may sign off reports)", required=False
    )
    specialties = forms.ModelMultipleChoiceField(
        label="Specialties",
        queryset=Tag.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    orientations = forms.ModelMultipleChoiceField(
        label="Orientations",
        queryset=Orientation.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


class PoolAddForm(_ProfileFields):
    email = forms.EmailField(label="Email address")
    display_name = forms.CharField(
        label="Name (for a new account)",
        max_length=80,
        required=False,
        help_text="Only when no account has this email: one is made and they are "
        "invited to choose a password.",
    )
    field_order = ["email", "display_name"]

    def clean(self):
        cleaned = super().clean()
        email = cleaned.get("email")
        if (
            email
            and not cleaned.get("display_name", "").strip()
            and not get_user_model().objects.filter(email__iexact=email).exists()
        ):
            self.add_error(
                "display_name",
                "No account has this email: give the consultant's name to invite them.",
            )
        return cleaned


class PoolEditForm(_ProfileFields):
    @classmethod
    def for_profile(cls, profile: ConsultantProfile, data=None):
        return cls(
            data,
            initial={
                "credentials": profile.credentials,
                "max_open_cases": profile.max_open_cases,
                "is_attending": profile.is_attending,
                "specialties": list(profile.specialties.all()),
                "orientations": list(profile.orientations.all()),
            },
        )


class AwayForm(forms.Form):
    starts_on = forms.DateField(
        label="First day away", widget=forms.DateInput(attrs={"type": "date"})
    )
    ends_on = forms.DateField(
        label="Last day away", widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean(self):
        cleaned = super().clean()
        starts, ends = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", "The last day away is before the first.")
        return cleaned


class TagForm(forms.Form):
    kind = forms.ChoiceField(label="Kind", choices=Tag.Kind.choices)
    name = forms.CharField(label="Topic", max_length=80)
