"""The directory's forms: the filters above the list (GET, so a search is a
link one can share or go back to) and the owner's settings.

A photo is checked by its content, not its name: Pillow must read it as a JPEG,
PNG or WebP, and it must be 2 MB at most. The bio is plain text; the templates
escape it.
"""

from django import forms
from django.core.exceptions import ValidationError

from community.regions import REGION_CHOICES
from directory.models import DirectoryProfile, Language, Modality, Population
from directory.services.profiles import PHOTO_FORMATS

PHOTO_MAX_BYTES = 2 * 1024 * 1024
PHOTO_TYPE_MESSAGE = "Choose a JPEG, PNG or WebP image: this file is not one."
PHOTO_SIZE_MESSAGE = "The photo must be 2 MB or smaller."
PHOTO_AND_REMOVE_MESSAGE = "Choose a new photo or remove the current one, not both."

# Each part of a profile and the switch that shows it, in the order of the form.
SHOWN_PARTS = [
    ("Credentials", None, "show_credentials"),
    ("Licence types and states", None, "show_licences"),
    ("Orientations", None, "show_orientations"),
    ("Modalities", "modalities", "show_modalities"),
    ("Populations served", "populations", "show_populations"),
    ("Languages", "languages", "show_languages"),
    ("Short bio", "bio", "show_bio"),
    ("Accepting referrals", "accepting_referrals", "show_accepting_referrals"),
    ("Practice location", ("city", "region"), "show_location"),
    ("Contact", "contact", "show_contact"),
]


class DirectoryFilterForm(forms.Form):
    q = forms.CharField(
        label="Search",
        max_length=100,
        required=False,
        help_text="A name, or a word from credentials, a bio or a city.",
    )
    modality = forms.ModelChoiceField(
        queryset=Modality.objects.all(), required=False, empty_label="Any modality"
    )
    state = forms.ChoiceField(
        choices=[("", "Any state"), *REGION_CHOICES],
        required=False,
        help_text="Where they practise or hold a licence.",
    )
    population = forms.ModelChoiceField(
        label="Population served",
        queryset=Population.objects.all(),
        required=False,
        empty_label="Any population",
    )
    language = forms.ModelChoiceField(
        queryset=Language.objects.all(), required=False, empty_label="Any language"
    )
    accepting_referrals = forms.BooleanField(
        label="Accepting referrals only", required=False
    )

    def clean_q(self):
        return " ".join(self.cleaned_data["q"].split())


class DirectoryProfileForm(forms.ModelForm):
    photo = forms.ImageField(
        label="Photo",
        required=False,
        widget=forms.FileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
        help_text="JPEG, PNG or WebP, 2 MB at most. Without one, members see "
        "your initials.",
        error_messages={"invalid_image": PHOTO_TYPE_MESSAGE},
    )
    remove_photo = forms.BooleanField(label="Remove my photo", required=False)

    class Meta:
        model = DirectoryProfile
        fields = [
            "listed",
            "show_photo",
            "show_credentials",
            "show_licences",
            "show_orientations",
            "modalities",
            "show_modalities",
            "populations",
            "show_populations",
            "languages",
            "show_languages",
            "bio",
            "show_bio",
            "accepting_referrals",
            "show_accepting_referrals",
            "city",
            "region",
            "show_location",
            "contact",
            "show_contact",
        ]
        labels = {"accepting_referrals": "I accept referrals"}
        help_texts = {"bio": "Plain text, 600 characters at most."}
        widgets = {
            "modalities": forms.CheckboxSelectMultiple,
            "populations": forms.CheckboxSelectMultiple,
            "languages": forms.CheckboxSelectMultiple,
            "bio": forms.Textarea(attrs={"rows": 5, "maxlength": 600}),
        }

    def clean_photo(self):
        photo = self.cleaned_data.get("photo")
        if not photo or not hasattr(photo, "content_type"):
            return None  # nothing new uploaded
        if photo.size > PHOTO_MAX_BYTES:
            raise ValidationError(PHOTO_SIZE_MESSAGE, code="photo_size")
        image = getattr(photo, "image", None)
        if image is None or image.format not in PHOTO_FORMATS:
            raise ValidationError(PHOTO_TYPE_MESSAGE, code="photo_type")
        return photo

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("photo") and cleaned.get("remove_photo"):
            raise ValidationError(PHOTO_AND_REMOVE_MESSAGE, code="photo_and_remove")
        return cleaned

    def profile_values(self) -> dict:
        """The model's fields (not the photo), for the service."""
        return {name: self.cleaned_data[name] for name in self._meta.fields}

    def parts(self):
        """(label, its fields, its show switch) for the template's fieldsets."""
        for label, names, switch in SHOWN_PARTS:
            if names is None:
                names = ()
            elif isinstance(names, str):
                names = (names,)
            yield label, [self[name] for name in names], self[switch]
