from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    """The in-app notification centre (``/notifications/``) and the bell in the
    header. Infrastructure like ``community.mail``: it imports no content app;
    the forum, sessions and consultations call ``services.notification_add``
    where they already tell a person something by email, with the same neutral
    title (no topic title, no post or case text)."""

    name = "notifications"
    label = "notifications"
    verbose_name = "Notifications"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from notifications import data_rights

        data_rights.register()
