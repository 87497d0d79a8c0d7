"""The join page and the recording page: the site's doors to links that must
not travel.

A meeting link works for whoever holds it, so it never leaves the site: calendars,
emails and pages carry ``/sessions/<id>/join/``, which asks the access rule,
opens 15 minutes before the start, records the join, and only then redirects.
Recordings likewise: ``/sessions/<id>/recording/`` asks the rule and sends the
member to the library's video page (or, without one, to the recording itself).
The gate's clock (``gate_state``) and its redirect serve any other meeting held
through the site.
"""

from urllib.parse import urlsplit, urlunsplit

from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_safe

from community.access import member_required
from sessions.models import CoachingSession
from sessions.services.attendance import attendance_record
from sessions.teasers import session_teaser

MAX_MINUTE = 24 * 60


def gate_state(
    *, opens_at, ends_at, link, now, cancelled: bool = False, done: bool = False
) -> str:
    """The join gate's clock, for any live meeting held through the site: why
    it would not open now, or "open". ``link`` is the meeting link, or a
    callable giving it, read only once the clock allows."""
    if cancelled:
        return "cancelled"
    if now < opens_at:
        return "early"
    if now >= ends_at or done:
        return "ended"
    if not (link() if callable(link) else link):
        return "no_link"
    return "open"


def meeting_redirect(url: str) -> HttpResponseRedirect:
    """Send the person on to the meeting; the page they came from is nothing
    to the meeting provider."""
    response = HttpResponseRedirect(url)
    response["Referrer-Policy"] = "no-referrer"
    return response


def join_state(session: CoachingSession, now) -> str:
    """Why the join page would not open the meeting now, or "open"."""
    return gate_state(
        opens_at=session.join_opens_at,
        ends_at=session.ends_at,
        link=lambda: session.effective_meeting_url,
        now=now,
        cancelled=session.status == CoachingSession.Status.CANCELLED,
        done=session.status == CoachingSession.Status.DONE,
    )


def library_recording(session: CoachingSession):
    """The library's video of this session, if one is published: the session's
    pages link it at the minute (``?t=12m``), and this view prefers it."""
    return session.videos.filter(live=True).order_by("-first_published_at").first()


@member_required(teaser=session_teaser)
@require_GET
@never_cache
def join(request, pk):
    session = get_object_or_404(CoachingSession.objects.select_related("rule"), pk=pk)
    now = timezone.now()
    state = join_state(session, now)
    if state == "open":
        attendance_record(session=session, user=request.user, now=now)
        return meeting_redirect(session.effective_meeting_url)
    has_recording = state == "ended" and (
        bool(session.recording_url) or library_recording(session) is not None
    )
    return render(
        request,
        "coaching_sessions/join.html",
        {
            "session": session,
            "state": state,
            "now": now,
            "has_recording": has_recording,
        },
    )


def _minute(value) -> int | None:
    try:
        minute = int(value)
    except (TypeError, ValueError):
        return None
    return minute if 0 <= minute <= MAX_MINUTE else None


def _at_minute(url: str, minute: int | None) -> str:
    if minute is None:
        return url
    return urlunsplit(urlsplit(url)._replace(fragment=f"t={minute}m"))


@member_required(teaser=session_teaser)
@require_safe
@never_cache
def recording(request, pk):
    """``?minute=12`` starts at that minute where the player reads ``#t=12m``."""
    session = get_object_or_404(CoachingSession, pk=pk)
    video = library_recording(session)
    if video is not None:
        target = video.get_url(request=request)
    elif session.recording_url:
        target = session.recording_url
    else:
        raise Http404("This session has no recording yet.")
    return HttpResponseRedirect(_at_minute(target, _minute(request.GET.get("minute"))))
