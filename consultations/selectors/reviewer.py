"""What a consultant's "My offers and cases" page and deadlines calendar read.

A fixed number of queries however many offers and cases there are: each list
is one query with the rows it shows joined in. Case text is never selected for
these lists (the page shows references, states and deadlines only).
"""

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.utils import timezone

from consultations import clocks, states
from consultations.models import Case, Offer

Status = Case.Status

# The cases a lead works on, or waits on (sign-off, the director's decision).
LEAD_OPEN = sorted(states.WITH_REVIEWER | {Status.IN_SIGNOFF, Status.ESCALATED})
# A panel seat stays on the page until the case is over.
PANEL_OPEN = sorted(states.TEAM_VISIBLE - {Status.CLOSED})
# What a list row needs of the case; no clinical field.
LIST_FIELDS = (
    "id",
    "reference",
    "status",
    "urgency",
    "due_at",
    "escalation",
    "lead_reviewer_id",
    "requester_id",
)


def _cases():
    return Case.objects.only(*LIST_FIELDS)


def pending_offers(*, user):
    """The consultant's offers awaiting an answer, soonest deadline first."""
    return (
        Offer.objects.filter(consultant=user, status=Offer.Status.PENDING)
        .select_related("case")
        .only(
            "id",
            "status",
            "offered_at",
            "accept_by",
            "consultant_id",
            *(f"case__{name}" for name in LIST_FIELDS),
        )
        .order_by("accept_by", "pk")
    )


def led_cases(*, user):
    return (
        _cases()
        .filter(lead_reviewer=user, status__in=LEAD_OPEN)
        .order_by("due_at", "pk")
    )


def panel_cases(*, user):
    return (
        _cases()
        .filter(panel__user=user, status__in=PANEL_OPEN)
        .exclude(lead_reviewer=user)
        .order_by("due_at", "pk")
    )


def signoff_cases(*, user):
    """Reports an attending may sign off: in sign-off and not their own."""
    return (
        _cases()
        .filter(status=Status.IN_SIGNOFF)
        .exclude(lead_reviewer=user)
        .select_related("lead_reviewer")
        .only(*LIST_FIELDS, "lead_reviewer__display_name", "lead_reviewer__deleted_at")
        .order_by("due_at", "pk")
    )


@dataclass
class Row:
    """One line of the page: a case, the deadline that matters, and whether it
    is past or close (said in words on the page, not only in colour)."""

    case: Case
    deadline: datetime | None
    urgency: str = ""  # "", "soon", "past"
    offer: Offer | None = None
    extra: dict = field(default_factory=dict)


def _urgency(deadline, *, now, soon: timedelta) -> str:
    if deadline is None:
        return ""
    if deadline <= now:
        return "past"
    if deadline - now <= soon:
        return "soon"
    return ""


@dataclass
class ReviewerHome:
    offers: list[Row]
    led: list[Row]
    panel: list[Row]
    signoff: list[Row]
    is_attending: bool


def reviewer_home(*, user, is_attending: bool, now=None) -> ReviewerHome:
    now = now or timezone.now()
    accept_soon = clocks.accept_reminder_lead()
    due_soon = clocks.deliver_reminder_lead()

    def due_row(case):
        due = case.due_at if case.status in states.WITH_REVIEWER else None
        return Row(
            case=case, deadline=due, urgency=_urgency(due, now=now, soon=due_soon)
        )

    return ReviewerHome(
        offers=[
            Row(
                case=offer.case,
                offer=offer,
                deadline=offer.accept_by,
                urgency=_urgency(offer.accept_by, now=now, soon=accept_soon),
            )
            for offer in pending_offers(user=user)
        ],
        led=[due_row(case) for case in led_cases(user=user)],
        panel=[due_row(case) for case in panel_cases(user=user)],
        signoff=(
            [Row(case=case, deadline=None) for case in signoff_cases(user=user)]
            if is_attending
            else []
        ),
        is_attending=is_attending,
    )


def calendar_deadlines(*, user, case_id: int | None = None):
    """(offers, cases): the consultant's pending accept deadlines and the due
    times of the reports they lead, for the .ics; one case only if asked."""
    offers = pending_offers(user=user)
    cases = led_cases(user=user).filter(
        status__in=sorted(states.WITH_REVIEWER), due_at__isnull=False
    )
    if case_id is not None:
        offers = offers.filter(case_id=case_id)
        cases = cases.filter(pk=case_id)
    return list(offers), list(cases)
