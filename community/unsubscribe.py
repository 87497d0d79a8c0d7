"""One-click unsubscribe from a kind of bulk email (announcements, the video
digest, the agenda and the session reminders every member gets, the forum's
daily digest).

The link carries a signed, timestamped token of (user id, kind): it works
without signing in, turns off that kind only, and is refused when forged or
older than ``MAX_AGE``. Mail clients that honour ``List-Unsubscribe-Post``
(RFC 8058) POST to the same address without a form, so the POST needs no CSRF
token: the signature is the proof.
"""

from django.conf import settings
from django.core import signing
from django.urls import reverse

from community.models import NotificationPreferences

SALT = "community.unsubscribe"
MAX_AGE = 60 * 60 * 24 * 120  # four months: an old email's link still works
# The kinds of bulk email, the preference each one turns off, and its name.
KINDS = {
    "announcements": ("forum_announcements", "announcements from the director"),
    "videos": ("new_videos", "the weekly digest of new videos"),
    "agenda": ("session_agenda_published", "emails when a session's agenda is out"),
    "questions_closing": (
        "session_questions_closing",
        "reminders that questions for a session close",
    ),
    "reminder_day": ("session_reminder_day", "the day-before session reminders"),
    "reminder_hour": ("session_reminder_hour", "the hour-before session reminders"),
    "recording": ("session_recording_posted", "emails when a recording is posted"),
    "digest": ("forum_replies", "the daily digest of forum replies"),
}
# Off, for a preference that is not a yes/no (the forum's delivery choice).
OFF = {"forum_replies": NotificationPreferences.ForumDelivery.OFF}


class BadToken(Exception):
    pass


def token_for(user, kind: str) -> str:
    return signing.TimestampSigner(salt=SALT).sign(f"{user.pk}:{kind}")


def link_for(user, kind: str) -> str:
    return settings.SITE_URL + reverse("unsubscribe", args=[token_for(user, kind)])


def headers_for(user, kind: str) -> dict:
    return {
        "List-Unsubscribe": f"<{link_for(user, kind)}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }


def read(token: str) -> tuple[int, str]:
    try:
        value = signing.TimestampSigner(salt=SALT).unsign(token, max_age=MAX_AGE)
    except signing.SignatureExpired as expired:
        raise BadToken("This unsubscribe link has expired.") from expired
    except signing.BadSignature as forged:
        raise BadToken("This unsubscribe link is not valid.") from forged
    user_id, _, kind = value.partition(":")
    if kind not in KINDS or not user_id.isdigit():
        raise BadToken("This unsubscribe link is not valid.")
    return int(user_id), kind


def is_off(*, user_id: int, kind: str) -> bool:
    """Already unsubscribed (a second visit of the link says so, asks nothing)."""
    field = KINDS[kind][0]
    preferences = NotificationPreferences.objects.filter(user_id=user_id).first()
    return preferences is not None and getattr(preferences, field) == OFF.get(
        field, False
    )


def unsubscribe(*, user_id: int, kind: str) -> None:
    field = KINDS[kind][0]
    preferences, _ = NotificationPreferences.objects.get_or_create(user_id=user_id)
    off = OFF.get(field, False)
    if getattr(preferences, field) != off:
        setattr(preferences, field, off)
        preferences.save(update_fields=[field])
