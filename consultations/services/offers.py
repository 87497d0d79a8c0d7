"""Offers and their clocks: the director's ranked offer, a reviewer's accept or
decline, a lapse and the automatic re-offer, and a reviewer leaving the pool.

A ranked candidate is a QUEUED offer; sending makes it PENDING with its
``accept_by``. When no offer is pending any more (declined, lapsed, withdrawn)
the next queued one is sent; when none is left the case returns to matching and
the director is told. Lapses in a row (``consecutive_lapses``) escalate the case
to the director at ``CONSULT_LAPSES_BEFORE_ESCALATION``.
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from consultations import clocks, emails, states
from consultations.models import Case, ConsultantProfile, Offer
from consultations.selectors.pool import available_consultants
from consultations.services.common import locked_case

OPEN = (Offer.Status.QUEUED, Offer.Status.PENDING)
EXPIRED_MESSAGE = "This offer has expired: the case has been offered to someone else."
NOT_YOURS = "This offer was not made to you."
COI_REQUIRED = (
    "Declare that you have no conflict of interest with this case before accepting."
)


def _pending(case: Case):
    return case.offers.filter(status=Offer.Status.PENDING)


def offers_withdraw(case: Case, *, now, consultant=None) -> list[int]:
    """Withdraw the case's open offers (all, or one consultant's) so that no
    clock runs on them; returns who had one pending, to tell them."""
    open_offers = case.offers.filter(status__in=OPEN)
    if consultant is not None:
        open_offers = open_offers.filter(consultant=consultant)
    pending = list(
        open_offers.filter(status=Offer.Status.PENDING).values_list(
            "consultant_id", flat=True
        )
    )
    open_offers.update(status=Offer.Status.WITHDRAWN, responded_at=now)
    return pending


def case_cancel_withdrawing_offers(case: Case, *, actor, now) -> list[int]:
    """Cancel the (locked) case, whoever asks: its open offers are withdrawn and
    its closing time set (retention counts from it). Returns who had an offer
    pending, for the caller's emails."""
    states.check(case, "cancel")
    pending = offers_withdraw(case, now=now)
    case.closed_at = now
    case.save(update_fields=["closed_at", "updated_at"])
    states.transition(case, "cancel", actor=actor)
    return pending


def _send_next(case: Case, *, count: int, now) -> int:
    """Make the next ``count`` queued offers pending, skipping whoever is no
    longer available (left the pool, away, at their limit)."""
    sent = 0
    available = set(
        available_consultants(case=case, now=now).values_list("user_id", flat=True)
    )
    for offer in case.offers.filter(status=Offer.Status.QUEUED).order_by("rank", "pk"):
        if sent >= count:
            break
        if offer.consultant_id not in available:
            offer.status = Offer.Status.WITHDRAWN
            offer.responded_at = now
            offer.save(update_fields=["status", "responded_at"])
            continue
        offer.status = Offer.Status.PENDING
        offer.offered_at = now
        offer.accept_by = now + clocks.accept_window(case)
        offer.save(update_fields=["status", "offered_at", "accept_by"])
        emails.notify(
            kind="offer",
            user=offer.consultant,
            case=case,
            url=emails.offers_url(),
            deadline=offer.accept_by,
        )
        sent += 1
    return sent


def _after_offer_closed(case: Case, *, now, lapsed: bool) -> None:
    """An offer stopped being pending: send the next one, or go back to the
    director. ``lapsed`` when the reason was a lapse (counted towards escalation)."""
    if _pending(case).exists():
        return
    if lapsed and case.consecutive_lapses >= settings.CONSULT_LAPSES_BEFORE_ESCALATION:
        case.escalation = Case.Escalation.LAPSES
        case.save(update_fields=["escalation", "updated_at"])
        states.transition(case, "escalate")
        emails.notify_directors(kind="escalated", case=case)
        return
    if _send_next(case, count=1, now=now):
        if lapsed:
            emails.notify_directors(kind="offer_lapsed", case=case)
        return
    states.transition(case, "offers_lapsed")
    case.escalation = Case.Escalation.NO_REVIEWER
    case.save(update_fields=["escalation", "updated_at"])
    emails.notify_directors(kind="no_reviewer", case=case)


