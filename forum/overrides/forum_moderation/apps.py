from machina.apps.forum_moderation.apps import ForumModerationAppConfig as Base


class ForumModerationAppConfig(Base):
    """machina's moderation with approval and rejection that tell the author."""

    default = True  # the imported Base is an AppConfig too
    name = "forum.overrides.forum_moderation"
