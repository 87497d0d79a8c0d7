"""Demo consultations: three consultants (one attending, one away next week)
and cases in several states, from a draft to a delivered report.

Idempotent: consultants are keyed on their email, cases on the ``[demo n]``
key that opens their referral question; a second run changes nothing. The
texts are invented and de-identified, in consultations/demo/*.yaml. Like the
test factories, the demo writes each case directly in its state (with the
offer, clocks and report that state implies) instead of replaying the flow.
"""

from datetime import timedelta
from pathlib import Path

import yaml
from django.db import transaction
from django.utils import timezone

from community.demo import seed_person
from community.models import User
from consultations import audit
from consultations.models import (
    Case,
    ConsultantAway,
    ConsultantProfile,
    Offer,
    Report,
    Tag,
)

DATA = Path(__file__).resolve().parent / "demo"
Status = Case.Status
ACCEPTED_STATES = (Status.DRAFTING, Status.IN_SIGNOFF, Status.DELIVERED)


def _load(name: str):
    return yaml.safe_load((DATA / name).read_text(encoding="utf-8"))


def _tags() -> dict[str, Tag]:
    tags = {}
    for kind, names in _load("tags.yaml").items():
        for name in names:
            tags[name], _ = Tag.objects.get_or_create(kind=kind, name=name)
    return tags


def _consultants(*, password, tags) -> dict[str, User]:
    users = {}
    today = timezone.localdate()
    for person in _load("consultants.yaml"):
        attending = person.pop("attending")
        limit = person.pop("max_open_cases")
        specialties = person.pop("specialties")
        away = person.pop("away_next_week")
        user = seed_person(**person, role="consultant", password=password)
        profile, _ = ConsultantProfile.objects.update_or_create(
            user=user,
            defaults={
                "credentials": person["credentials"],
                "is_attending": attending,
                "max_open_cases": limit,
                "active": True,
            },
        )
        profile.specialties.set([tags[name] for name in specialties])
        profile.orientations.set(user.orientations.all())
        if away:
            start = today + timedelta(days=7 - today.weekday())
            ConsultantAway.objects.get_or_create(
                consultant=profile,
                starts_on=start,
                defaults={"ends_on": start + timedelta(days=6)},
            )
        users[user.email] = user
    return users


def _case(item: dict, *, tags, consultants, now) -> Case:
    item = dict(item)
    key = item.pop("key")
    existing = Case.objects.filter(referral_question__startswith=key).first()
    if existing is not None:
        return existing
    requester = User.objects.get(email=item.pop("requester"))
    lead = consultants.get(item.pop("lead", None))
    offered_to = consultants.get(item.pop("offered_to", None))
    sections = item.pop("report", None)
    case_tags = [tags[name] for name in item.pop("tags")]
    status = item.pop("status")
    case = Case.objects.create(requester=requester, status=status, **item)
    case.tags.set(case_tags)
    if status != Status.DRAFT:
        case.submitted_at = now - timedelta(days=3)
    if offered_to:
        Offer.objects.create(
            case=case,
            consultant=offered_to,
            status=Offer.Status.PENDING,
            offered_at=now - timedelta(hours=2),
            accept_by=now + timedelta(hours=10),
        )
    if lead:
        Offer.objects.create(
            case=case,
            consultant=lead,
            status=Offer.Status.ACCEPTED,
            offered_at=now - timedelta(days=2, hours=3),
            accept_by=now - timedelta(days=1, hours=15),
            responded_at=now - timedelta(days=2),
            coi_declared_at=now - timedelta(days=2),
        )
        case.lead_reviewer = lead
        case.accepted_at = now - timedelta(days=2)
        case.due_at = case.accepted_at + timedelta(hours=48 + 24)
    if sections:
        Report.objects.create(
            case=case,
            author=lead,
            sections=sections,
            submitted_at=now - timedelta(hours=5)
            if status != Status.DRAFTING
            else None,
            approved_at=now - timedelta(hours=1)
            if status == Status.DELIVERED
            else None,
        )
    if status == Status.DELIVERED:
        case.delivered_at = now - timedelta(hours=1)
        audit.record_view(case=case, actor=lead, target="report")
    case.save()
    return case


@transaction.atomic
def seed_consultations(*, password) -> dict[str, User]:
    """Returns the consultants' accounts (the command lists them)."""
    now = timezone.now().replace(second=0, microsecond=0)
    tags = _tags()
    consultants = _consultants(password=password, tags=tags)
    for item in _load("cases.yaml"):
        _case(item, tags=tags, consultants=consultants, now=now)
    return consultants