@transaction.atomic
def case_offer(*, case_id: int, consultant_ids: list[int], at_once: int = 1, actor):
    """Rank ``consultant_ids`` (in order) for the case and send the first
    ``at_once`` of them; whoever accepts first takes the case."""
    case = locked_case(case_id)
    states.check(case, "offer")
    if not consultant_ids:
        raise ValidationError("Choose at least one consultant to offer the case to.")
    now = timezone.now()
    in_pool = set(
        ConsultantProfile.objects.filter(
            user_id__in=consultant_ids, active=True
        ).values_list("user_id", flat=True)
    )
    already = set(
        case.offers.filter(status__in=OPEN).values_list("consultant_id", flat=True)
    )
    start = (case.offers.aggregate(top=Max("rank"))["top"] or 0) + 1
    ranked = [
        pk
        for pk in dict.fromkeys(consultant_ids)
        if pk in in_pool and pk not in already
    ]
    if not ranked and not already:
        raise ValidationError("None of these consultants is in the pool.")
    Offer.objects.bulk_create(
        Offer(case=case, consultant_id=pk, rank=start + i, offered_by=actor)
        for i, pk in enumerate(ranked)
    )
    pending = _pending(case).count()
    sent = _send_next(case, count=max(at_once - pending, 0), now=now)
    if not sent and not pending:
        raise ValidationError(
            "None of these consultants can take an offer now (away or at their limit)."
        )
    case.escalation = Case.Escalation.NONE
    case.save(update_fields=["escalation", "updated_at"])
    if case.status != Case.Status.OFFERED:
        # A new round: the director has seen the lapses, the count starts again.
        # A reviewer who held the case (it was escalated) hears it is not theirs.
        if case.lead_reviewer_id:
            emails.notify(kind="case_reassigned", user=case.lead_reviewer, case=case)
        case.lead_reviewer = None
        case.accepted_at = case.due_at = None
        case.consecutive_lapses = 0
        case.save(
            update_fields=[
                "lead_reviewer",
                "accepted_at",
                "due_at",
                "consecutive_lapses",
                "updated_at",
            ]
        )
        states.transition(case, "offer", actor=actor)
    return case


def _own_pending_offer(case: Case, *, offer_id: int, user) -> Offer:
    offer = case.offers.filter(pk=offer_id).first()
    if offer is None or offer.consultant_id != user.pk:
        raise PermissionDenied(NOT_YOURS)
    if offer.status in (Offer.Status.EXPIRED, Offer.Status.WITHDRAWN):
        raise ValidationError(EXPIRED_MESSAGE)
    if offer.status != Offer.Status.PENDING:
        answer = offer.get_status_display().lower()
        raise ValidationError(f"You have already answered this offer ({answer}).")
    return offer


@transaction.atomic
def offer_accept(*, case_id: int, offer_id: int, user, no_conflict: bool, now=None):
    now = now or timezone.now()
    case = locked_case(case_id)
    offer = _own_pending_offer(case, offer_id=offer_id, user=user)
    if offer.accept_by <= now:
        raise ValidationError(EXPIRED_MESSAGE)
    if not no_conflict:
        raise ValidationError(COI_REQUIRED)
    states.check(case, "accept")
    offer.status = Offer.Status.ACCEPTED
    offer.responded_at = offer.coi_declared_at = now
    offer.save(update_fields=["status", "responded_at", "coi_declared_at"])
    offers_withdraw(case, now=now)
    case.lead_reviewer = user
    case.accepted_at = now
    case.due_at = now + clocks.deliver_window(case)
    case.consecutive_lapses = 0
    case.escalation = Case.Escalation.NONE
    case.save(
        update_fields=[
            "lead_reviewer",
            "accepted_at",
            "due_at",
            "consecutive_lapses",
            "escalation",
            "updated_at",
        ]
    )
    states.transition(case, "accept", actor=user)
    emails.notify(kind="reviewer_found", user=case.requester, case=case)
    return case


