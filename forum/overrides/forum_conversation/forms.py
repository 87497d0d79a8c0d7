"""machina's post and topic forms with the case-privacy guard, a length limit and
a posting rate limit."""

from django import forms
from django.conf import settings
from machina.apps.forum_conversation.forms import PostForm as BasePostForm
from machina.apps.forum_conversation.forms import TopicForm as BaseTopicForm

from community import access, ratelimit
from community.privacy_forms import PrivacyCheckMixin

TOO_FAST = "You are posting very quickly. Please wait a few minutes and send it again."


class ForumPostChecks(PrivacyCheckMixin):
    privacy_fields = ("subject", "content")

    def clean_content(self):
        content = self.cleaned_data.get("content")
        raw = getattr(content, "raw", content) or ""
        if not str(raw).strip():
            raise forms.ValidationError("Please write something before posting.")
        if len(str(raw)) > settings.FORUM_POST_MAX_LENGTH:
            raise forms.ValidationError(
                f"Posts can be up to {settings.FORUM_POST_MAX_LENGTH:,} characters; "
                f"this one has {len(str(raw)):,}. Please split it into replies."
            )
        return content

    def clean(self):
        cleaned = super().clean()
        if (
            not self.errors
            and not self.data.get("preview")
            and not access.can_moderate(self.user)
        ):
            limit, period = settings.FORUM_POST_RATE
            if ratelimit.hit(
                key=f"forum-post:{self.user.pk}", limit=limit, period=period
            ):
                raise forms.ValidationError(TOO_FAST, code="rate_limited")
        return cleaned


class PostForm(ForumPostChecks, BasePostForm):
    pass


class TopicForm(ForumPostChecks, BaseTopicForm):
    pass
