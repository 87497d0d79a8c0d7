"""The therapist's forms: the request (with the privacy guard and an upload),
the patient's consent and its withdrawal.

The request form has two modes. Saving a draft checks only that each field is
well formed, so an autosave never refuses what was typed; sending
(``submitting=True``) asks for the required fields and runs the guard over
every text field and the text of every attachment, and is valid only once the
therapist has edited the findings away or confirmed them.
"""

from django import forms
from django.conf import settings

from community.privacy_forms import NEEDS_CONFIRMATION, PrivacyCheckMixin
from consultations import attachments as files
from consultations.models import Case, ConsentRecord
from consultations.services.requests import REQUEST_FIELDS, REQUIRED_TO_SEND

TEXT_FIELDS = (
    "referral_question",
    "modality",
    "frequency",
    "duration",
    "tried",
    "case_summary",
    "risk_notes",
)


def _rows(n: int):
    return forms.Textarea(attrs={"rows": n})


class RequestForm(PrivacyCheckMixin, forms.ModelForm):
    attachment = forms.FileField(
        required=False,
        label="Add an attachment",
        help_text=(
            "A PDF or a Word document (.docx), up to "
            f"{settings.CONSULT_ATTACHMENT_MAX_BYTES // (1024 * 1024)} MB; at most "
            f"{settings.CONSULT_ATTACHMENT_MAX_COUNT} files. Its text is checked "
            "for identifiers too. It is saved when you save the draft."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.docx,application/pdf"}),
    )

    class Meta:
        model = Case
        fields = list(REQUEST_FIELDS)
        widgets = {
            "referral_question": _rows(4),
            "tried": _rows(4),
            "case_summary": _rows(12),
            "risk_notes": _rows(4),
            "urgency": forms.RadioSelect,
        }
        help_texts = {
            "referral_question": "What you would like help with: one or a few "
            "questions the consultants should answer.",
            "modality": "For example: psychodynamic, CBT, schema therapy, integrative.",
            "frequency": "For example: weekly, twice a week.",
            "duration": "How long the treatment has run, for example: eight months.",
            "tried": "Approaches and interventions so far, and what happened.",
            "case_summary": "Presenting problems, history and the course of "
            "treatment, without anything that identifies the patient: no names, "
            "dates of birth, places, employers or record numbers.",
            "risk_notes": "Current and past risk (to self, to others), and what is "
            "in place. Write “no current risk” if so.",
            "interview_requested": "A consultant then meets the patient once. "
            "You record the patient's consent before sending, and you pass the "
            "interview link on: the platform never stores the patient's name or "
            "contact details.",
        }

    def __init__(self, *args, submitting: bool = False, attachments=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.submitting = submitting
        self.attachments_to_check = list(attachments)
        self.attachment_findings: list[files.Finding] = []
        self.fields["urgency"].help_text = (
            "Expedited shortens the clocks: a reviewer has "
            f"{settings.CONSULT_EXPEDITED_ACCEPT_HOURS} hours to accept and "
            f"{settings.CONSULT_EXPEDITED_DELIVER_HOURS} to deliver, instead of "
            f"{settings.CONSULT_ACCEPT_HOURS} and {settings.CONSULT_DELIVER_HOURS}."
        )
        if submitting:
            self.privacy_fields = TEXT_FIELDS
            for name, message in REQUIRED_TO_SEND.items():
                self.fields[name].required = True
                self.fields[name].error_messages["required"] = message
        else:
            self.privacy_fields = ()

    @classmethod
    def data_from(cls, case: Case, **extra) -> dict:
        """The stored draft as form data (to send it from the case page)."""
        data = {name: getattr(case, name) for name in REQUEST_FIELDS}
        if not data["interview_requested"]:
            del data["interview_requested"]
        return {**data, **extra}

    def clean_attachment(self):
        upload = self.cleaned_data.get("attachment")
        if upload:
            existing = sum(1 for _ in self.attachments_to_check)
            files.check_upload(upload, existing=existing)
        return upload

    def clean(self):
        cleaned = super().clean()
        if self.submitting:
            self.attachment_findings = files.findings_needing_confirmation(
                self.attachments_to_check
            )
            if (
                self.attachment_findings
                and not cleaned.get(self.privacy_confirm_field)
                and self.privacy_confirm_field not in self.errors
            ):
                self.add_error(self.privacy_confirm_field, NEEDS_CONFIRMATION)
        return cleaned

    @property
    def has_privacy_findings(self) -> bool:
        return bool(self.privacy_findings or self.attachment_findings)

    def draft_data(self) -> dict:
        """The request fields that are well formed, to save whatever else fails."""
        cleaned = getattr(self, "cleaned_data", {})
        return {name: cleaned[name] for name in REQUEST_FIELDS if name in cleaned}

    def attachment_reports(self) -> dict[int, list[dict]]:
        return {
            finding.attachment.pk: finding.report()
            for finding in self.attachment_findings
        }


class _ConsentEventForm(forms.Form):
    method = forms.ChoiceField(
        label="How", choices=ConsentRecord.Method.choices, widget=forms.RadioSelect
    )


class ConsentForm(_ConsentEventForm):
    version = forms.CharField(widget=forms.HiddenInput)
    obtained_on = forms.DateField(
        label="Date the patient consented",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    confirm = forms.BooleanField(
        label="The patient read this text (or I read it to them) and agreed to "
        "both: the interview and the confidential case conference."
    )
    field_order = ["obtained_on", "method", "confirm", "version"]


class WithdrawalForm(_ConsentEventForm):
    obtained_on = forms.DateField(
        label="Date the patient withdrew their consent",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    confirm = forms.BooleanField(
        label="The patient has withdrawn their consent. I understand that no "
        "interview will take place and the reviewers are told."
    )
    field_order = ["obtained_on", "method", "confirm"]
