"""The case team's writes: messages in the two threads, the conference panel
and its schedule, the lead's moves into conference and drafting, and the
patient interview.

Every service locks the case, works out the actor's roles itself (a view that
forgot to ask cannot open a door here) and refuses outside the statuses in
which the team works on the case: once the report is delivered both threads
and the conference are read-only. The emails say only that something happened
on consultation C-…, with a link.
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from consultations import audit, emails, rules, states
from consultations.models import (
    Case,
    CaseMessage,
    ConsultantProfile,
    Interview,
    PanelMember,
)
from consultations.selectors.requests import consent_state
from consultations.services.common import locked_case

Status = Case.Status
Thread = CaseMessage.Thread

# While a reviewer holds the case, and until the report is delivered.
TEAM_OPEN = states.WITH_REVIEWER | {Status.IN_SIGNOFF, Status.ESCALATED}

CLOSED = "This consultation is {status}: its threads and conference are read-only."
NOT_TEAM = "Only the case team takes part in the conference."
NOT_LEAD = "Only the lead reviewer can do this."
NOT_LEAD_OR_DIRECTOR = "Only the lead reviewer or the director can do this."
EMPTY = "Write a message first."
MAX_MESSAGE = 20_000


def is_open(case: Case) -> bool:
    return case.status in TEAM_OPEN


def _require_open(case: Case) -> None:
    if not is_open(case):
        raise ValidationError(
            CLOSED.format(status=case.get_status_display().lower()), code="closed"
        )


def may_post(roles: rules.CaseRoles, thread: str) -> bool:
    if thread == Thread.QUESTIONS:
        return rules.may_see_questions(roles)
    return rules.may_see_conference(roles)


def may_manage_conference(roles: rules.CaseRoles) -> bool:
    """The panel and the schedule: the lead reviewer and the director."""
    return roles.lead or roles.director


def join_url(case: Case) -> str:
    """The site's door to the conference: what emails and calendars carry."""
    return settings.SITE_URL + reverse("consultations:conference-join", args=[case.pk])


# Messages ---------------------------------------------------------------------


def _question_recipients(case: Case, author) -> list:
    """The other side of the questions thread: the therapist, or the team's
    lead (the director when no reviewer holds the case)."""
    if author.pk != case.requester_id:
        return [case.requester]
    if case.lead_reviewer_id:
        return [case.lead_reviewer]
    return list(emails.directors())


def _conference_recipients(case: Case, author) -> list:
    """The lead, the invited panel and the director (who chairs), not the author."""
    people = {}
    if case.lead_reviewer_id:
        people[case.lead_reviewer_id] = case.lead_reviewer
    for seat in case.panel.select_related("user"):
        people[seat.user_id] = seat.user
    for director in emails.directors():
        people[director.pk] = director
    people.pop(author.pk, None)
    return list(people.values())


@transaction.atomic
def message_post(
    *, case_id: int, thread: str, author, body: str, privacy_matches=None
) -> CaseMessage:
    """Post in the questions thread or the conference; the other side is told
    that there is a message, never what it says."""
    case = locked_case(case_id)
    roles = rules.case_roles(author, case)
    if thread not in Thread.values or not may_post(roles, thread):
        raise PermissionDenied(NOT_TEAM)
    _require_open(case)
    body = (body or "").strip()
    if not body:
        raise ValidationError(EMPTY, code="empty")
    message = CaseMessage(
        case=case,
        thread=thread,
        author=author,
        body=body,
        privacy_confirmed_matches=privacy_matches or [],
    )
    message.full_clean()
    message.save()
    if thread == Thread.QUESTIONS:
        kind, people = "team_question", _question_recipients(case, author)
    else:
        kind, people = "team_conference_message", _conference_recipients(case, author)
    for person in people:
        emails.notify(kind=kind, user=person, case=case)
    return message


# The conference ---------------------------------------------------------------


def _lead_move(*, case_id: int, user, action: str) -> Case:
    case = locked_case(case_id)
    if not rules.case_roles(user, case).lead:
        raise PermissionDenied(NOT_LEAD)
    states.transition(case, action, actor=user)
    return case


@transaction.atomic
def conference_open(*, case_id: int, user) -> Case:
    return _lead_move(case_id=case_id, user=user, action="open_conference")


@transaction.atomic
def drafting_start(*, case_id: int, user) -> Case:
    return _lead_move(case_id=case_id, user=user, action="start_drafting")


