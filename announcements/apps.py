from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _setup(sender, **kwargs):
    from announcements.setup import ensure_schedules

    ensure_schedules()


class AnnouncementsConfig(AppConfig):
    """Bulk emails to members: the director's announcement (a topic of the
    Announcements forum, emailed from its page) and the weekly digest of new
    library videos, each to those who kept that kind on, each with a one-click
    unsubscribe that turns off that kind only."""

    name = "announcements"
    label = "announcements"
    verbose_name = "Announcements"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from announcements import data_rights, forum_hooks

        data_rights.register()
        forum_hooks.register()
        post_migrate.connect(_setup, sender=self, dispatch_uid="announcements-setup")
