"""What sessions adds to the forum's topic page (see ``forum.templatetags``).

Registered from ``SessionsConfig.ready`` so that the forum app never imports
sessions: the dependency runs from sessions to the forum, as the house rules say.
"""

from wagtail import hooks

from forum.templatetags.forum_hooks import TOPIC_HEAD_HOOK
from sessions.services.curation import topic_can_be_brought


def topic_sessions_template(topic) -> str:
    """Every topic lists the sessions it was brought to; only the ones that can
    be brought (not Announcements) offer the director the way to do it."""
    if topic_can_be_brought(topic):
        return "coaching_sessions/_forum_topic_bring.html"
    return "coaching_sessions/_forum_topic_sessions.html"


def register() -> None:
    hooks.register(TOPIC_HEAD_HOOK, topic_sessions_template)
