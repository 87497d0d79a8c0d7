"""The director's decisions on a case: the fee waiver, triage (accept for
matching, return for information, decline), the case's topics and urgency,
more time for the same reviewer after an escalation, and cancelling.

Each locks the case and moves it only through ``consultations.states``, so a
decision taken twice, or out of order (a second director's tab, a stale page),
is refused with a message and changes nothing. The therapist's emails say only
that there is something on the site ("there is a note for you"), never the
note itself.
"""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from consultations import audit, emails, payment_gate, states
from consultations.models import Case, Tag
from consultations.services.common import locked_case
from consultations.services.offers import case_cancel_withdrawing_offers

Status = Case.Status

NOTE_REQUIRED = "Write a note for the therapist: it says what is missing or why."
# Before delivery the director may still re-tag a case and change its urgency;
# urgency changes the clocks of offers sent from then on.
TOPICS_EDITABLE = frozenset(
    {Status.SUBMITTED, Status.TRIAGE, Status.MATCHING, Status.ESCALATED}
)
EXTEND_HOURS = (12, 24, 48, 72)


def _note(note: str) -> str:
    note = (note or "").strip()
    if not note:
        raise ValidationError(NOTE_REQUIRED)
    return note


@transaction.atomic
def case_waive_fee(*, case_id: int, actor) -> Case:
    """Waive the fee of a submitted request; it then goes on to triage
    (``payment_gate`` decides, as it will for a paid or invoiced fee)."""
    case = locked_case(case_id)
    if case.status != Status.SUBMITTED:
        raise ValidationError(
            f"This consultation is {case.get_status_display().lower()}: only a "
            "submitted request waits for its fee."
        )
    case.fee_waived = True
    case.save(update_fields=["fee_waived", "updated_at"])
    audit.record_change(case=case, actor=actor, target="fee_waived")
    payment_gate.release_if_settled(case, actor=actor)
    return case


@transaction.atomic
def triage_accept(*, case_id: int, actor) -> Case:
    case = locked_case(case_id)
    states.transition(case, "accept_for_matching", actor=actor)
    return case


def _send_back(*, case_id: int, actor, note: str, action: str, kind: str) -> Case:
    case = locked_case(case_id)
    states.check(case, action)
    case.director_note = _note(note)
    case.save(update_fields=["director_note", "updated_at"])
    states.transition(case, action, actor=actor)
    emails.notify(kind=kind, user=case.requester, case=case)
    return case


@transaction.atomic
def triage_return(*, case_id: int, actor, note: str) -> Case:
    """Back to the therapist for more information, with a note on the site."""
    return _send_back(
        case_id=case_id,
        actor=actor,
        note=note,
        action="return_for_information",
        kind="triage_returned",
    )


@transaction.atomic
def triage_decline(*, case_id: int, actor, note: str) -> Case:
    return _send_back(
        case_id=case_id,
        actor=actor,
        note=note,
        action="decline",
        kind="triage_declined",
    )


@transaction.atomic
def case_set_topics(*, case_id: int, actor, tag_ids: list[int], urgency: str) -> Case:
    """The case's topic tags (modality, population, question type) and urgency."""
    case = locked_case(case_id)
    if case.status not in TOPICS_EDITABLE:
        raise ValidationError(
            f"This consultation is {case.get_status_display().lower()}: its topics "
            "and urgency are kept as they were when the reviewer was found."
        )
    if urgency not in Case.Urgency.values:
        raise ValidationError("Choose standard or expedited.")
    tags = list(Tag.objects.filter(pk__in=tag_ids))
    if len(tags) != len(set(tag_ids)):
        raise ValidationError("One of the topics no longer exists; choose again.")
    case.tags.set(tags)
    if case.urgency != urgency:
        case.urgency = urgency
        case.save(update_fields=["urgency", "updated_at"])
    audit.record_change(case=case, actor=actor, target="topics")
    return case


@transaction.atomic
def case_extend(*, case_id: int, actor, hours: int, now=None) -> Case:
    """Give the same reviewer more time after an escalation: a new due time
    ``hours`` from now, the lead, their draft and the stage it had reached
    kept (``states.resume_action``)."""
    now = now or timezone.now()
    case = locked_case(case_id)
    states.check(case, "reassign")
    if case.status != Status.ESCALATED or case.lead_reviewer_id is None:
        raise ValidationError(
            "Only an escalated case that still has its reviewer can be given "
            "more time; offer it to a reviewer instead."
        )
    if hours not in EXTEND_HOURS:
        raise ValidationError("Choose how many more hours the reviewer has.")
    case.due_at = now + timedelta(hours=hours)
    case.escalation = Case.Escalation.NONE
    case.consecutive_lapses = 0
    case.save(
        update_fields=["due_at", "escalation", "consecutive_lapses", "updated_at"]
    )
    states.transition(case, states.resume_action(case), actor=actor)
    emails.notify(
        kind="due_extended", user=case.lead_reviewer, case=case, deadline=case.due_at
    )
    return case


@transaction.atomic
def case_cancel(*, case_id: int, actor, note: str) -> Case:
    """Cancel a case before delivery, with a note for the therapist; open offers
    are withdrawn and whoever was working on it is told."""
    case = locked_case(case_id)
    states.check(case, "cancel")
    case.director_note = _note(note)
    case.save(update_fields=["director_note", "updated_at"])
    told = set(case_cancel_withdrawing_offers(case, actor=actor, now=timezone.now()))
    emails.notify(kind="case_cancelled", user=case.requester, case=case)
    if case.lead_reviewer_id:
        told.add(case.lead_reviewer_id)
    for user in get_user_model().objects.filter(pk__in=told):
        emails.notify(kind="case_cancelled_team", user=user, case=case)
    return case
