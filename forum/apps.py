from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _ensure_forum(sender, **kwargs):
    from forum.setup import ensure_forum_structure

    ensure_forum_structure()


class ForumConfig(AppConfig):
    """The community's forum customisations; machina owns the label ``forum``."""

    name = "forum"
    label = "community_forum"
    verbose_name = "Forum"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from forum import data_rights

        data_rights.register()
        post_migrate.connect(_ensure_forum, sender=self, dispatch_uid="forum-setup")
