"""machina's moderation: the approval queue a page at a time, oldest first,
each post's text shown and decided on the list (one post, or the ticked ones at
once with one note for the rejections); approving tells the author and the
topic's subscribers, rejecting needs a note that the author receives, and
deleting a topic needs a reason and is logged. Every decision goes through
``forum.services`` and so into the moderation log."""

from django import forms
from django.contrib import messages
from django.http import HttpResponseRedirect
from django.template.defaultfilters import pluralize
from django.urls import reverse
from machina.apps.forum_moderation import views as machina_views

from forum import selectors, services
from forum.models import PostFlag


class RejectForm(forms.Form):
    note = forms.CharField(
        label="Note to the author",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Say what to change. The author reads this note on the site, "
        "beside their text; the email only tells them to look.",
    )


def _queue(request):
    """The posts this moderator may decide, oldest first (machina's per-forum
    ``can_approve_posts``), with what the list renders of each post."""
    forums = request.forum_permission_handler.get_moderation_queue_forums(request.user)
    return (
        selectors.pending_posts()
        .filter(topic__forum__in=forums)
        .select_related("poster__forum_profile")
    )


class PostApproveView(machina_views.PostApproveView):
    def approve(self, request, *args, **kwargs):
        self.object = self.get_object()
        if self.object.approved:  # a second click, or another tab
            messages.info(request, "That post was already approved.")
            return HttpResponseRedirect(self.get_success_url())
        services.post_approve(post=self.object, moderator=request.user)
        messages.success(request, "The post is approved and now visible.")
        return HttpResponseRedirect(self.get_success_url())

    def get_success_url(self):
        """With "Approve and next", the next waiting post (the oldest left)."""
        if self.request.POST.get("next"):
            following = _queue(self.request).exclude(pk=self.object.pk).first()
            if following is not None:
                return reverse("forum_moderation:queued_post", args=[following.pk])
            messages.info(self.request, "That was the last post waiting.")
        return super().get_success_url()


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


class BulkDecisionForm(forms.Form):
    """The ticked posts of the queue (``posts``, ids from checkboxes), approved
    or rejected at once; a rejection's note goes to every author."""

    action = forms.ChoiceField(
        choices=[("approve", "Approve"), ("reject", "Reject")],
        error_messages={"required": "Choose to approve or to reject the posts."},
    )
    note = forms.CharField(
        label="Note to the authors of rejected posts",
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Needed to reject. As with a single rejection, each author is "
        "told by email and reads your note, beside their text, on the site.",
    )

    def __init__(self, *args, queue, **kwargs):
        super().__init__(*args, **kwargs)
        self.queue = queue
        self.ticked = {
            int(value) for value in self.data.getlist("posts") if value.isdigit()
        }

    def clean(self):
        cleaned = super().clean()
        if not self.ticked:
            raise forms.ValidationError("Tick the posts to decide first.")
        cleaned["posts"] = list(self.queue.filter(pk__in=self.ticked))
        if cleaned.get("action") == "reject" and not cleaned.get("note", "").strip():
            self.add_error("note", "Write the note to the authors to reject posts.")
        return cleaned


class ModerationQueueListView(machina_views.ModerationQueueListView):
    """GET: the queue; POST: a decision on the ticked posts (machina's
    permission check runs first for both: a member gets 403)."""

    paginate_by = 25

    def get_queryset(self):
        return _queue(self.request)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = kwargs.get("bulk_form") or BulkDecisionForm(queue=self.object_list)
        context["bulk_form"] = form
        context["ticked"] = form.ticked
        return context

    def post(self, request, *args, **kwargs):
        queue = self.get_queryset()
        form = BulkDecisionForm(request.POST, queue=queue)
        if not form.is_valid():
            self.object_list = queue
            context = self.get_context_data(bulk_form=form)
            return self.render_to_response(context, status=400)
        posts = form.cleaned_data["posts"]
        if form.cleaned_data["action"] == "approve":
            outcome = services.posts_approve(posts=posts, moderator=request.user)
            done = "approved and now visible"
        else:
            outcome = services.posts_reject(
                posts=posts,
                moderator=request.user,
                note=form.cleaned_data["note"].strip(),
            )
            done = "rejected; each author has your note"
        decided = outcome.decided
        if decided:
            messages.success(request, f"{decided} post{pluralize(decided)} {done}.")
        left = len(form.ticked) - decided
        if left:
            messages.info(
                request,
                f"{left} of the ticked posts {pluralize(left, 'was,were')} no "
                "longer waiting (decided meanwhile) and nothing changed there.",
            )
        return HttpResponseRedirect(reverse("forum_moderation:queue"))


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
