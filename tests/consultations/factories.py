"""Factories for consultations: cases in any state, the pool, offers.

``case_in(status, ...)`` builds a case as the flow would have left it in that
state (a lead reviewer and clocks once accepted, a report once drafting), so a
test of one stage does not replay the others.
"""

from datetime import timedelta

import factory
from django.utils import timezone

from consultations.models import (
    Case,
    ConsultantProfile,
    Offer,
    PanelMember,
    Report,
    Tag,
)
from tests.community import factories as people

Status = Case.Status


class TagFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Tag
        django_get_or_create = ("kind", "name")

    kind = Tag.Kind.MODALITY
    name = factory.Sequence(lambda n: f"Topic {n}")


class ConsultantFactory(factory.django.DjangoModelFactory):
    """A consultant in the pool; not a paying member unless made one."""

    class Meta:
        model = ConsultantProfile

    user = factory.SubFactory(people.UserFactory)
    credentials = "PhD, licensed psychologist"
    max_open_cases = 3


def consultant(**kwargs):
    return ConsultantFactory(**kwargs).user


def attending(**kwargs):
    return ConsultantFactory(is_attending=True, **kwargs).user


class CaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Case

    requester = factory.LazyFunction(people.member)
    referral_question = "How can I work with the client's avoidance of feelings?"
    modality = "Psychodynamic, integrative"
    frequency = "Weekly"
    duration = "Eight months"
    tried = "Psychoeducation, some exposure work."
    case_summary = (
        "A woman in her thirties with recurrent low mood and a pattern of "
        "withdrawing when close to others."
    )
    risk_notes = "No current risk."
    status = Status.DRAFT


def case_in(status: str, *, lead=None, now=None, **kwargs) -> Case:
    """A case in ``status`` with what that state implies."""
    now = now or timezone.now()
    case = CaseFactory(status=status, **kwargs)
    if status != Status.DRAFT:
        case.submitted_at = now - timedelta(hours=1)
    if status == Status.OFFERED:
        reviewer = lead or consultant()
        Offer.objects.create(
            case=case,
            consultant=reviewer,
            rank=1,
            status=Offer.Status.PENDING,
            offered_at=now,
            accept_by=now + timedelta(hours=12),
        )
    elif status in (
        Status.ACCEPTED,
        Status.IN_CONFERENCE,
        Status.DRAFTING,
        Status.IN_SIGNOFF,
        Status.ESCALATED,
        Status.DELIVERED,
        Status.CLOSED,
    ):
        reviewer = lead or consultant()
        Offer.objects.create(
            case=case,
            consultant=reviewer,
            rank=1,
            status=Offer.Status.ACCEPTED,
            offered_at=now - timedelta(hours=2),
            accept_by=now + timedelta(hours=10),
            responded_at=now - timedelta(hours=1),
            coi_declared_at=now - timedelta(hours=1),
        )
        case.lead_reviewer = reviewer
        case.accepted_at = now - timedelta(hours=1)
        case.due_at = case.accepted_at + timedelta(hours=48)
        if status in (
            Status.DRAFTING,
            Status.IN_SIGNOFF,
            Status.DELIVERED,
            Status.CLOSED,
        ):
            Report.objects.create(
                case=case,
                author=reviewer,
                sections={
                    "question": {"text": "The referral question.", "shareable": True},
                    "formulation": {"text": "A formulation.", "shareable": False},
                },
                submitted_at=now if status != Status.DRAFTING else None,
            )
        if status in (Status.DELIVERED, Status.CLOSED):
            case.delivered_at = now
    case.save()
    return case


def panel_member(case: Case, **kwargs):
    user = consultant(**kwargs)
    PanelMember.objects.create(case=case, user=user)
    return user
