"""What a member's transcript lists: only what is verified.

- course hours: the certificates issued to them;
- live sessions: attendance the director confirmed, with its minutes (a join
  not yet confirmed, or a recording watched later, is not listed);
- consultations received: their delivered cases, by reference and delivery
  date only (never a word of the case);
- consultations given: delivered cases they led, sat on the panel of, or
  signed off.

Every item is plain JSON (dates as ISO strings in the member's own time zone),
so that the page, the PDF and the issued snapshot read the same structure.
Four queries, whatever the number of items.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from community.time_zones import user_time_zone
from consultations.models import Case, ConsultantProfile, PanelMember
from courses.models import Certificate, format_hours
from sessions.models import Attendance
from transcripts.models import Transcript

DELIVERED = [Case.Status.DELIVERED, Case.Status.CLOSED]
SECTIONS = ("certificates", "sessions", "received", "given")


@dataclass
class TranscriptContent:
    certificates: list[dict] = field(default_factory=list)
    sessions: list[dict] = field(default_factory=list)
    received: list[dict] = field(default_factory=list)
    given: list[dict] = field(default_factory=list)
    is_consultant: bool = False

    @property
    def is_empty(self) -> bool:
        return not any(getattr(self, name) for name in SECTIONS)

    @property
    def items(self) -> dict:
        return {name: getattr(self, name) for name in SECTIONS}

    @property
    def totals(self) -> dict:
        return transcript_totals(self.items)


def _hours(minutes: int) -> Decimal:
    return format_hours(minutes, places=2)


def transcript_totals(items: dict) -> dict:
    course = sum(item["minutes"] for item in items.get("certificates", []))
    live = sum(item["minutes"] for item in items.get("sessions", []))
    return {
        "course_minutes": course,
        "course_hours": str(_hours(course)),
        "session_minutes": live,
        "session_hours": str(_hours(live)),
        "total_hours": str(_hours(course + live)),
        "received": len(items.get("received", [])),
        "given": len(items.get("given", [])),
    }


def _local_date(value, zone) -> str:
    return timezone.localtime(value, zone).date().isoformat()


def transcript_content(*, user) -> TranscriptContent:
    zone = user_time_zone(user)
    content = TranscriptContent()
    for certificate in Certificate.objects.filter(user=user).order_by(
        "completed_on", "pk"
    ):
        content.certificates.append(
            {
                "title": certificate.course_title,
                "on": certificate.completed_on.isoformat(),
                "minutes": certificate.minutes,
                "hours": str(_hours(certificate.minutes)),
                "code": certificate.code,
            }
        )
    attended = (
        Attendance.objects.filter(
            user=user, confirmed_at__isnull=False, minutes__isnull=False
        )
        .select_related("session")
        .order_by("session__starts_at")
    )
    for row in attended:
        content.sessions.append(
            {
                "title": row.session.title,
                "on": _local_date(row.session.starts_at, zone),
                "minutes": row.minutes,
                "hours": str(_hours(row.minutes)),
            }
        )
    delivered = Case.objects.filter(status__in=DELIVERED, delivered_at__isnull=False)
    for case in delivered.filter(requester=user).order_by("delivered_at"):
        content.received.append(
            {"reference": case.reference, "on": _local_date(case.delivered_at, zone)}
        )
    given = (
        delivered.annotate(
            on_panel=Exists(PanelMember.objects.filter(case=OuterRef("pk"), user=user))
        )
        .filter(Q(lead_reviewer=user) | Q(report__approved_by=user) | Q(on_panel=True))
        .select_related("report")
        .order_by("delivered_at")
    )
    for case in given:
        content.given.append(
            {
                "reference": case.reference,
                "on": _local_date(case.delivered_at, zone),
                "role": _role(case, user),
            }
        )
    content.is_consultant = bool(content.given) or (
        ConsultantProfile.objects.filter(user=user).exists()
    )
    return content


def _role(case: Case, user) -> str:
    roles = []
    if case.lead_reviewer_id == user.pk:
        roles.append("Lead reviewer")
    if case.on_panel:
        roles.append("Panel member")
    report = getattr(case, "report", None)
    if report is not None and report.approved_by_id == user.pk:
        roles.append("Signed off (attending)")
    return ", ".join(roles)


def dated(items: dict) -> dict:
    """The items with their ``on`` as dates, for templates to format."""
    return {
        name: [{**item, "on": date.fromisoformat(item["on"])} for item in rows]
        for name, rows in items.items()
    }


def transcript_for_owner(*, code: str, user) -> Transcript | None:
    return Transcript.objects.filter(code=code, user=user).first()


def transcripts_issued(*, user, limit: int = 10):
    return Transcript.objects.filter(user=user)[:limit]
