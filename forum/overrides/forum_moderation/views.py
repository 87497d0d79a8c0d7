"""machina's moderation: the approval queue a page at a time, oldest first;
approving tells the author and the topic's subscribers, rejecting needs a note
that the author receives, and deleting a topic needs a reason and is logged."""

from django import forms
from django.contrib import messages
from django.http import HttpResponseRedirect
from django.urls import reverse
from machina.apps.forum_moderation import views as machina_views

from forum import selectors, services
from forum.models import PostFlag


class RejectForm(forms.Form):
    note = forms.CharField(
        label="Note to the author",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Say what to change. The author gets this note by email and can "
        "still read their text on the site.",
    )


class PostApproveView(machina_views.PostApproveView):
    def approve(self, request, *args, **kwargs):
        self.object = self.get_object()
        services.post_approve(post=self.object, moderator=request.user)
        messages.success(request, "The post is approved and now visible.")
        return HttpResponseRedirect(self.get_success_url())


class PostDisapproveView(machina_views.PostDisapproveView):
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", RejectForm())
        return context

    def disapprove(self, request, *args, **kwargs):
        self.object = self.get_object()
        form = RejectForm(request.POST)
        if not form.is_valid():
            context = self.get_context_data(object=self.object, form=form)
            return self.render_to_response(context, status=400)
        services.post_reject(
            post=self.object, moderator=request.user, note=form.cleaned_data["note"]
        )
        messages.success(request, "The post is rejected; the author has your note.")
        return HttpResponseRedirect(self.get_success_url())


class ModerationQueueListView(machina_views.ModerationQueueListView):
    paginate_by = 25

    def get_queryset(self):
        forums = self.request.forum_permission_handler.get_moderation_queue_forums(
            self.request.user
        )
        return selectors.pending_posts().filter(topic__forum__in=forums)


class TopicDeleteForm(forms.Form):
    reason = forms.ChoiceField(
        label="Why is it deleted?",
        choices=PostFlag.Reason.choices,
        help_text="Kept in the moderation log with your name and the time.",
    )


class TopicDeleteView(machina_views.TopicDeleteView):
    """machina's confirmation page (GET) and deletion (POST), with a reason and
    a moderation log entry; the deletion itself is services.topic_delete."""

    form_class = TopicDeleteForm

    def form_valid(self, form):
        forum = self.object.forum
        services.topic_delete(
            topic=self.object,
            moderator=self.request.user,
            reason=form.cleaned_data["reason"],
        )
        messages.success(self.request, "The topic and all of its posts are deleted.")
        return HttpResponseRedirect(
            reverse("forum:forum", kwargs={"slug": forum.slug, "pk": forum.pk})
        )

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)
