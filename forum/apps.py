from django.apps import AppConfig


class ForumConfig(AppConfig):
    """The community's forum customisations; machina owns the label ``forum``."""

    name = "forum"
    label = "community_forum"
    verbose_name = "Forum"
    default_auto_field = "django.db.models.BigAutoField"
