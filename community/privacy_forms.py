"""The case-privacy guard in a form: check the text, show the matches, ask for an
edit or an explicit confirmation. Used by forum posts and session questions alike.

What is stored with a confirmation (``privacy_report``) is the category, place
and reason of each match, never the matched text: a name the author confirmed
past the guard must not be copied into a second table.

A guard that fails (an exception inside a recognizer) never loses the text or
blocks posting: the failure is logged (without the text), the form is valid as
if nothing had been found, and the report says the check did not run, so the
moderators know to read that post with care.
"""

import logging

from django import forms
from django.contrib.auth import get_user_model
from django.core.cache import cache

from community.privacy import CATEGORY_LABELS, find_identifiers, highlight_identifiers

logger = logging.getLogger(__name__)

CONFIRM_LABEL = (
    "I confirm this is de-identified: nothing here identifies a client or another "
    "person."
)
NEEDS_CONFIRMATION = (
    "Edit the highlighted parts, or tick this box if they identify nobody."
)
CHECK_FAILED = "check_failed"
CHECK_FAILED_LABEL = "The privacy check did not run"
MEMBER_NAMES_CACHE_KEY = "privacy:member-full-names"
MEMBER_NAMES_SECONDS = 600


def member_full_names() -> list[str]:
    """Members' full display names: naming a colleague is not naming a client.

    Cached for ten minutes in the shared cache; a first name alone still counts
    as a possible client's name (see ``community.privacy.not_clients``).
    """
    names = cache.get(MEMBER_NAMES_CACHE_KEY)
    if names is None:
        names = sorted(
            name
            for name in get_user_model()
            .objects.filter(is_active=True, deleted_at__isnull=True)
            .values_list("display_name", flat=True)
            if name and " " in name.strip()
        )
        cache.set(MEMBER_NAMES_CACHE_KEY, names, MEMBER_NAMES_SECONDS)
    return names


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
        self.privacy_failures: list[str] = []

    def privacy_ignored_categories(self) -> frozenset[str]:
        """Categories this form need not flag (a form may override it)."""
        return frozenset()

    def _check(self, name: str, text: str):
        try:
            ignored = self.privacy_ignored_categories()
            matches = find_identifiers(text, members=member_full_names())
            return [match for match in matches if match.category not in ignored]
        except Exception:
            # The text itself is never logged: it may name a client.
            logger.exception("The privacy check failed on field %r", name)
            self.privacy_failures.append(name)
            return []

    def clean(self):
        cleaned = super().clean()
        self.privacy_findings = []
        self.privacy_failures = []
        for name in self.privacy_fields:
            text = cleaned.get(name)
            if hasattr(text, "raw"):  # machina's MarkupText
                text = text.raw
            if not text:
                continue
            matches = self._check(name, str(text))
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
        """What the check found, as stored for the moderators: categories and
        offsets, never the matched text; and each field it could not check."""
        found = [
            {
                "field": finding["field"],
                "category": match.category,
                "label": CATEGORY_LABELS.get(match.category, match.category),
                "start": match.start,
                "end": match.end,
                "reason": match.reason,
            }
            for finding in self.privacy_findings
            for match in finding["matches"]
        ]
        failed = [
            {"field": name, "category": CHECK_FAILED, "label": CHECK_FAILED_LABEL}
            for name in self.privacy_failures
        ]
        return found + failed
