"""Writes about accounts: profile changes and account deletion."""

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from community.models import NotificationPreferences, User


@transaction.atomic
def user_delete_account(*, user: User) -> None:
    """Delete a person's account but keep the community's threads readable.

    The row stays as a tombstone so that posts, replies and questions keep their
    author link and read as from "Deleted member"; every personal field is blanked,
    sign-in is disabled for good and related personal records are removed. Apps
    with their own personal data clean it up through ACCOUNT_DELETION_HOOKS.
    """
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator

    for path in getattr(settings, "ACCOUNT_DELETION_HOOKS", []):
        import_string(path)(user=user)

    EmailAddress.objects.filter(user=user).delete()
    Authenticator.objects.filter(user=user).delete()
    NotificationPreferences.objects.filter(user=user).delete()
    user.orientations.clear()
    user.groups.clear()
    user.user_permissions.clear()

    user.email = f"deleted-{user.pk}@deleted.invalid"
    user.display_name = ""
    user.first_name = ""
    user.last_name = ""
    user.credentials = ""
    user.time_zone = "UTC"
    user.is_active = False
    user.is_staff = False
    user.is_superuser = False
    user.deleted_at = timezone.now()
    user.set_unusable_password()
    user.save()
