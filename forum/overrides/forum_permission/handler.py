"""machina's permission handler with pre-moderation of a member's first posts,
and topics that wait for approval kept to their author and the moderators."""

from machina.apps.forum_permission.handler import PermissionHandler as Base

from forum.selectors import user_is_trusted_poster


class PermissionHandler(Base):
    def can_post_without_approval(self, forum, user):
        # machina's per-forum permission, and our rule: a member's first posts
        # (FORUM_PREMODERATED_POSTS) wait for the director's approval.
        return super().can_post_without_approval(
            forum, user
        ) and user_is_trusted_poster(user=user)

    def can_see_topic(self, topic, user):
        """machina lets every reader of a forum open any of its topics by
        address; one waiting for approval belongs to its author and the
        moderators until it is approved."""
        return (
            topic.approved
            or (user.is_authenticated and topic.poster_id == user.pk)
            or self.can_approve_posts(topic.forum, user)
        )

    def can_add_post(self, topic, user):
        return super().can_add_post(topic, user) and self.can_see_topic(topic, user)

    def can_subscribe_to_topic(self, topic, user):
        return super().can_subscribe_to_topic(topic, user) and self.can_see_topic(
            topic, user
        )
