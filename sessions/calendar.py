"""iCalendar files for coaching sessions: one session's download and a member's feed.

Times go out in UTC, as they are stored; calendar apps show them in the reader's
own zone, so a session keeps its place across daylight-saving changes.

A feed URL is a bearer secret that lives on calendar providers' servers, and a
downloaded file travels to them too, so an event carries the session and how
many of the member's *own* questions it holds in each status, with a link back.
No question title (an author may have confirmed a client detail past the
privacy guard), no question text or case context, never another member's. And
no meeting link: the event's location is the session's join page, which asks
the access rule each time, so a member who cancels keeps a calendar entry that
no longer opens the meeting.
"""

import secrets
import zoneinfo
from collections import Counter
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.db.models import Prefetch
from django.urls import reverse
from django.utils import dateformat, timezone
from icalendar import Calendar, Conference, Event, vDuration

from sessions.models import CalendarToken, CoachingSession, Question
from sessions.services.emails import join_url

FEED_PAST_DAYS = 60
FEED_REFRESH = timedelta(hours=1)
# SEQUENCE counts seconds since this moment rather than since 1970: the numbers
# stay well inside the 32-bit integers some calendar apps parse them into.
SEQUENCE_EPOCH = datetime(2024, 1, 1, tzinfo=UTC)
HIDDEN_QUESTION_STATUSES = [Question.Status.WITHDRAWN]


# Tokens ---------------------------------------------------------------------


def calendar_token_for(*, user) -> CalendarToken:
    """The member's feed token, made on first use (two first visits at once are
    fine: ``get_or_create`` falls back to the row the other one wrote)."""
    token, _ = CalendarToken.objects.get_or_create(user=user)
    return token


@transaction.atomic
def calendar_token_reset(*, user) -> CalendarToken:
    """Replace the member's token: the old feed URL stops working at once."""
    token, _ = CalendarToken.objects.update_or_create(
        user=user, defaults={"token": secrets.token_urlsafe()}
    )
    return token


def user_for_feed_token(token: str):
    """The owner of a feed token, or None.

    An equality filter on the whole (unique, random) token: nothing is compared
    prefix by prefix in Python, so response times say nothing about near misses.
    """
    if not token:
        return None
    found = CalendarToken.objects.select_related("user").filter(token=token).first()
    return found.user if found else None


def feed_url(token: CalendarToken) -> str:
    path = reverse("coaching_sessions:calendar-feed", kwargs={"token": token.token})
    return f"{settings.SITE_URL}{path}"


def webcal_url(token: CalendarToken) -> str:
    """The same URL for "open in my calendar app" links (webcal:// subscribes)."""
    return "webcal://" + feed_url(token).split("://", 1)[1]


# Calendars ------------------------------------------------------------------


def session_ics(session: CoachingSession, *, for_user) -> bytes:
    """One session as a calendar file, with ``for_user``'s own questions in it."""
    questions = []
    if for_user is not None and for_user.is_authenticated:
        questions = list(
            _own_questions(for_user).filter(session=session).order_by("created_at")
        )
    calendar = _calendar()
    calendar.add_component(
        _event(session, questions=questions, user=for_user, now=timezone.now())
    )
    return calendar.to_ical()


def feed_ics(user) -> bytes:
    """The member's subscription: sessions from 60 days ago and every later one.

    Cancelled sessions stay in, marked STATUS:CANCELLED, so that calendar apps
    take them off the member's calendar instead of keeping a stale copy.
    """
    now = timezone.now()
    calendar = _calendar(name=f"{settings.COMMUNITY_NAME}: coaching sessions")
    calendar.add("X-WR-CALDESC", "Live group coaching sessions")
    calendar.add("REFRESH-INTERVAL", FEED_REFRESH, parameters={"VALUE": "DURATION"})
    # An X- property has no known type: without vDuration it would go out as
    # "1:00:00", which no calendar app reads.
    calendar.add("X-PUBLISHED-TTL", vDuration(FEED_REFRESH))
    for session in feed_sessions(user=user, now=now):
        calendar.add_component(
            _event(session, questions=session.my_questions, user=user, now=now)
        )
    return calendar.to_ical()


