"""The consultations card of the dashboard: each role's pending work, read in a
fixed number of queries however many cases there are.

- a member: their cases that need them (a draft to finish, a request returned
  for information, a question from the team waiting, a report ready);
- a consultant: pending offers with their accept deadline, cases due;
- an attending (and the director): reports waiting for sign-off;
- the director: how many cases wait in triage, are escalated, and how many
  offers lapse soon.

Who sees the card at all is ``rules.may_enter_area``: a consultant who is not a
member sees only this card on the dashboard.
"""

from datetime import timedelta

from django.db.models import Count, Exists, OuterRef, Q, Subquery
from django.utils import timezone

from community.roles import is_director
from consultations import rules, states
from consultations.models import Case, CaseMessage, Offer

LIMIT = 5
# "Expiring" on the director's board and here: the last reminder's lead.
EXPIRING_HOURS = 2
Status = Case.Status
QUESTIONS_OPEN = states.WITH_REVIEWER | {Status.IN_SIGNOFF, Status.ESCALATED}
NEEDS = {
    "draft": "Finish and send your request",
    "returned": "The director asks for more information",
    "question": "The reviewers asked you a question",
    "report": "Your report is ready to read",
}


def may_see_card(user) -> bool:
    return rules.may_enter_area(user)


def _member_cases(user) -> list[dict]:
    questions = CaseMessage.objects.filter(
        case=OuterRef("pk"), thread=CaseMessage.Thread.QUESTIONS
    ).order_by("-created_at", "-pk")
    cases = (
        Case.objects.filter(requester=user)
        .annotate(
            asked=Exists(questions),
            last_author=Subquery(questions.values("author_id")[:1]),
        )
        .filter(
            Q(status__in=[Status.DRAFT, Status.RETURNED, Status.DELIVERED])
            | (
                Q(status__in=QUESTIONS_OPEN, asked=True)
                & (Q(last_author__isnull=True) | ~Q(last_author=user.pk))
            )
        )
        .only("id", "reference", "status", "updated_at")
        .order_by("-updated_at")[:LIMIT]
    )
    need = {
        Status.DRAFT: "draft",
        Status.RETURNED: "returned",
        Status.DELIVERED: "report",
    }
    return [
        {"case": case, "need": NEEDS[need.get(case.status, "question")]}
        for case in cases
    ]


def _consultant_work(user, now) -> dict:
    offers = (
        Offer.objects.filter(
            consultant=user, status=Offer.Status.PENDING, accept_by__gt=now
        )
        .select_related("case")
        .only("id", "accept_by", "case__id", "case__reference")
        .order_by("accept_by")[:LIMIT]
    )
    due = (
        Case.objects.filter(lead_reviewer=user, status__in=states.WITH_REVIEWER)
        .only("id", "reference", "status", "due_at")
        .order_by("due_at")[:LIMIT]
    )
    return {"offers": list(offers), "due": list(due)}


def _signoff(user) -> list[Case]:
    return list(
        Case.objects.filter(status=Status.IN_SIGNOFF)
        .exclude(lead_reviewer=user)
        .only("id", "reference", "updated_at")
        .order_by("updated_at")[:LIMIT]
    )


def _director_counts(now) -> dict:
    counts = Case.objects.aggregate(
        triage=Count("pk", filter=Q(status=Status.TRIAGE)),
        escalated=Count("pk", filter=Q(status=Status.ESCALATED)),
    )
    counts["expiring"] = Offer.objects.filter(
        status=Offer.Status.PENDING,
        accept_by__gt=now,
        accept_by__lte=now + timedelta(hours=EXPIRING_HOURS),
    ).count()
    return counts


def consultations_card(*, user, now=None) -> dict | None:
    """What the card shows for this person, or None when they have no place in
    consultations (then the dashboard shows no card)."""
    if not may_see_card(user):
        return None
    now = now or timezone.now()
    card = {"now": now, "expiring_hours": EXPIRING_HOURS}
    if rules.may_request(user):
        card["member_cases"] = _member_cases(user)
    if rules.is_consultant(user):
        card.update(_consultant_work(user, now))
    if rules.is_attending(user):
        card["signoff"] = _signoff(user)
    if is_director(user):
        card["director"] = _director_counts(now)
    return card


def director_case_counts(*, now=None) -> dict[str, int]:
    """The director's work queue on her dashboard, in one query: requests sent
    (with and without a fee waiver asked for), in triage and escalated."""
    from consultations.selectors.board import board_cases

    status = Case.Status
    return (
        board_cases(now=now or timezone.now())
        .order_by()
        .aggregate(
            submitted=Count(
                "pk", filter=Q(status=status.SUBMITTED, waiver_requested=False)
            ),
            waiver=Count(
                "pk", filter=Q(status=status.SUBMITTED, waiver_requested=True)
            ),
            triage=Count("pk", filter=Q(status=status.TRIAGE)),
            escalated=Count("pk", filter=Q(status=status.ESCALATED)),
        )
    )
