"""Emailing an announcement (the director, from the topic's page) and the
one-click unsubscribe (anyone holding a valid link, signed in or not)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from announcements import services, unsubscribe
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


@csrf_exempt  # RFC 8058: mail clients POST without a form; the signature is the proof
@require_http_methods(["GET", "POST"])
def unsubscribe_view(request, token: str):
    try:
        user_id, kind = unsubscribe.read(token)
    except unsubscribe.BadToken as error:
        return render(
            request,
            "announcements/unsubscribe.html",
            {"error": str(error)},
            status=400,
        )
    label = unsubscribe.KINDS[kind][1]
    if request.method == "POST":
        unsubscribe.unsubscribe(user_id=user_id, kind=kind)
        return render(
            request, "announcements/unsubscribe.html", {"done": True, "label": label}
        )
    return render(
        request, "announcements/unsubscribe.html", {"label": label, "token": token}
    )
