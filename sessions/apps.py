from django.apps import AppConfig


class SessionsConfig(AppConfig):
    """Live coaching sessions; django.contrib.sessions owns the label ``sessions``."""

    name = "sessions"
    label = "coaching_sessions"
    verbose_name = "Coaching sessions"
    default_auto_field = "django.db.models.BigAutoField"
