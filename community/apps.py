from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_migrate, post_save
from wagtail.users.apps import WagtailUsersAppConfig


def _ensure_roles(sender, **kwargs):
    from community.roles import ensure_roles

    ensure_roles()


def _ensure_schedules(sender, **kwargs):
    from community.setup import ensure_schedules, ensure_site

    ensure_schedules()
    ensure_site()


def create_cache_tables(sender, using="default", **kwargs):
    """The database cache's table (production without Redis keeps the rate limits
    there), made by ``migrate`` so that no deployment step can be forgotten.
    createcachetable skips tables that exist and caches of other backends."""
    from django.core.management import call_command

    call_command("createcachetable", database=using, verbosity=0)


# An account's staff status decides its Admins role (community.roles).
ROLE_FIELDS = {"is_staff", "is_active", "deleted_at"}


def _sync_admin_role(sender, instance, raw=False, update_fields=None, **kwargs):
    from community.roles import sync_admin_role

    if raw or (update_fields is not None and not ROLE_FIELDS & set(update_fields)):
        return  # loading fixtures, or a save that changes no role (last_login)
    sync_admin_role(instance)


def _sync_admin_role_of_groups(sender, instance, action, reverse, **kwargs):
    from community.roles import ADMINS_GROUP, sync_admin_role, sync_admins_group

    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if not reverse:
        sync_admin_role(instance)  # a user's groups were set (a user admin form)
    elif instance.name == ADMINS_GROUP:
        sync_admins_group(instance)  # the group's members were set


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
        post_migrate.connect(
            _ensure_schedules, sender=self, dispatch_uid="community-schedules"
        )
        post_migrate.connect(
            create_cache_tables, sender=self, dispatch_uid="community-cache-tables"
        )
        user_model = self.get_model("User")
        post_save.connect(
            _sync_admin_role, sender=user_model, dispatch_uid="community-admin-role"
        )
        m2m_changed.connect(
            _sync_admin_role_of_groups,
            sender=user_model.groups.through,
            dispatch_uid="community-admin-role-groups",
        )
        _register_data_rights()


class WagtailUsersConfig(WagtailUsersAppConfig):
    """Replaces "wagtail.users" in INSTALLED_APPS to use our user forms."""

    user_viewset = "community.wagtail_users.UserViewSet"
