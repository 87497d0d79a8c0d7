"""Times in the admin tools in the signed-in person's own time zone.

The zone is the one on their account (``User.time_zone``), the one the site
shows them everywhere else, not Wagtail's separate profile setting, so that a
date or a "12:00" typed in a tool means what the person means by it. Knows no
app: any tool's admin view can use ``OwnTimeZoneMixin``.
"""

from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.utils import timezone


def user_time_zone(user) -> ZoneInfo:
    """The person's own time zone (their account setting), UTC if unusable."""
    try:
        return ZoneInfo(getattr(user, "time_zone", "") or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


class OwnTimeZoneMixin:
    """Read and show times in the signed-in user's own time zone.

    Wagtail wraps each admin view in the time zone of its own user profile and
    renders the response later; rendering here, inside our time zone, keeps the
    form's input and output in the same one.
    """

    def dispatch(self, request, *args, **kwargs):
        with timezone.override(user_time_zone(request.user)):
            response = super().dispatch(request, *args, **kwargs)
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
        return response
