"""A follow-up call's calendar file: the time, the case reference and the
site's join page (``consultations.conference_calendar.meeting_ics``), never the
video link nor anything of the case."""

from urllib.parse import urlsplit

from django.conf import settings

from consultation_calls import services
from consultation_calls.models import FollowUpCall
from consultations.conference_calendar import meeting_ics


def call_ics(call: FollowUpCall) -> bytes:
    host = urlsplit(settings.SITE_URL).hostname or "localhost"
    return meeting_ics(
        uid=f"consultation-follow-up-{call.pk}@{host}",
        starts_at=call.starts_at,
        ends_at=call.ends_at,
        summary=f"Follow-up call, consultation {call.case.reference}",
        door=services.join_url(call),
        changed_at=call.updated_at,
        closing="The consultation and its report are on the site only.",
        cancelled=call.status == FollowUpCall.Status.CANCELLED,
    )


def download_filename(call: FollowUpCall) -> str:
    return f"follow-up-{call.case.reference}.ics"
