"""What a refused visitor is told a forum address is (issue #19).

A topic's title is written by a member, often about a case: it is member
content, so a visitor is told only that the topic is in the members' forum.
"""

from community.access import MembersOnly

TOPIC = MembersOnly(heading="This topic is in the members' forum")


def topic_teaser(request, *args, **kwargs) -> MembersOnly:
    return TOPIC


# machina's URL names (``community.access.member_only_urls``).
MACHINA_TEASERS = {
    "forum_conversation:topic": topic_teaser,
}
