from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _ensure_schedules(sender, **kwargs):
    from memberships.setup import ensure_schedules

    ensure_schedules()


class MembershipsConfig(AppConfig):
    name = "memberships"
    label = "memberships"
    verbose_name = "Memberships"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from memberships import data_rights

        data_rights.register()
        post_migrate.connect(
            _ensure_schedules, sender=self, dispatch_uid="memberships-setup"
        )
