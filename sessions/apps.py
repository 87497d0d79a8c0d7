from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _ensure_schedules(sender, **kwargs):
    from sessions.setup import ensure_next_sessions, ensure_schedules

    ensure_schedules()
    ensure_next_sessions()


class SessionsConfig(AppConfig):
    """Live coaching sessions; django.contrib.sessions owns the label ``sessions``."""

    name = "sessions"
    label = "coaching_sessions"
    verbose_name = "Coaching sessions"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from sessions import data_rights, forum_hooks

        forum_hooks.register()
        data_rights.register()
        post_migrate.connect(
            _ensure_schedules, sender=self, dispatch_uid="coaching-sessions-setup"
        )
