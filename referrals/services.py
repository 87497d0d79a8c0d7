"""Writes in the referral directory: suggesting an entry, the director's edit,
approval and refusal, and members' recommendations.

An entry and its specialties and states are saved in one transaction: an entry
without a specialty or a state is never stored, not even for a moment. The
director's decisions lock the entry (two directors deciding at once: the second
finds it decided) and follow ``models.TRANSITIONS``. The suggester hears of a
decision in their notification centre and by email, with a link only: neither
the entry's name nor the reason for a refusal leaves the site.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from community.mail import send_templated_mail
from community.regions import REGION_NAMES
from notifications.models import Kind
from notifications.services import notification_add, subject_title
from referrals.models import (
    TRANSITIONS,
    EntryRegion,
    Recommendation,
    ReferralEntry,
    Status,
)

ENTRY_FIELDS = (
    "name",
    "profession",
    "telehealth",
    "in_person",
    "city",
    "practice_region",
    "self_pay",
    "insurance_accepted",
    "collaboration",
    "typical_wait",
    "approach",
    "practice_name",
    "website",
    "phone",
)
NO_SPECIALTY = "Choose at least one specialty."
NO_REGION = "Choose at least one state they are licensed in."


def _set_details(entry: ReferralEntry, *, specialties, regions, **fields) -> None:
    """Check, save the entry, then its specialties and states (the caller's
    transaction makes it all or nothing)."""
    errors = {}
    specialties = list(specialties)
    regions = sorted(set(regions))
    if not specialties:
        errors["specialties"] = NO_SPECIALTY
    if not regions:
        errors["regions"] = NO_REGION
    elif set(regions) - set(REGION_NAMES):
        errors["regions"] = "Choose states from the list."
    for name, value in fields.items():
        if name not in ENTRY_FIELDS:
            raise TypeError(f"Unknown entry field {name!r}")
        setattr(entry, name, value)
    try:
        entry.full_clean()
    except ValidationError as error:
        errors = {**error.message_dict, **errors}
    if errors:
        raise ValidationError(errors)
    entry.save()
    entry.specialties.set(specialties)
    entry.regions.exclude(region__in=regions).delete()
    have = set(entry.regions.values_list("region", flat=True))
    EntryRegion.objects.bulk_create(
        [EntryRegion(entry=entry, region=code) for code in regions if code not in have]
    )


@transaction.atomic
def entry_suggest(*, suggested_by, specialties, regions, **fields) -> ReferralEntry:
    """A member's suggestion, waiting for the director's approval."""
    entry = ReferralEntry(suggested_by=suggested_by, status=Status.PENDING)
    _set_details(entry, specialties=specialties, regions=regions, **fields)
    return entry


@transaction.atomic
def entry_update(*, entry: ReferralEntry, specialties, regions, **fields):
    """The director's edit (before approving, or of a listed entry)."""
    locked = ReferralEntry.objects.select_for_update().get(pk=entry.pk)
    _set_details(locked, specialties=specialties, regions=regions, **fields)
    return locked


def _move(entry: ReferralEntry, to: str) -> ReferralEntry:
    locked = ReferralEntry.objects.select_for_update().get(pk=entry.pk)
    if to not in TRANSITIONS[Status(locked.status)]:
        raise ValidationError(
            f"This entry is {locked.get_status_display().lower()} already."
        )
    return locked


def _tell_suggester(entry: ReferralEntry, *, template: str, url: str) -> None:
    user = entry.suggested_by
    if user is None or not user.is_active or getattr(user, "deleted_at", None):
        return
    context = {"user": user, "url": settings.SITE_URL + url}
    template = f"referrals/email/{template}"
    notification_add(
        user=user,
        kind=Kind.REFERRAL,
        title=subject_title(template=template, context=context, user=user),
        url=url,
        key=f"referral:{entry.pk}:{entry.status}",
    )
    send_templated_mail(template=template, to=[user.email], context=context)


@transaction.atomic
def entry_approve(*, entry: ReferralEntry, director) -> ReferralEntry:
    locked = _move(entry, Status.APPROVED)
    locked.status = Status.APPROVED
    locked.rejection_reason = ""
    locked.reviewed_by = director
    locked.reviewed_at = timezone.now()
    locked.save(
        update_fields=["status", "rejection_reason", "reviewed_by", "reviewed_at"]
    )
    _tell_suggester(
        locked,
        template="approved",
        url=reverse("referrals:detail", args=[locked.pk]),
    )
    return locked


@transaction.atomic
def entry_reject(*, entry: ReferralEntry, director, reason: str) -> ReferralEntry:
    reason = " ".join((reason or "").split())
    if not reason:
        raise ValidationError({"reason": "Say why, for the member who suggested it."})
    locked = _move(entry, Status.REJECTED)
    locked.status = Status.REJECTED
    locked.rejection_reason = reason
    locked.reviewed_by = director
    locked.reviewed_at = timezone.now()
    locked.full_clean()
    locked.save(
        update_fields=["status", "rejection_reason", "reviewed_by", "reviewed_at"]
    )
    _tell_suggester(
        locked, template="rejected", url=reverse("referrals:list") + "#my-suggestions"
    )
    return locked


@transaction.atomic
def recommendation_save(
    *,
    entry: ReferralEntry,
    author,
    communication: str,
    seen_within: str,
    privacy_matches: list | None = None,
) -> Recommendation:
    """A member's one recommendation of an entry: made, or edited."""
    if entry.status != Status.APPROVED:
        raise ValidationError("Only a listed entry takes recommendations.")
    recommendation = (
        Recommendation.objects.select_for_update()
        .filter(entry=entry, author=author)
        .first()
    ) or Recommendation(entry=entry, author=author)
    recommendation.communication = " ".join((communication or "").split())
    recommendation.seen_within = seen_within
    recommendation.privacy_matches = privacy_matches or []
    recommendation.full_clean(validate_unique=False)
    try:
        with transaction.atomic():
            recommendation.save()
    except IntegrityError as twice:  # the same member, in a second tab, just now
        raise ValidationError("Your recommendation is saved already.") from twice
    return recommendation


def referred_again(*, entry: ReferralEntry, author) -> int:
    """Add one to the member's "referred again" count (their recommendation
    first); one UPDATE, so two clicks at once both count."""
    updated = Recommendation.objects.filter(entry=entry, author=author).update(
        referred_again=F("referred_again") + 1, updated_at=timezone.now()
    )
    if not updated:
        raise ValidationError("Leave your recommendation first.")
    return Recommendation.objects.get(entry=entry, author=author).referred_again
