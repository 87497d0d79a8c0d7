"""The reviewer's two answers to an offer: accept (after declaring no conflict
of interest) or decline (with a reason for the director).

The forms only check what was typed; whether the offer is still open, and
theirs, is the service's to say (``services.offers``), under the case's lock.
"""

from django import forms

from community.privacy_forms import PrivacyCheckMixin

# The declaration a reviewer makes before accepting; shown with the requesting
# therapist's name, so they can tell whether they know them.
CONFLICT_STATEMENT = (
    "I do not know the patient and have no relationship with the patient or the "
    "requesting therapist that conflicts with reviewing this case."
)
DECLINE_REASON_MAX = 1000


class AcceptOfferForm(forms.Form):
    no_conflict = forms.BooleanField(
        label=CONFLICT_STATEMENT,
        required=True,
        error_messages={
            "required": "Tick the statement to declare that you have no conflict "
            "of interest, or decline the offer."
        },
    )

    def __init__(self, *args, offer_id: int, **kwargs):
        kwargs.setdefault("prefix", f"accept-{offer_id}")
        super().__init__(*args, **kwargs)


class DeclineOfferForm(PrivacyCheckMixin, forms.Form):
    # A conflict of interest is the likeliest reason to name someone ("I know
    # the client"): the reason passes the same privacy guard as the request.
    privacy_fields = ("reason",)

    reason = forms.CharField(
        label="Why you decline",
        help_text="For the director only (for example: too busy this week, "
        "outside my specialties, I may know the therapist).",
        max_length=DECLINE_REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Say briefly why you decline, for the director."},
    )

    def __init__(self, *args, offer_id: int, **kwargs):
        kwargs.setdefault("prefix", f"decline-{offer_id}")
        super().__init__(*args, **kwargs)

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError(
                "Say briefly why you decline, for the director."
            )
        return reason
