"""machina's moderation queue, where approving tells the author and the topic's
subscribers, and rejecting needs a note that the author receives."""

from django import forms
from django.contrib import messages
from django.http import HttpResponseRedirect
from machina.apps.forum_moderation import views as machina_views

from forum import services


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
