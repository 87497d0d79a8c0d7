"""The forum search's question: words, and optionally a forum and a span of days.

A form, so that a hand-typed address with a forum the member may not read, a
date that is not one, or an end before the start is answered with a message
(and a 400), never a 500 or an empty page that looks like "nothing found".
"""

import datetime

from django import forms

from community.form_fields import IdChoiceField
from forum.search import MAX_QUERY_LENGTH

# Dates a search can be limited to: the forum's own lifetime, give or take.
EARLIEST = datetime.date(2000, 1, 1)
LATEST = datetime.date(2100, 12, 31)


class ForumChoiceField(IdChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class SearchForm(forms.Form):
    q = forms.CharField(label="Words to find in topics and posts", required=False)
    forum = ForumChoiceField(
        queryset=None,
        required=False,
        empty_label="All forums",
        label="Search in",
        error_messages={"invalid_choice": "Choose a forum from the list."},
    )
    since = forms.DateField(
        required=False,
        label="Posted from",
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": "Enter the start date as YYYY-MM-DD."},
    )
    until = forms.DateField(
        required=False,
        label="Posted until",
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": "Enter the end date as YYYY-MM-DD."},
    )

    def __init__(self, *args, readable_forums, **kwargs):
        from machina.apps.forum.models import Forum

        super().__init__(*args, **kwargs)
        # Only forums that hold topics (not categories or links), of those the
        # member may read: another id is refused like an unknown one.
        self.fields["forum"].queryset = readable_forums.filter(
            type=Forum.FORUM_POST
        ).order_by("tree_id", "lft")
        self.fields["q"].widget.attrs.update(maxlength=MAX_QUERY_LENGTH)
        self.readable_forums = readable_forums

    def clean_q(self) -> str:
        # Longer text is cut, as the box's maxlength would: not an error.
        return self.cleaned_data["q"].strip()[:MAX_QUERY_LENGTH]

    def _clean_day(self, name: str, message: str):
        day = self.cleaned_data[name]
        if day and not EARLIEST <= day <= LATEST:
            raise forms.ValidationError(message, code="out_of_range")
        return day

    def clean_since(self):
        return self._clean_day("since", "Enter a start date between 2000 and 2100.")

    def clean_until(self):
        return self._clean_day("until", "Enter an end date between 2000 and 2100.")

    def clean(self):
        cleaned = super().clean()
        since, until = cleaned.get("since"), cleaned.get("until")
        if since and until and since > until:
            self.add_error("until", "The end date is before the start date.")
        return cleaned

    def forums_searched(self):
        """The chosen forum and its subforums that the member reads, or every
        forum they read."""
        forum = self.cleaned_data.get("forum")
        if not forum:
            return self.readable_forums
        return self.readable_forums.filter(
            pk__in=forum.get_descendants(include_self=True).values("pk")
        )
