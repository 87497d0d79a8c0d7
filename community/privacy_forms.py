"""The case-privacy guard in a form: check the text, show the matches, ask for an
edit or an explicit confirmation. Used by forum posts and session questions alike.
"""

from django import forms

from community.privacy import CATEGORY_LABELS, find_identifiers, highlight_identifiers

CONFIRM_LABEL = (
    "I confirm this is de-identified: nothing here identifies a client or another "
    "person."
)
NEEDS_CONFIRMATION = (
    "Edit the highlighted parts, or tick this box if they identify nobody."
)


class PrivacyCheckMixin:
    """Add to a form; list the text fields to check in ``privacy_fields``.

    After ``is_valid()``, ``privacy_findings`` holds what was found per field and
    ``privacy_report()`` what to store with the confirmation.
    """

    privacy_fields: tuple[str, ...] = ()
    privacy_confirm_field = "privacy_confirmed"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[self.privacy_confirm_field] = forms.BooleanField(
            required=False, label=CONFIRM_LABEL
        )
        self.privacy_findings: list[dict] = []

    def clean(self):
        cleaned = super().clean()
        self.privacy_findings = []
        for name in self.privacy_fields:
            text = cleaned.get(name)
            if hasattr(text, "raw"):  # machina's MarkupText
                text = text.raw
            if not text:
                continue
            matches = find_identifiers(str(text))
            if matches:
                self.privacy_findings.append(
                    {
                        "field": name,
                        "label": self.fields[name].label or name,
                        "highlighted": highlight_identifiers(str(text), matches),
                        "matches": matches,
                    }
                )
        if self.privacy_findings and not cleaned.get(self.privacy_confirm_field):
            self.add_error(self.privacy_confirm_field, NEEDS_CONFIRMATION)
        return cleaned

    def privacy_report(self) -> list[dict]:
        """The confirmed matches, as stored for the moderators to see."""
        return [
            {
                "field": finding["field"],
                "category": match.category,
                "label": CATEGORY_LABELS.get(match.category, match.category),
                "text": match.text,
                "reason": match.reason,
            }
            for finding in self.privacy_findings
            for match in finding["matches"]
        ]
