"""Where other apps add to the forum's pages, through Wagtail's hook registry.

The forum knows no other app: under a topic's opening post it includes whatever
templates the ``forum_topic_head`` hooks name (sessions adds "brought to the
live session of ..." and the director's "Bring this topic to a session"). Each
hook is a function ``(topic) -> template name or None``; the template is
rendered with the post's context. Without the other app installed, the topic
page simply has no such part.
"""

from django import template
from wagtail import hooks

register = template.Library()

TOPIC_HEAD_HOOK = "forum_topic_head"


@register.simple_tag
def topic_head_includes(topic) -> list[str]:
    names = (hook(topic) for hook in hooks.get_hooks(TOPIC_HEAD_HOOK))
    return [name for name in names if name]
