"""The one state machine of a consultation case: which action may move it from
which status, and to which.

Every service that changes ``Case.status`` goes through ``transition`` (which
also writes the audit record), so that "a transition that is not allowed
changes nothing" holds whoever acts: the therapist, the director, a reviewer or
the timer sweep. A refused move is an ``InvalidTransition``, a
``ValidationError`` whose message the views show instead of a 500.

draft → submitted → triage → matching → offered → accepted → in conference →
drafting → in sign-off → delivered → closed, with returned (for information),
declined, offer lapsed (offered → matching), escalated and cancelled.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction

from consultations import audit, signals
from consultations.models import Case

Status = Case.Status

# Before a reviewer has taken the case on: the therapist may still cancel.
BEFORE_ACCEPTANCE = frozenset(
    {
        Status.DRAFT,
        Status.SUBMITTED,
        Status.RETURNED,
        Status.TRIAGE,
        Status.MATCHING,
        Status.OFFERED,
    }
)
# A reviewer holds the case and the delivery clock runs.
WITH_REVIEWER = frozenset({Status.ACCEPTED, Status.IN_CONFERENCE, Status.DRAFTING})
# Nothing moves a case out of these.
FINAL = frozenset({Status.DECLINED, Status.CLOSED, Status.CANCELLED})
# The case team (lead, panel, attendings) may see the case in these.
TEAM_VISIBLE = frozenset(
    WITH_REVIEWER
    | {Status.IN_SIGNOFF, Status.ESCALATED, Status.DELIVERED, Status.CLOSED}
)


@dataclass(frozen=True)
class Move:
    sources: frozenset
    target: str
    # How the refusal names the action: "… cannot be <done>."
    done: str


def _s(*statuses) -> frozenset:
    return frozenset(statuses)


TRANSITIONS: dict[str, Move] = {
    # The therapist.
    "submit": Move(_s(Status.DRAFT, Status.RETURNED), Status.SUBMITTED, "sent"),
    "cancel": Move(
        BEFORE_ACCEPTANCE | WITH_REVIEWER | {Status.ESCALATED},
        Status.CANCELLED,
        "cancelled",
    ),
    "acknowledge": Move(_s(Status.DELIVERED), Status.CLOSED, "acknowledged"),
    # The payment gate (consultations.payment_gate): paid, invoiced or waived.
    "release_to_triage": Move(_s(Status.SUBMITTED), Status.TRIAGE, "sent to triage"),
    # The director at triage.
    "return_for_information": Move(
        _s(Status.TRIAGE), Status.RETURNED, "returned for more information"
    ),
    "decline": Move(_s(Status.TRIAGE), Status.DECLINED, "declined"),
    "accept_for_matching": Move(
        _s(Status.TRIAGE), Status.MATCHING, "accepted for matching"
    ),
    # Offers.
    "offer": Move(
        _s(Status.MATCHING, Status.OFFERED, Status.ESCALATED),
        Status.OFFERED,
        "offered",
    ),
    "offers_lapsed": Move(_s(Status.OFFERED), Status.MATCHING, "returned to matching"),
    "accept": Move(_s(Status.OFFERED), Status.ACCEPTED, "accepted"),
    # The director hands the case to a reviewer directly (after an escalation).
    "reassign": Move(
        _s(Status.ESCALATED, Status.MATCHING) | WITH_REVIEWER,
        Status.ACCEPTED,
        "reassigned",
    ),
    # More time after an escalation: the case goes back to the stage it was
    # escalated from (``resume_action``), the draft and conference kept.
    "resume_conference": Move(
        _s(Status.ESCALATED), Status.IN_CONFERENCE, "given more time"
    ),
    "resume_drafting": Move(_s(Status.ESCALATED), Status.DRAFTING, "given more time"),
    "reviewer_left": Move(
        WITH_REVIEWER | {Status.OFFERED, Status.ESCALATED},
        Status.MATCHING,
        "returned to matching",
    ),
    "escalate": Move(
        WITH_REVIEWER | {Status.OFFERED, Status.MATCHING},
        Status.ESCALATED,
        "escalated",
    ),
    # The case team.
    "open_conference": Move(
        _s(Status.ACCEPTED), Status.IN_CONFERENCE, "taken to conference"
    ),
    "start_drafting": Move(
        _s(Status.ACCEPTED, Status.IN_CONFERENCE), Status.DRAFTING, "drafted"
    ),
    "submit_report": Move(
        _s(Status.DRAFTING, Status.ACCEPTED, Status.IN_CONFERENCE),
        Status.IN_SIGNOFF,
        "sent for sign-off",
    ),
    "return_report": Move(
        _s(Status.IN_SIGNOFF), Status.DRAFTING, "returned to the reviewer"
    ),
    "approve_report": Move(_s(Status.IN_SIGNOFF), Status.DELIVERED, "delivered"),
}


# The stage an overdue case was escalated from -> the move that resumes it.
RESUME_ACTIONS = {
    Status.ACCEPTED: "reassign",
    Status.IN_CONFERENCE: "resume_conference",
    Status.DRAFTING: "resume_drafting",
}


def resume_action(case: Case) -> str:
    """The move that gives an escalated case back to its reviewer at the stage
    the escalation found it in (read from the audit trail's last escalation)."""
    escalated_from = (
        case.audit.filter(action=audit.Action.TRANSITION, target="escalate")
        .order_by("-pk")
        .values_list("from_status", flat=True)
        .first()
    )
    return RESUME_ACTIONS.get(escalated_from, "reassign")


class InvalidTransition(ValidationError):
    """A move the table does not allow; its message is for the person acting."""

    def __init__(self, *, action: str, status: str):
        self.action, self.status = action, status
        label = Status(status).label.lower() if status in Status.values else status
        super().__init__(
            f"This consultation is {label} and cannot be {TRANSITIONS[action].done}.",
            code="invalid_transition",
        )


def _move(action: str) -> Move:
    try:
        return TRANSITIONS[action]
    except KeyError:
        raise ValueError(f"No such consultation action: {action!r}") from None


def allowed(action: str, status: str) -> bool:
    return status in _move(action).sources


def from_states(action: str) -> list[str]:
    return sorted(_move(action).sources)


def check(case: Case, action: str) -> None:
    if not allowed(action, case.status):
        raise InvalidTransition(action=action, status=case.status)


def transition(case: Case, action: str, *, actor=None) -> str:
    """Move the (locked) case, save its status and record who moved it.

    ``actor`` None means the timer sweep. Raises ``InvalidTransition`` and
    changes nothing when the table does not allow the move.
    """
    check(case, action)
    before = case.status
    case.status = _move(action).target
    case.save(update_fields=["status", "updated_at"])
    audit.record(
        case=case,
        actor=actor,
        action=audit.Action.TRANSITION,
        target=action,
        from_status=before,
        to_status=case.status,
    )
    moved = {
        "case_id": case.pk,
        "action": action,
        "from_status": before,
        "to_status": case.status,
    }
    transaction.on_commit(lambda: signals.case_moved.send(sender=Case, **moved))
    return case.status
