"""machina's posting views, each followed up by our services in one transaction:
the privacy confirmation is recorded, the author follows the topic and the
subscribers are told (after the commit)."""

from django.db import transaction
from machina.apps.forum_conversation import views as machina_views

from forum import services


class FollowUpMixin:
    creates_post = False

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
        return response


class TopicCreateView(FollowUpMixin, machina_views.TopicCreateView):
    creates_post = True


class PostCreateView(FollowUpMixin, machina_views.PostCreateView):
    creates_post = True

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
    pass


class PostUpdateView(FollowUpMixin, machina_views.PostUpdateView):
    pass


class TopicView(machina_views.TopicView):
    def get_queryset(self):
        # Each post shows its privacy confirmation to moderators: load it with
        # the posts, so a page costs the same whatever its number of posts.
        return (
            super().get_queryset().select_related("privacy_confirmation__confirmed_by")
        )
