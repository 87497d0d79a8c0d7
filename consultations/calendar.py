"""The reviewer's deadlines as an iCalendar file: when each pending offer must
be answered and when each report they lead is due.

A calendar file travels to calendar providers' servers, so an entry carries
the case's neutral reference, which deadline it is and a link to the case page,
never case text or a name. Times go out in UTC, as they are stored; calendar
apps show them in the reader's zone. A deadline is an instant (a DTSTART with
no end) with an alarm as early as the site's last reminder.
"""

from datetime import UTC
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone
from icalendar import Alarm, Calendar, Event

from consultations import clocks, emails
from consultations.models import Case, Offer
from sessions.calendar import SEQUENCE_EPOCH

ACCEPT_TEXT = "Read the case, then accept or decline the offer on the site."
DUE_TEXT = "The written report is due on the site."
ACCEPT_SUMMARY = "Consultation {reference}: accept by"
DUE_SUMMARY = "Consultation {reference}: report due"


def deadlines_ics(*, offers: list[Offer], cases: list[Case]) -> bytes:
    """One VEVENT per pending offer and per report due (see the selector
    ``selectors.reviewer.calendar_deadlines``)."""
    now = timezone.now()
    calendar = Calendar()
    calendar.add("PRODID", f"-//{settings.COMMUNITY_NAME}//Consultation deadlines//EN")
    calendar.add("VERSION", "2.0")
    calendar.add("CALSCALE", "GREGORIAN")
    calendar.add("METHOD", "PUBLISH")
    calendar.add("X-WR-CALNAME", f"{settings.COMMUNITY_NAME}: consultation deadlines")
    for offer in offers:
        calendar.add_component(
            _deadline(
                uid=f"consultation-offer-{offer.pk}",
                summary=ACCEPT_SUMMARY.format(reference=offer.case.reference),
                description=ACCEPT_TEXT,
                at=offer.accept_by,
                case=offer.case,
                alarm=clocks.accept_reminder_lead(),
                now=now,
            )
        )
    for case in cases:
        calendar.add_component(
            _deadline(
                # The lead is part of the UID: a reassigned case is a new entry.
                uid=f"consultation-due-{case.pk}-{case.lead_reviewer_id}",
                summary=DUE_SUMMARY.format(reference=case.reference),
                description=DUE_TEXT,
                at=case.due_at,
                case=case,
                alarm=clocks.deliver_reminder_lead(),
                now=now,
            )
        )
    return calendar.to_ical()


def _deadline(*, uid, summary, description, at, case, alarm, now) -> Event:
    url = emails.case_url(case)
    host = urlsplit(settings.SITE_URL).hostname or "localhost"
    event = Event()
    event.add("UID", f"{uid}@{host}")
    event.add("DTSTAMP", now.astimezone(UTC))
    event.add("DTSTART", at.astimezone(UTC))
    # A moved deadline (more time from the director) is a newer version.
    event.add("SEQUENCE", max(0, int((at - SEQUENCE_EPOCH).total_seconds())))
    event.add("SUMMARY", summary)
    event.add("DESCRIPTION", f"{description}\n\n{url}")
    event.add("URL", url)
    event.add("TRANSP", "TRANSPARENT")
    reminder = Alarm()
    reminder.add("ACTION", "DISPLAY")
    reminder.add("DESCRIPTION", summary)
    reminder.add("TRIGGER", -alarm)
    event.add_component(reminder)
    return event


def download_filename(case: Case | None = None) -> str:
    if case is None:
        return "consultation-deadlines.ics"
    return f"consultation-{case.reference}.ics"