@transaction.atomic
def offer_decline(*, case_id: int, offer_id: int, user, reason: str, now=None):
    now = now or timezone.now()
    case = locked_case(case_id)
    offer = _own_pending_offer(case, offer_id=offer_id, user=user)
    if not reason.strip():
        raise ValidationError("Say briefly why you decline, for the director.")
    offer.status = Offer.Status.DECLINED
    offer.responded_at = now
    offer.decline_reason = reason.strip()
    offer.save(update_fields=["status", "responded_at", "decline_reason"])
    # An answer breaks a run of lapses.
    case.consecutive_lapses = 0
    case.save(update_fields=["consecutive_lapses", "updated_at"])
    emails.notify_directors(kind="offer_declined", case=case)
    _after_offer_closed(case, now=now, lapsed=False)
    return case


def offer_expire(*, offer_id: int, now) -> bool:
    """The sweep: lapse one pending offer whose window has passed. False when
    another worker (or an answer) got there first."""
    with transaction.atomic():
        case_id = (
            Offer.objects.filter(pk=offer_id).values_list("case_id", flat=True).first()
        )
        if case_id is None:
            return False
        case = locked_case(case_id)
        offer = case.offers.filter(
            pk=offer_id, status=Offer.Status.PENDING, accept_by__lte=now
        ).first()
        if offer is None:
            return False
        offer.status = Offer.Status.EXPIRED
        offer.responded_at = now
        offer.save(update_fields=["status", "responded_at"])
        # A lapse is a round of offers that ran out unanswered: parallel offers
        # lapsing together count once, when the last of them goes.
        if not _pending(case).exists():
            case.consecutive_lapses += 1
            case.save(update_fields=["consecutive_lapses", "updated_at"])
        emails.notify(kind="offer_expired", user=offer.consultant, case=case)
        _after_offer_closed(case, now=now, lapsed=True)
        return True


@transaction.atomic
def consultant_leave_pool(*, profile_id: int, actor) -> int:
    """Take a consultant out of the pool: their offers are withdrawn and the
    cases they led go back to matching (the draft stays with the case).
    Returns how many cases were affected."""
    profile = ConsultantProfile.objects.select_for_update().get(pk=profile_id)
    profile.active = False
    profile.save(update_fields=["active"])
    now = timezone.now()
    user = profile.user
    affected = 0
    case_ids = set(
        Offer.objects.filter(consultant=user, status__in=OPEN).values_list(
            "case_id", flat=True
        )
    ) | set(
        Case.objects.filter(
            lead_reviewer=user,
            status__in=states.WITH_REVIEWER | {Case.Status.ESCALATED},
        ).values_list("pk", flat=True)
    )
    for case_id in sorted(case_ids):
        case = locked_case(case_id)
        had_pending = bool(offers_withdraw(case, now=now, consultant=user))
        if case.lead_reviewer_id == user.pk and states.allowed(
            "reviewer_left", case.status
        ):
            case.lead_reviewer = None
            case.accepted_at = case.due_at = None
            case.escalation = Case.Escalation.REVIEWER_LEFT
            case.save(
                update_fields=[
                    "lead_reviewer",
                    "accepted_at",
                    "due_at",
                    "escalation",
                    "updated_at",
                ]
            )
            states.transition(case, "reviewer_left", actor=actor)
            emails.notify_directors(kind="reviewer_left", case=case)
        elif had_pending and case.status == Case.Status.OFFERED:
            _after_offer_closed(case, now=now, lapsed=False)
        affected += 1
    return affected
