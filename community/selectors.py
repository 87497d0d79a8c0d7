"""Reads about accounts: notification preferences and the account's part of the
personal data export (community.data_rights gathers every app's part)."""

from community.models import NotificationPreferences


def notification_preferences_for(*, user) -> NotificationPreferences:
    preferences, _ = NotificationPreferences.objects.get_or_create(user=user)
    return preferences


def account_export(*, user) -> tuple[str, dict]:
    """The account section: profile, sign-in addresses, two-factor methods, and
    the CMS tokens a staff member made (names only: we hold no token itself)."""
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator
    from wagtail.models import APIToken

    return "account", {
        "email": user.email,
        "display_name": user.display_name,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "credentials": user.credentials,
        "orientations": [o.name for o in user.orientations.all()],
        "time_zone": user.time_zone,
        "start_here_dismissed_at": (
            user.start_here_dismissed_at.isoformat()
            if user.start_here_dismissed_at
            else None
        ),
        "date_joined": user.date_joined.isoformat(),
        "last_login": user.last_login.isoformat() if user.last_login else None,
        "email_addresses": [
            {"email": a.email, "verified": a.verified, "primary": a.primary}
            for a in EmailAddress.objects.filter(user=user)
        ],
        "two_factor_methods": sorted(
            Authenticator.objects.filter(user=user).values_list("type", flat=True)
        ),
        "cms_api_tokens": [
            {"name": t.name, "created": t.created.isoformat()}
            for t in APIToken.objects.filter(user=user).order_by("created")
        ],
    }


def notification_export(*, user) -> tuple[str, dict]:
    """Read without creating: an export must not add a row to what it reports."""
    preferences = NotificationPreferences.objects.filter(user=user).first()
    preferences = preferences or NotificationPreferences(user=user)
    return "notification_preferences", {
        field.name: getattr(preferences, field.name)
        for field in NotificationPreferences._meta.fields
        if field.name not in ("id", "user")
    }
