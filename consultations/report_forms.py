"""The report's forms: the draft (saved as the reviewer writes, nothing
required, no guard, so an autosave never fails on half a sentence), the
submission and the approver's edit (the required sections, and the privacy
guard: highlighted, kept, saved only after an edit or a confirmation), and the
therapist's acknowledgement.

Each section is two fields, ``<key>`` (the text) and ``<key>_shareable`` (the
"may be shared with the patient" tick); ``sections_value()`` turns them back
into what ``Report.sections`` stores.
"""

from django import forms

from community.privacy_forms import PrivacyCheckMixin
from consultations import report_sections

SHAREABLE_LABEL = "May be shared with the patient"
TEXT_LIMIT = 20_000
YES_NO = [("yes", "Yes"), ("no", "No")]


class ReportDraftForm(forms.Form):
    def __init__(self, *args, initial_sections: dict | None = None, **kwargs):
        values = report_sections.normalise(initial_sections)
        initial = kwargs.pop("initial", None) or {}
        for key, value in values.items():
            initial.setdefault(key, value["text"])
            initial.setdefault(f"{key}_shareable", value["shareable"])
        super().__init__(*args, initial=initial, **kwargs)
        for section in report_sections.sections():
            self.fields[section.key] = forms.CharField(
                label=section.label,
                help_text=section.help,
                required=False,
                max_length=TEXT_LIMIT,
                strip=False,
                widget=forms.Textarea(attrs={"rows": 6}),
            )
            self.fields[f"{section.key}_shareable"] = forms.BooleanField(
                label=SHAREABLE_LABEL, required=False
            )

    def section_fields(self) -> list[dict]:
        """Each section's two bound fields, for the template."""
        return [
            {"text": self[section.key], "shareable": self[f"{section.key}_shareable"]}
            for section in report_sections.sections()
        ]

    def sections_value(self) -> dict[str, dict]:
        data = self.cleaned_data
        return {
            key: {
                "text": data.get(key, "") or "",
                "shareable": bool(data.get(f"{key}_shareable")),
            }
            for key in report_sections.section_keys()
        }


class ReportFinalForm(PrivacyCheckMixin, ReportDraftForm):
    """The report as it goes to sign-off, or as the approver delivers it."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for section in report_sections.sections():
            if section.required:
                self.fields[section.key].required = True
                self.fields[section.key].error_messages["required"] = (
                    "This section needs some text before the report is sent."
                )

    @property
    def privacy_fields(self) -> tuple[str, ...]:
        return tuple(report_sections.section_keys())

    def clean(self):
        cleaned = super().clean()
        for section in report_sections.sections():
            text = cleaned.get(section.key)
            if section.required and text is not None and not text.strip():
                self.add_error(
                    section.key,
                    "This section needs some text before the report is sent.",
                )
        return cleaned


class ReturnForm(forms.Form):
    comments = forms.CharField(
        label="Comments for the reviewer",
        help_text="What should change before the report can be approved.",
        max_length=5_000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Say what should change, so the reviewer knows."},
    )


class AcknowledgeForm(forms.Form):
    helpful = forms.ChoiceField(
        label="Was the report helpful?",
        choices=YES_NO,
        widget=forms.RadioSelect,
        error_messages={"required": "Please answer yes or no."},
    )
    changes_plan = forms.ChoiceField(
        label="Does it change your treatment plan?",
        choices=YES_NO,
        widget=forms.RadioSelect,
        error_messages={"required": "Please answer yes or no."},
    )

    def answers(self) -> dict[str, bool]:
        return {
            "helpful": self.cleaned_data["helpful"] == "yes",
            "changes_plan": self.cleaned_data["changes_plan"] == "yes",
        }
