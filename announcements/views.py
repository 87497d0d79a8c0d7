"""Emailing an announcement: the director, from the topic's page."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from announcements import services
from community.access import refuse
from community.roles import is_director


@require_POST
def announce(request, topic_id: int):
    from machina.apps.forum_conversation.models import Topic

    if not is_director(request.user):
        return refuse(
            request, staff_only=True, message="Only the director emails members."
        )
    topic = get_object_or_404(Topic.objects.select_related("forum"), pk=topic_id)
    if request.POST.get("confirm") != "yes":
        messages.error(
            request, "Tick the box to confirm: the email cannot be called back."
        )
        return redirect(reverse("community_forum:topic-link", args=[topic.pk]))
    try:
        services.announcement_queue(topic=topic, user=request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        count = services.recipients("announcements").exclude(pk=request.user.pk).count()
        messages.success(
            request,
            f"The announcement is being emailed to {count} member"
            f"{'s' if count != 1 else ''} who want announcements.",
        )
    return redirect(reverse("community_forum:topic-link", args=[topic.pk]))
