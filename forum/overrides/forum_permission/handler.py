"""machina's permission handler with pre-moderation of a member's first posts."""

from machina.apps.forum_permission.handler import PermissionHandler as Base

from forum.selectors import user_is_trusted_poster


class PermissionHandler(Base):
    def can_post_without_approval(self, forum, user):
        # machina's per-forum permission, and our rule: a member's first posts
        # (FORUM_PREMODERATED_POSTS) wait for the director's approval.
        return super().can_post_without_approval(
            forum, user
        ) and user_is_trusted_poster(user=user)
