"""machina's posting views, each followed up by our services in one transaction:
the privacy confirmation is recorded, the author follows the topic and the
subscribers are told (after the commit).

A post waiting for the director's approval stays visible to its author (machina
hides it from everyone): she reads it in its topic, marked as waiting, and can
edit or withdraw it; nobody else sees the topic it starts.
"""

from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpResponseRedirect
from django.urls import reverse
from machina.apps.forum_conversation import views as machina_views

from community.text import full_stop
from forum import mentions, selectors, services

PENDING_MESSAGE = (
    "Your post is waiting for the director's approval; only you can see it until then."
)


def _topic_url(topic) -> str:
    return reverse(
        "forum_conversation:topic",
        args=[topic.forum.slug, topic.forum.pk, topic.slug, topic.pk],
    )


class FollowUpMixin:
    creates_post = False
    # machina adds "will be validated" as a second message after its success
    # message; Django's messages drop an empty one, so the member reads one.
    approval_required_message = ""

    @property
    def success_message(self):
        post = getattr(self, "forum_post", None)
        if post is not None and not post.approved:
            return PENDING_MESSAGE
        return self.published_message

    def form_valid(self, post_form, *args, **kwargs):
        with transaction.atomic():
            if not self.creates_post and not self.preview:
                services.post_record_revision(
                    post_id=post_form.instance.pk, editor=self.request.user
                )
            response = super().form_valid(post_form, *args, **kwargs)
            post = getattr(self, "forum_post", None)
            if post is not None and not self.preview:
                services.post_record_privacy_confirmation(
                    post=post,
                    user=self.request.user,
                    matches=post_form.privacy_report(),
                )
                if self.creates_post:
                    services.post_created(post=post)
                self._say_who_is_not_told(post)
        return response

    def _say_who_is_not_told(self, post) -> None:
        """A mention of someone who cannot read this forum notifies no one."""
        _readers, others = mentions.split_by_access(
            post.content.raw, post.topic.forum, author=self.request.user
        )
        if others:
            names = ", ".join(user.get_display_name() for user in others)
            messages.warning(
                self.request,
                "Not told of your mention (they cannot read this forum): "
                + full_stop(names),
            )


class TopicCreateView(FollowUpMixin, machina_views.TopicCreateView):
    creates_post = True
    published_message = machina_views.TopicCreateView.success_message

    def get_success_url(self):
        # machina sends a pending topic's author to the forum page, where it is
        # not listed; she can read it on its own page now.
        return _topic_url(self.forum_post.topic)


class PostCreateView(FollowUpMixin, machina_views.PostCreateView):
    creates_post = True
    published_message = machina_views.PostCreateView.success_message

    def get_post_form_kwargs(self):
        """A reply can start by quoting a post of the topic (?quote=<post id>)."""
        kwargs = super().get_post_form_kwargs()
        quote_id = self.request.GET.get("quote", "")
        if self.request.method == "GET" and quote_id.isdigit():
            quoted = (
                self.get_topic()
                .posts.filter(pk=int(quote_id), approved=True)
                .select_related("poster")
                .first()
            )
            if quoted is not None:
                kwargs["initial"] = {"content": services.quote_markdown(post=quoted)}
        return kwargs


class TopicUpdateView(FollowUpMixin, machina_views.TopicUpdateView):
    published_message = machina_views.TopicUpdateView.success_message


class PostUpdateView(FollowUpMixin, machina_views.PostUpdateView):
    published_message = machina_views.PostUpdateView.success_message


class TopicView(machina_views.TopicView):
    def get_topic(self):
        topic = super().get_topic()
        if not self.request.forum_permission_handler.can_see_topic(
            topic, self.request.user
        ):
            raise Http404("No such topic.")
        return topic

    def get_queryset(self):
        # machina's query without its "approved only": the viewer's own pending
        # posts are shown too. Each post shows its privacy confirmation to
        # moderators: load it with the posts, so a page costs the same whatever
        # its number of posts.
        return (
            selectors.posts_visible_to(
                posts=self.get_topic().posts.all(), user=self.request.user
            )
            .select_related(
                "poster", "updated_by", "privacy_confirmation__confirmed_by"
            )
            .prefetch_related("attachments", "poster__forum_profile")
        )


class PostDeleteView(machina_views.PostDeleteView):
    """machina's delete, and the author's withdrawal of a post that waits for
    approval: its own confirmation page, and the whole topic goes when the post
    starts it (a topic never approved has no public replies to keep)."""

    def get_template_names(self):
        post = self.object
        if not post.approved and post.poster_id == self.request.user.pk:
            return ["forum_conversation/post_withdraw.html"]
        return super().get_template_names()

    def form_valid(self, form):
        post = self.object
        if post.approved:
            return super().form_valid(form)
        topic = post.topic
        forum = topic.forum
        whole_topic = post.is_alone or post.is_topic_head
        by_author = post.poster_id == self.request.user.pk
        with transaction.atomic():
            if whole_topic:
                topic.delete()
            else:
                post.delete()
        if by_author:
            what = "topic" if whole_topic else "post"
            messages.success(self.request, f"Your {what} is withdrawn.")
        else:
            messages.success(self.request, self.success_message)
        if whole_topic:
            return HttpResponseRedirect(
                reverse("forum:forum", args=[forum.slug, forum.pk])
            )
        return HttpResponseRedirect(_topic_url(topic))
