from machina.apps.forum_permission.apps import ForumPermissionAppConfig as Base


class ForumPermissionAppConfig(Base):
    """machina's forum_permission, with our PermissionHandler (see handler.py)."""

    default = True  # the imported Base is an AppConfig too
    name = "forum.overrides.forum_permission"
