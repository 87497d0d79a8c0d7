from django.apps import AppConfig
from django.db.models.signals import post_migrate
from wagtail.users.apps import WagtailUsersAppConfig


def _ensure_roles(sender, **kwargs):
    from community.roles import ensure_roles

    ensure_roles()


def _register_data_rights() -> None:
    """The account's own part of export and erasure (community.data_rights)."""
    from community import data_rights, selectors, services

    data_rights.register(
        models=[
            "account.EmailAddress",
            "mfa.Authenticator",
            "wagtailusers.UserProfile",
            "wagtailadmin.EditingSession",
            "wagtailadmin.FormState",
            "wagtailcore.PageSubscription",
            "wagtailcore.APIToken",
        ],
        export=selectors.account_export,
        erase=services.account_erase,
    )
    data_rights.register(
        models=["community.NotificationPreferences"],
        export=selectors.notification_export,
        erase=services.notification_preferences_erase,
    )


class CommunityConfig(AppConfig):
    default = True  # this module holds two configs; "community" means this one
    name = "community"
    label = "community"
    verbose_name = "Community"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        post_migrate.connect(_ensure_roles, sender=self, dispatch_uid="community-roles")
        _register_data_rights()


class WagtailUsersConfig(WagtailUsersAppConfig):
    """Replaces "wagtail.users" in INSTALLED_APPS to use our user forms."""

    user_viewset = "community.wagtail_users.UserViewSet"
