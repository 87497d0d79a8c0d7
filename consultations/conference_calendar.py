"""The live case conference: its clock through the sessions' join gate, and the
calendar file the panel adds to their calendars.

The video link works for whoever holds it, so it never leaves the site: the
calendar file and the emails carry ``/consultations/<pk>/conference/join/``,
which asks the case rule each time, opens 15 minutes before the start (the same
gate as the live coaching sessions: ``sessions.join_views.gate_state``) and
only then redirects. A calendar file lives on calendar providers' servers, so it
names the consultation by its neutral reference and nothing of the case.
"""

from datetime import UTC, timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event

from consultations.models import Case
from consultations.services.team import is_open, join_url
from sessions.calendar import SEQUENCE_EPOCH
from sessions.join_views import gate_state
from sessions.models import JOIN_OPENS_BEFORE

NOT_SCHEDULED = "not_scheduled"


def ends_at(case: Case):
    return case.conference_at + timedelta(minutes=case.conference_minutes)


def opens_at(case: Case):
    return case.conference_at - JOIN_OPENS_BEFORE


def join_state(case: Case, now) -> str:
    """ "not_scheduled", "cancelled", "early", "ended", "no_link" or "open".

    A conference ends with the team's work: once the report is delivered (or
    the case left the reviewer) the door stays shut whatever the clock says.
    """
    if case.conference_at is None:
        return NOT_SCHEDULED
    return gate_state(
        opens_at=opens_at(case),
        ends_at=ends_at(case),
        link=case.conference_url,
        now=now,
        cancelled=case.status == Case.Status.CANCELLED,
        done=not is_open(case),
    )


def conference_uid(case: Case) -> str:
    host = urlsplit(settings.SITE_URL).hostname or "localhost"
    return f"consultation-conference-{case.pk}@{host}"


def conference_ics(case: Case) -> bytes:
    """One event: when, the reference and the join page. No case text, no
    names, no video link."""
    return meeting_ics(
        uid=conference_uid(case),
        starts_at=case.conference_at,
        ends_at=ends_at(case),
        summary=f"Case conference, consultation {case.reference}",
        door=join_url(case),
        changed_at=case.updated_at,
        closing="The case and its discussion are on the site only.",
    )


def meeting_ics(
    *, uid, starts_at, ends_at, summary, door, changed_at, closing, cancelled=False
) -> bytes:
    """A calendar file of one meeting held through the site's join gate (the
    conference, a follow-up call): its time in UTC, a neutral summary and the
    site's door, never the video link."""
    calendar = Calendar()
    calendar.add("PRODID", f"-//{settings.COMMUNITY_NAME}//Consultations//EN")
    calendar.add("VERSION", "2.0")
    calendar.add("CALSCALE", "GREGORIAN")
    calendar.add("METHOD", "PUBLISH")
    event = Event()
    event.add("UID", uid)
    event.add("DTSTAMP", timezone.now().astimezone(UTC))
    event.add("DTSTART", starts_at.astimezone(UTC))
    event.add("DTEND", ends_at.astimezone(UTC))
    # Grows whenever the meeting is saved, so a moved one replaces the copy.
    event.add("SEQUENCE", max(0, int((changed_at - SEQUENCE_EPOCH).total_seconds())))
    event.add("SUMMARY", summary)
    event.add(
        "DESCRIPTION",
        f"Join through the site, from 15 minutes before the start: {door}\n\n{closing}",
    )
    event.add("URL", door)
    event.add("LOCATION", door)
    event.add("STATUS", "CANCELLED" if cancelled else "CONFIRMED")
    event.add("CLASS", "PRIVATE")
    calendar.add_component(event)
    return calendar.to_ical()


def download_filename(case: Case) -> str:
    return f"conference-{case.reference}.ics"
