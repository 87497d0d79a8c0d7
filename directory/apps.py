from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _setup(sender, **kwargs):
    from directory.setup import ensure_schedules

    ensure_schedules()


class DirectoryConfig(AppConfig):
    """The member directory (``/members/``, opt-in, each field shown only if its
    owner chose to) and licences, which the director verifies by hand against
    the board's public lookup. A content app: it asks ``community.access`` who
    may look, and the forum asks it for the link and credentials beside a name."""

    name = "directory"
    label = "member_directory"
    verbose_name = "Member directory"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from directory import data_rights

        data_rights.register()
        post_migrate.connect(_setup, sender=self, dispatch_uid="directory-setup")
