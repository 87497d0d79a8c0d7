"""The director's board: every case that needs watching, grouped by where it
is in the flow, each with the one deadline that matters there (the earliest
accept-by of its pending offers, or the report's due time).

The number of queries does not grow with the number of cases (the bench loads
2,000): one query for the cases (each group capped with a window function, not
one query per group), one for the counts per group, and one prefetch each for
tags and pending offers. Only metadata is read: no request text.
"""

from dataclasses import dataclass, field
from datetime import timedelta

from django.db.models import (
    Case as When_,
)
from django.db.models import (
    CharField,
    Count,
    DateTimeField,
    F,
    Min,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Value,
    When,
    Window,
)
from django.db.models.functions import RowNumber

from consultations.models import Case, Offer

Status = Case.Status

EXPIRING_WITHIN = timedelta(hours=2)
RECENT_DELIVERY = timedelta(days=14)
PER_GROUP = 25
PAGE_SIZE = 50


@dataclass(frozen=True)
class Group:
    key: str
    title: str
    statuses: tuple
    deadline: str = ""  # "accept_by", "due_at" or "" (none on the board)


GROUPS = [
    Group("fee", "Awaiting the fee", (Status.SUBMITTED,)),
    Group("triage", "Triage", (Status.TRIAGE,)),
    Group("returned", "Returned to the therapist", (Status.RETURNED,)),
    Group("matching", "Finding a reviewer", (Status.MATCHING,)),
    Group("offered", "Offered", (Status.OFFERED,), "accept_by"),
    Group(
        "reviewer",
        "With the reviewer",
        (Status.ACCEPTED, Status.IN_CONFERENCE, Status.DRAFTING),
        "due_at",
    ),
    Group("signoff", "In sign-off", (Status.IN_SIGNOFF,)),
    Group("escalated", "Escalated", (Status.ESCALATED,), "due_at"),
    Group("delivered", "Delivered recently", (Status.DELIVERED, Status.CLOSED)),
]
GROUPS_BY_KEY = {group.key: group for group in GROUPS}
URGENCIES = Case.Urgency


@dataclass
class BoardGroup:
    group: Group
    total: int = 0
    cases: list = field(default_factory=list)


def _group_expression():
    return When_(
        *[When(status__in=group.statuses, then=Value(group.key)) for group in GROUPS],
        default=Value(""),
        output_field=CharField(),
    )


def _on_board(now):
    return Q(
        status__in=[s for g in GROUPS if g.key != "delivered" for s in g.statuses]
    ) | Q(
        status__in=GROUPS_BY_KEY["delivered"].statuses,
        delivered_at__gte=now - RECENT_DELIVERY,
    )


def board_cases(*, now, group: str = "", urgency: str = ""):
    """The board's cases, annotated with ``board_group`` and ``deadline``."""
    first_accept_by = (
        Offer.objects.filter(case=OuterRef("pk"), status=Offer.Status.PENDING)
        .values("case")
        .annotate(first=Min("accept_by"))
        .values("first")
    )
    cases = (
        Case.objects.filter(_on_board(now))
        .annotate(
            board_group=_group_expression(),
            accept_by=Subquery(first_accept_by, output_field=DateTimeField()),
        )
        .annotate(
            deadline=When_(
                When(status=Status.OFFERED, then=F("accept_by")),
                When(
                    status__in=[
                        *GROUPS_BY_KEY["reviewer"].statuses,
                        Status.ESCALATED,
                    ],
                    then=F("due_at"),
                ),
                default=None,
                output_field=DateTimeField(),
            )
        )
    )
    if group in GROUPS_BY_KEY:
        cases = cases.filter(status__in=GROUPS_BY_KEY[group].statuses)
    if urgency in URGENCIES.values:
        cases = cases.filter(urgency=urgency)
    return cases


def _ordering():
    return [
        F("deadline").asc(nulls_last=True),
        F("submitted_at").asc(nulls_last=True),
        F("pk").asc(),
    ]


def _with_details(cases):
    return cases.select_related("requester", "lead_reviewer").prefetch_related(
        "tags",
        Prefetch(
            "offers",
            queryset=Offer.objects.filter(status=Offer.Status.PENDING)
            .select_related("consultant")
            .order_by("accept_by"),
            to_attr="pending_offers",
        ),
    )


def board(*, now, urgency: str = "", per_group: int = PER_GROUP) -> list[BoardGroup]:
    """Every group with its total and its first ``per_group`` cases, most
    pressing deadline first, then the longest waiting."""
    cases = board_cases(now=now, urgency=urgency)
    totals = dict(
        cases.order_by()
        .values_list("board_group")
        .annotate(n=Count("pk"))
        .values_list("board_group", "n")
    )
    capped = cases.annotate(
        place=Window(RowNumber(), partition_by=[F("board_group")], order_by=_ordering())
    ).filter(place__lte=per_group)
    shown = {
        group.key: BoardGroup(group=group, total=totals.get(group.key, 0))
        for group in GROUPS
    }
    for case in _with_details(capped.order_by("board_group", "place")):
        annotate_flags(case, now=now)
        shown[case.board_group].cases.append(case)
    return list(shown.values())


def group_page(*, now, group: str, urgency: str = ""):
    """One group's cases in full (to paginate), in the board's order."""
    return _with_details(
        board_cases(now=now, group=group, urgency=urgency).order_by(*_ordering())
    )


def annotate_flags(case, *, now) -> None:
    """``overdue`` / ``expiring`` for the board's highlighting (shown as text)."""
    deadline = case.deadline
    case.overdue = bool(deadline and deadline <= now)
    case.expiring = bool(deadline and now < deadline <= now + EXPIRING_WITHIN)
