"""Calendar routes, included by ``sessions/urls.py`` (namespace coaching_sessions)."""

from django.urls import path, re_path

from sessions import calendar_views

urlpatterns = [
    path(
        "<int:pk>/calendar.ics",
        calendar_views.session_ics_download,
        name="session-ics",
    ),
    path("calendar/", calendar_views.calendar_settings, name="calendar-settings"),
    path("calendar/reset/", calendar_views.calendar_reset, name="calendar-reset"),
    # Tokens are url-safe base64 (``secrets.token_urlsafe``), at most 64 long.
    re_path(
        r"^calendar/(?P<token>[A-Za-z0-9_-]{1,64})\.ics$",
        calendar_views.calendar_feed,
        name="calendar-feed",
    ),
]
