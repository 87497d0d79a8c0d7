"""Calendar downloads, the private feed, and the page that manages its link.

The feed is the one sessions URL without a sign-in: calendar apps cannot log in,
so the secret token in the URL stands for the member, and the access rule is
asked on every fetch. A lapsed member's or an unknown token gets the same 404,
so the URL tells nobody whether it ever worked.
"""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_POST, require_safe

from community.access import has_member_access, member_required
from sessions.calendar import (
    calendar_token_for,
    calendar_token_reset,
    download_filename,
    feed_ics,
    feed_url,
    session_ics,
    user_for_feed_token,
    webcal_url,
)
from sessions.models import CoachingSession

CALENDAR_CONTENT_TYPE = "text/calendar; charset=utf-8"


def _calendar_response(body: bytes) -> HttpResponse:
    response = HttpResponse(body, content_type=CALENDAR_CONTENT_TYPE)
    response["X-Robots-Tag"] = "noindex"
    return response


def calendar_download(body: bytes, *, filename: str) -> HttpResponse:
    """An .ics file to save, private to the person who asked (consultations'
    deadline and conference files are sent the same way)."""
    response = _calendar_response(body)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    patch_cache_control(response, private=True, no_cache=True)
    return response


@member_required
@require_safe
def session_ics_download(request, pk):
    session = get_object_or_404(CoachingSession, pk=pk)
    return calendar_download(
        session_ics(session, for_user=request.user),
        filename=download_filename(session, user=request.user),
    )


@require_safe
def calendar_feed(request, token):
    user = user_for_feed_token(token)
    if user is None or not has_member_access(user):
        raise Http404("No calendar here.")
    response = _calendar_response(feed_ics(user))
    patch_cache_control(response, private=True, max_age=300)
    return response


@member_required
@require_safe
def calendar_settings(request):
    token = calendar_token_for(user=request.user)
    return render(
        request,
        "coaching_sessions/calendar_settings.html",
        {"feed_url": feed_url(token), "webcal_url": webcal_url(token)},
    )


@member_required
@require_POST
def calendar_reset(request):
    calendar_token_reset(user=request.user)
    messages.success(
        request,
        "Your calendar link has been reset: the old link no longer works. "
        "Subscribe to the new one below in your calendar app.",
    )
    return redirect("coaching_sessions:calendar-settings")
