"""The follow-up call's forms. Times are typed in the viewer's own zone (the
middleware activates it, and Django reads a typed time in the active zone)."""

from django import forms

TIME_WIDGET = forms.DateTimeInput(
    attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
)


def _time_field(label: str, *, required: bool, help_text: str = ""):
    return forms.DateTimeField(
        label=label, required=required, help_text=help_text, widget=TIME_WIDGET
    )


def _link_field():
    return forms.URLField(
        label="Video link",
        assume_scheme="https",
        max_length=200,
        help_text="Never shown or sent: you both join through the site, from "
        "15 minutes before the start.",
    )


class AskForm(forms.Form):
    proposed_at = _time_field(
        "A time that suits you (optional)",
        required=False,
        help_text="In your time zone. Leave empty and the reviewer offers times.",
    )


class OfferTimesForm(forms.Form):
    time_1 = _time_field("First time", required=True, help_text="In your time zone.")
    time_2 = _time_field("Second time (optional)", required=False)
    time_3 = _time_field("Third time (optional)", required=False)
    meeting_url = _link_field()

    def times(self) -> list:
        return [
            self.cleaned_data[name]
            for name in ("time_1", "time_2", "time_3")
            if self.cleaned_data.get(name)
        ]


class AcceptForm(forms.Form):
    meeting_url = _link_field()


class ChooseForm(forms.Form):
    slot = forms.TypedChoiceField(
        label="Choose a time", coerce=int, widget=forms.RadioSelect
    )

    def __init__(self, *args, slots, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slot"].choices = [(slot.pk, slot) for slot in slots]
