from django.apps import AppConfig
from django.db.models.signals import post_migrate
from wagtail.users.apps import WagtailUsersAppConfig


def _ensure_roles(sender, **kwargs):
    from community.roles import ensure_roles

    ensure_roles()


class CommunityConfig(AppConfig):
    default = True  # this module holds two configs; "community" means this one
    name = "community"
    label = "community"
    verbose_name = "Community"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        post_migrate.connect(_ensure_roles, sender=self, dispatch_uid="community-roles")


class WagtailUsersConfig(WagtailUsersAppConfig):
    """Replaces "wagtail.users" in INSTALLED_APPS to use our user forms."""

    user_viewset = "community.wagtail_users.UserViewSet"