def feed_sessions(*, user, now=None) -> list[CoachingSession]:
    """Two queries however many sessions and questions there are."""
    now = now or timezone.now()
    own = Prefetch(
        "questions",
        queryset=_own_questions(user).order_by("created_at"),
        to_attr="my_questions",
    )
    return list(
        CoachingSession.objects.filter(
            starts_at__gte=now - timedelta(days=FEED_PAST_DAYS)
        )
        .order_by("starts_at")
        .prefetch_related(own)
    )


def _own_questions(user):
    # Only questions the member wrote: a question merged *into* theirs stays the
    # other member's, and co-authorship of a merged question is not authorship.
    return Question.objects.filter(author=user).exclude(
        status__in=HIDDEN_QUESTION_STATUSES
    )


def _calendar(*, name: str | None = None) -> Calendar:
    calendar = Calendar()
    calendar.add("PRODID", f"-//{settings.COMMUNITY_NAME}//Coaching sessions//EN")
    calendar.add("VERSION", "2.0")
    calendar.add("CALSCALE", "GREGORIAN")
    calendar.add("METHOD", "PUBLISH")
    if name:
        calendar.add("NAME", name)
        calendar.add("X-WR-CALNAME", name)
    return calendar


def _event(session: CoachingSession, *, questions, user, now) -> Event:
    page_url = settings.SITE_URL + reverse(
        "coaching_sessions:detail", kwargs={"pk": session.pk}
    )
    event = Event()
    event.add("UID", session_uid(session))
    event.add("DTSTAMP", now.astimezone(UTC))
    event.add("LAST-MODIFIED", session.updated_at.astimezone(UTC))
    event.add("DTSTART", session.starts_at.astimezone(UTC))
    event.add("DTEND", session.ends_at.astimezone(UTC))
    event.add("SEQUENCE", session_sequence(session))
    event.add("SUMMARY", session.title)
    event.add(
        "DESCRIPTION",
        _description(session, page_url=page_url, questions=questions, user=user),
    )
    event.add("URL", page_url)
    cancelled = session.status == CoachingSession.Status.CANCELLED
    if not cancelled:
        join = join_url(session)
        event.add("LOCATION", join)
        event.conferences = [
            Conference(join, feature="VIDEO", label="Join the session")
        ]
    event.add("STATUS", "CANCELLED" if cancelled else "CONFIRMED")
    event.add("TRANSP", "TRANSPARENT" if cancelled else "OPAQUE")
    return event


def session_uid(session: CoachingSession) -> str:
    host = urlsplit(settings.SITE_URL).hostname or "localhost"
    return f"session-{session.pk}@{host}"


def session_sequence(session: CoachingSession) -> int:
    """Grows whenever the session is saved (moved, cancelled, retitled), which is
    what tells calendar apps that their copy is out of date."""
    return max(0, int((session.updated_at - SEQUENCE_EPOCH).total_seconds()))


def _description(session, *, page_url: str, questions, user) -> str:
    tz = _zone_of(user)
    parts = []
    if session.status == CoachingSession.Status.CANCELLED:
        parts.append("This session is cancelled.")
    if session.topic:
        parts.append(session.topic.strip())
    parts.append(f"Session page: {page_url}")
    if session.status != CoachingSession.Status.CANCELLED:
        parts.append(f"Join: {join_url(session)}")
    closes = _when(session.questions_close_at, tz)
    if session.questions_close_at > timezone.now():
        parts.append(f"Questions close: {closes}")
    else:
        parts.append(f"Questions closed: {closes}")
    if questions:
        parts.append(_own_questions_line(questions))
    return "\n\n".join(parts)


def _own_questions_line(questions) -> str:
    """Counts per status ("1 on the agenda, 2 submitted"): the titles stay on
    the session page."""
    counts = Counter(q.get_status_display().lower() for q in questions)
    summary = ", ".join(f"{n} {status}" for status, n in counts.items())
    return f"Your questions: {summary} (read them on the session page)"


def _zone_of(user):
    name = getattr(user, "time_zone", None) or "UTC"
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return UTC


def _when(moment: datetime, tz) -> str:
    local = moment.astimezone(tz)
    zone_name = getattr(tz, "key", "UTC")
    return f"{dateformat.format(local, 'l j F Y, H:i T')} ({zone_name})"


def download_filename(session: CoachingSession, *, user) -> str:
    """Named after the session's date in the member's own time zone."""
    day = session.starts_at.astimezone(_zone_of(user)).date()
    return f"coaching-session-{day.isoformat()}.ics"
