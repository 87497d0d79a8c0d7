from machina.apps.forum_conversation.apps import ForumConversationAppConfig as Base


class ForumConversationAppConfig(Base):
    """machina's conversations with our forms (privacy check) and views (follow-ups)."""

    default = True  # the imported Base is an AppConfig too
    name = "forum.overrides.forum_conversation"
