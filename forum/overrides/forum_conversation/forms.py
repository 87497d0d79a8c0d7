"""machina's post and topic forms with the case-privacy guard, a length limit and
a posting rate limit.

The rate limit is allauth's, the one the sign-in forms use: a sliding window in
the shared cache (Redis in production), so every app process counts together,
set beside the account limits (``ACCOUNT_RATE_LIMITS["forum_post"]``, which
allauth merges into its own table). machina hands its forms no request;
allauth's middleware keeps the current one in ``allauth.core.context``, as
allauth's own forms use it.
"""

from allauth.core import context, ratelimit
from django import forms
from django.conf import settings
from machina.apps.forum_conversation.forms import PostForm as BasePostForm
from machina.apps.forum_conversation.forms import TopicForm as BaseTopicForm

from community import access
from community.privacy import DATE
from community.privacy_forms import PrivacyCheckMixin
from forum.setup import ANNOUNCEMENTS

TOO_FAST = "You are posting very quickly. Please wait a few minutes and send it again."


class ForumPostChecks(PrivacyCheckMixin):
    privacy_fields = ("subject", "content")

    def privacy_ignored_categories(self) -> frozenset[str]:
        # The director's announcements are full of schedule dates, none a
        # client's; every other kind of identifier is still checked there.
        forum = getattr(self, "forum", None)
        if getattr(forum, "slug", "") == ANNOUNCEMENTS and access.can_moderate(
            self.user
        ):
            return frozenset({DATE})
        return frozenset()

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
            and not ratelimit.consume(
                context.request, action="forum_post", user=self.user
            )
        ):
            raise forms.ValidationError(TOO_FAST, code="rate_limited")
        return cleaned


class PostForm(ForumPostChecks, BasePostForm):
    pass


class TopicForm(ForumPostChecks, BaseTopicForm):
    pass
