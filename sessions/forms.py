"""The member's question form, with the same privacy guard as forum posts."""

from django import forms

from community.privacy_forms import PrivacyCheckMixin
from sessions.models import Question


class QuestionForm(PrivacyCheckMixin, forms.ModelForm):
    privacy_fields = ("title", "body", "context")

    class Meta:
        model = Question
        fields = ["title", "body", "context", "hide_name"]
        widgets = {
            "body": forms.Textarea(attrs={"rows": 6}),
            "context": forms.Textarea(attrs={"rows": 5}),
        }
        help_texts = {
            "title": "One line the director and other members will see.",
            "body": "What would you like the director to think through with you?",
            "context": "Optional, de-identified: what someone needs to know about "
            "the case.",
        }
