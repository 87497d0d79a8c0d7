"""The director's "Email this to all members" on an Announcements topic."""

from django import template

from announcements import services
from announcements.models import Announcement
from community.roles import is_director

register = template.Library()


@register.inclusion_tag("announcements/_topic_email.html", takes_context=True)
def announcement_email_button(context, topic):
    user = context["request"].user
    if not (is_director(user) and services.may_announce(topic)):
        return {"show": False}
    sent = Announcement.objects.filter(topic=topic).first()
    return {
        "show": True,
        "topic": topic,
        "sent": sent,
        "count": None
        if sent
        else services.recipients("announcements").exclude(pk=user.pk).count(),
        "csrf_token": context.get("csrf_token"),
    }
