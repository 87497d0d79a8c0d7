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


class TopicQuestionForm(PrivacyCheckMixin, forms.Form):
    """The director's wording for a forum topic brought to a session: it starts
    as the topic's title and a line naming it, and she edits it before adding.
    The link to the topic is not part of the text (the question keeps the topic
    and its pages link to it)."""

    privacy_fields = ("title", "body")

    title = forms.CharField(
        max_length=160,
        help_text="One line the members will see on the session page.",
    )
    body = forms.CharField(
        label="Question",
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="What the session should think through. The question links to "
        "the topic by itself.",
    )
