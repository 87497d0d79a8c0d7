"""Writes about accounts: the account's part of erasure, and account deletion."""

from django.db import transaction
from django.utils import timezone

from community import data_rights
from community.models import NotificationPreferences, User


def account_erase(*, user: User) -> None:
    """Remove what signs the person in or describes them outside the user row.

    The user row itself stays as a tombstone (see user_delete_account), so nothing
    here would go by CASCADE: each table is cleared by hand. The CMS leftovers
    (admin profile, open edit sessions, unsaved form drafts, page subscriptions,
    API tokens) only exist for staff; a staff member deleting their account
    takes them along.
    """
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator
    from wagtail.admin.models import EditingSession, FormState
    from wagtail.models import APIToken, PageSubscription
    from wagtail.users.models import UserProfile

    for profile in UserProfile.objects.filter(user=user).exclude(avatar=""):
        profile.avatar.delete(save=False)  # the file, not only the row
    for model in (
        EmailAddress,
        Authenticator,
        UserProfile,
        EditingSession,
        FormState,
        PageSubscription,
        APIToken,
    ):
        model.objects.filter(user=user).delete()
    user.orientations.clear()
    user.groups.clear()
    user.user_permissions.clear()


def notification_preferences_erase(*, user: User) -> None:
    NotificationPreferences.objects.filter(user=user).delete()


@transaction.atomic
def user_delete_account(*, user: User) -> None:
    """Delete a person's account but keep the community's threads readable.

    Every app erases its part first (community.data_rights; billing may refuse,
    and then nothing is erased). The row then stays as a tombstone so that posts,
    replies and answered questions keep their author link and read as from
    "Deleted member"; every personal field is blanked and sign-in is disabled for
    good (an unusable password also ends the person's other sessions, whose
    session hash no longer matches).
    """
    data_rights.erase_all(user=user)

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


@transaction.atomic
def start_here_dismiss(*, user: User) -> None:
    """Hide the dashboard's "Start here" card for good (community.onboarding);
    a second dismissal keeps the first date."""
    if user.start_here_dismissed_at is None:
        user.start_here_dismissed_at = timezone.now()
        user.save(update_fields=["start_here_dismissed_at"])
