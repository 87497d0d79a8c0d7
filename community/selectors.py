"""Reads about accounts: notification preferences and the personal data export."""

from django.conf import settings
from django.utils.module_loading import import_string

from community.models import NotificationPreferences


def notification_preferences_for(*, user) -> NotificationPreferences:
    preferences, _ = NotificationPreferences.objects.get_or_create(user=user)
    return preferences


def _account_section(user) -> dict:
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator

    return {
        "email": user.email,
        "display_name": user.display_name,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "credentials": user.credentials,
        "orientations": [o.name for o in user.orientations.all()],
        "time_zone": user.time_zone,
        "date_joined": user.date_joined.isoformat(),
        "last_login": user.last_login.isoformat() if user.last_login else None,
        "email_addresses": [
            {"email": a.email, "verified": a.verified, "primary": a.primary}
            for a in EmailAddress.objects.filter(user=user)
        ],
        "two_factor_methods": sorted(
            Authenticator.objects.filter(user=user).values_list("type", flat=True)
        ),
    }


def _notification_section(user) -> dict:
    preferences = notification_preferences_for(user=user)
    return {
        field.name: getattr(preferences, field.name)
        for field in NotificationPreferences._meta.fields
        if field.name != "user"
    }


def user_data_export(*, user) -> dict:
    """Everything we hold about a person, as JSON-ready data.

    Each app adds its own section through ACCOUNT_DATA_EXPORTERS (dotted paths of
    functions taking ``user=`` and returning ``(section_name, data)``), so this module
    does not need to know every app.
    """
    data = {
        "account": _account_section(user),
        "notification_preferences": _notification_section(user),
    }
    for path in getattr(settings, "ACCOUNT_DATA_EXPORTERS", []):
        name, section = import_string(path)(user=user)
        data[name] = section
    return data
