"""What announcements adds to the forum's topic page: the director's "Email
this to all members" under an Announcements topic's opening post (registered
from ``AnnouncementsConfig.ready``; the forum never imports this app)."""

from wagtail import hooks

from announcements import services
from forum.templatetags.forum_hooks import TOPIC_HEAD_HOOK


def announcement_email_template(topic) -> str | None:
    if topic.forum.slug != services.ANNOUNCEMENTS_FORUM:
        return None
    return "announcements/_topic_email_hook.html"


def register() -> None:
    hooks.register(TOPIC_HEAD_HOOK, announcement_email_template)