def _managed_case(case_id: int, user) -> Case:
    case = locked_case(case_id)
    if not may_manage_conference(rules.case_roles(user, case)):
        raise PermissionDenied(NOT_LEAD_OR_DIRECTOR)
    _require_open(case)
    return case


def panel_candidates(case: Case):
    """Consultants in the pool who could be invited: not the lead, not already
    on the panel, never the requesting therapist."""
    seated = case.panel.values_list("user_id", flat=True)
    return (
        ConsultantProfile.objects.filter(active=True, user__is_active=True)
        .exclude(user_id__in=seated)
        .exclude(user_id=case.requester_id)
        .exclude(user_id=case.lead_reviewer_id or 0)
        .select_related("user")
        .order_by("user__display_name", "pk")
    )


@transaction.atomic
def panel_invite(*, case_id: int, user_id: int, actor) -> PanelMember:
    case = _managed_case(case_id, actor)
    if user_id == case.requester_id:
        raise ValidationError(
            "The requesting therapist cannot sit on their own case's panel."
        )
    if user_id == case.lead_reviewer_id:
        raise ValidationError("The lead reviewer is already in the conference.")
    if not panel_candidates(case).filter(user_id=user_id).exists():
        raise ValidationError(
            "Choose a consultant in the pool who is not on this panel yet."
        )
    seat = PanelMember.objects.create(case=case, user_id=user_id, invited_by=actor)
    audit.record_change(case=case, actor=actor, target="panel")
    emails.notify(kind="team_panel_invited", user=seat.user, case=case)
    return seat


@transaction.atomic
def panel_remove(*, case_id: int, seat_id: int, actor) -> None:
    case = _managed_case(case_id, actor)
    removed, _ = case.panel.filter(pk=seat_id).delete()
    if not removed:
        raise ValidationError("That consultant is not on this panel any more.")
    audit.record_change(case=case, actor=actor, target="panel")


@transaction.atomic
def conference_schedule(
    *, case_id: int, actor, starts_at, minutes: int, url: str, now=None
) -> Case:
    """Set (or clear, with no ``starts_at``) the live conference. The video
    link stays on the site: the email and the calendar file carry the join
    page."""
    now = now or timezone.now()
    case = _managed_case(case_id, actor)
    if starts_at is not None and starts_at <= now:
        raise ValidationError(
            "Choose a time in the future for the conference.", code="past"
        )
    moved = starts_at is not None and starts_at != case.conference_at
    case.conference_at = starts_at
    case.conference_minutes = minutes
    case.conference_url = url or ""
    case.full_clean(validate_unique=False, validate_constraints=False)
    case.save(
        update_fields=[
            "conference_at",
            "conference_minutes",
            "conference_url",
            "updated_at",
        ]
    )
    audit.record_change(case=case, actor=actor, target="conference_schedule")
    if moved:
        people = _conference_recipients(case, actor)
        for person in people:
            emails.notify(
                kind="team_conference_scheduled",
                user=person,
                case=case,
                url=join_url(case),
                deadline=starts_at,
            )
    return case


# The interview ----------------------------------------------------------------


CONSENT_REFUSALS = {
    "missing": "The therapist has not recorded the patient's consent to an "
    "interview: it can be recorded once they have.",
    "withdrawn": "The patient has withdrawn consent: no interview can be recorded.",
}


@transaction.atomic
def interview_record(
    *, case_id: int, user, held_on, notes: str, privacy_matches=None
) -> Interview:
    """That the interview took place, and its notes: in the case, never in
    the report."""
    case = locked_case(case_id)
    if not rules.case_roles(user, case).lead:
        raise PermissionDenied(NOT_LEAD)
    if not case.interview_requested:
        raise ValidationError(
            "No interview was requested for this consultation.", code="not_requested"
        )
    _require_open(case)
    consent = consent_state(case)
    if consent != "given":
        raise ValidationError(CONSENT_REFUSALS[consent], code="no_consent")
    if held_on > timezone.localdate():
        raise ValidationError("The interview date cannot be in the future.")
    interview, _ = Interview.objects.update_or_create(
        case=case,
        defaults={
            "held_on": held_on,
            "notes": (notes or "").strip(),
            "recorded_by": user,
            "privacy_confirmed_matches": privacy_matches or [],
        },
    )
    audit.record_change(case=case, actor=user, target="interview")
    return interview
