"""The session emails, and the pieces every one of them needs: the recipient's own
time zone and the link back to the session.

Members read times in their own time zone, so each email is rendered in its
recipient's. Emails name the session and its time and link to the site; a
question's title, text and case context stay there.
"""

from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.conf import settings
from django.urls import reverse

from community.mail import send_templated_mail
from sessions.models import CoachingSession


def session_url(session: CoachingSession) -> str:
    return settings.SITE_URL + reverse("coaching_sessions:detail", args=[session.pk])


def user_time_zone(user) -> ZoneInfo:
    """The person's own time zone (their account setting), UTC if unusable."""
    try:
        return ZoneInfo(getattr(user, "time_zone", "") or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def send_session_email(*, kind: str, user, **context) -> None:
    send_templated_mail(
        template=f"coaching_sessions/email/{kind}",
        to=[user.email],
        context={"user": user, "time_zone": user_time_zone(user).key, **context},
    )
