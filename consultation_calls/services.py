"""Arranging a follow-up call, one move at a time, each under the call's (or,
for a new call, the case's) row lock so that two tabs or both sides at once
cannot book, pay for and cancel the same call in a muddle.

The moves: the requester asks (optionally proposing a time); the reviewer
offers times or takes the proposed one; the requester chooses a time and pays
(billing's Checkout; only the signed webhook books the call); either side
cancels until ``CONSULT_FOLLOW_UP_CANCEL_HOURS`` before the start. The refund
follows the consultations' rule: in full when the reviewer cancels (or nothing
was booked yet), ``CONSULT_LATE_CANCEL_REFUND_PERCENT`` when the requester
cancels a call the reviewer had taken on.

Emails carry the case reference, the time (shown in the recipient's zone) and
a link to the site: never the video link and nothing of the case.
"""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from consultation_billing import follow_up_pay, ledger, refunds
from consultation_billing.selectors import follow_up_fee
from consultation_calls.models import CallSlot, FollowUpCall
from consultations import emails
from consultations.models import Case
from consultations.services.common import locked_case

Status = FollowUpCall.Status
OPEN = frozenset(
    {Status.REQUESTED, Status.OFFERED, Status.AWAITING_PAYMENT, Status.BOOKED}
)
# A time offered, proposed or chosen is at least this far ahead.
MIN_NOTICE = timedelta(hours=1)
MAX_SLOTS = 3

NOT_YOURS = "This follow-up call is not yours to change."
MOVED_ON = "This follow-up call has moved on; the case page shows where it stands."
TOO_SOON = "Choose a time at least an hour from now."


def call_url(call: FollowUpCall) -> str:
    return emails.case_url(call.case) + "#follow-up"


def join_url(call: FollowUpCall) -> str:
    return settings.SITE_URL + reverse(
        "consultation_calls:join", args=[call.case_id, call.pk]
    )


def locked_call(call_id: int) -> FollowUpCall:
    """The call, locked for the rest of the transaction (call inside atomic)."""
    return (
        FollowUpCall.objects.select_for_update().select_related("case").get(pk=call_id)
    )


def bookable(case: Case) -> bool:
    """Calls follow a delivered report, with the reviewer who wrote it."""
    return (
        case.status in (Case.Status.DELIVERED, Case.Status.CLOSED)
        and case.lead_reviewer_id is not None
        and case.purged_at is None
    )


def calls_left(case: Case) -> int:
    used = case.follow_up_calls.exclude(status=Status.CANCELLED).count()
    return max(settings.CONSULT_FOLLOW_UPS_PER_CASE - used, 0)


def open_call(case: Case) -> FollowUpCall | None:
    return case.follow_up_calls.filter(status__in=OPEN).first()


def _ahead(moment, now) -> None:
    if moment is None or moment < now + MIN_NOTICE:
        raise ValidationError(TOO_SOON, code="too_soon")


def _require(call: FollowUpCall, *, user, side: str, statuses) -> None:
    owner = call.case.requester_id if side == "requester" else call.reviewer_id
    if owner != user.pk:
        raise ValidationError(NOT_YOURS, code="not_yours")
    if call.status not in statuses:
        raise ValidationError(MOVED_ON, code="moved_on")


@transaction.atomic
def call_request(*, case_id: int, user, proposed_at=None) -> FollowUpCall:
    case = locked_case(case_id)
    if case.requester_id != user.pk:
        raise ValidationError(NOT_YOURS, code="not_yours")
    if not bookable(case):
        raise ValidationError(
            "A follow-up call can be booked once the report is delivered.",
            code="not_delivered",
        )
    if open_call(case) is not None:
        raise ValidationError(
            "A follow-up call is already being arranged for this case.", code="open"
        )
    if calls_left(case) == 0:
        raise ValidationError(
            "This case has had all the follow-up calls it may have.", code="used"
        )
    if proposed_at is not None:
        _ahead(proposed_at, timezone.now())
    call = FollowUpCall.objects.create(
        case=case,
        reviewer_id=case.lead_reviewer_id,
        minutes=settings.CONSULT_FOLLOW_UP_MINUTES,
        proposed_at=proposed_at,
    )
    emails.notify(
        kind="follow_up_requested",
        user=case.lead_reviewer,
        case=case,
        url=call_url(call),
        deadline=proposed_at,
    )
    return call


@transaction.atomic
def call_offer_times(*, call_id: int, user, times: list, meeting_url: str):
    """The reviewer's times (replacing any offered before) and video link."""
    call = locked_call(call_id)
    _require(
        call, user=user, side="reviewer", statuses={Status.REQUESTED, Status.OFFERED}
    )
    now = timezone.now()
    chosen = sorted(set(times))
    if not chosen:
        raise ValidationError("Offer at least one time.", code="no_times")
    for moment in chosen:
        _ahead(moment, now)
    call.slots.all().delete()
    CallSlot.objects.bulk_create(
        [CallSlot(call=call, starts_at=moment) for moment in chosen[:MAX_SLOTS]]
    )
    call.status = Status.OFFERED
    call.meeting_url = meeting_url
    call.save(update_fields=["status", "meeting_url", "updated_at"])
    emails.notify(
        kind="follow_up_times",
        user=call.case.requester,
        case=call.case,
        url=call_url(call),
    )
    return call


@transaction.atomic
def call_accept_proposed(*, call_id: int, user, meeting_url: str):
    call = locked_call(call_id)
    _require(call, user=user, side="reviewer", statuses={Status.REQUESTED})
    if call.proposed_at is None:
        raise ValidationError("No time was proposed: offer times instead.", code="none")
    _ahead(call.proposed_at, timezone.now())
    call.meeting_url = meeting_url
    _fix_time(call, call.proposed_at, notify_kind="follow_up_accepted")
    return call


@transaction.atomic
def call_choose(*, call_id: int, user, slot_id: int):
    call = locked_call(call_id)
    _require(call, user=user, side="requester", statuses={Status.OFFERED})
    slot = call.slots.filter(pk=slot_id).first()
    if slot is None:
        raise ValidationError("Choose one of the times offered.", code="no_slot")
    _ahead(slot.starts_at, timezone.now())
    _fix_time(call, slot.starts_at, notify_kind="")
    return call


def _fix_time(call: FollowUpCall, moment, *, notify_kind: str) -> None:
    """The call's time is set; it is booked once paid (at once when free)."""
    call.starts_at = moment
    call.status = Status.AWAITING_PAYMENT
    call.save(update_fields=["starts_at", "meeting_url", "status", "updated_at"])
    if follow_up_fee() is None:
        _book(call)
    elif notify_kind:
        emails.notify(
            kind=notify_kind,
            user=call.case.requester,
            case=call.case,
            url=call_url(call),
            deadline=moment,
        )


def _book(call: FollowUpCall) -> None:
    call.status = Status.BOOKED
    call.booked_at = timezone.now()
    call.save(update_fields=["status", "booked_at", "updated_at"])
    for person in (call.case.requester, call.reviewer):
        if person is not None:
            emails.notify(
                kind="follow_up_booked",
                user=person,
                case=call.case,
                url=call_url(call),
                deadline=call.starts_at,
            )


@transaction.atomic
def call_checkout_url(*, call_id: int, user) -> str:
    """Where the requester pays for the time chosen (an open Checkout reused)."""
    call = locked_call(call_id)
    _require(call, user=user, side="requester", statuses={Status.AWAITING_PAYMENT})
    if call.starts_at <= timezone.now():
        raise ValidationError(MOVED_ON, code="passed")
    fee = follow_up_fee()
    if fee is None:
        _book(call)
        return call_url(call)
    return follow_up_pay.follow_up_checkout_url(call=call, fee=fee, user=user)


def call_paid(*, call_id: int) -> None:
    """Billing's word that the call's payment arrived (inside its transaction).
    A payment for a call cancelled meanwhile is refunded by billing itself."""
    call = locked_call(call_id)
    if call.status == Status.AWAITING_PAYMENT:
        _book(call)


def refund_percent_for(call: FollowUpCall, user) -> int:
    """What cancelling now gives back: in full when the reviewer cancels or
    nothing is booked yet; the late-cancellation share when the requester
    cancels a booked call."""
    if call.status == Status.BOOKED and user.pk != call.reviewer_id:
        return settings.CONSULT_LATE_CANCEL_REFUND_PERCENT
    return 100


def may_cancel(call: FollowUpCall, now=None) -> bool:
    if call.status not in OPEN:
        return False
    if call.starts_at is None:
        return True
    return (now or timezone.now()) < call.cancel_until


@transaction.atomic
def call_cancel(*, call_id: int, user) -> FollowUpCall:
    call = locked_call(call_id)
    if user.pk not in (call.case.requester_id, call.reviewer_id):
        raise ValidationError(NOT_YOURS, code="not_yours")
    if call.status not in OPEN:
        raise ValidationError(MOVED_ON, code="moved_on")
    if not may_cancel(call):
        raise ValidationError(
            f"A call can be cancelled on the site until "
            f"{settings.CONSULT_FOLLOW_UP_CANCEL_HOURS} hours before it starts. "
            "Write to the other side through the case's questions instead.",
            code="too_late",
        )
    _cancel(call, by=user, percent=refund_percent_for(call, user))
    other = call.reviewer if user.pk == call.case.requester_id else call.case.requester
    if other is not None:
        emails.notify(
            kind="follow_up_cancelled",
            user=other,
            case=call.case,
            url=call_url(call),
            deadline=call.starts_at,
        )
    return call


def _cancel(call: FollowUpCall, *, by, percent: int) -> None:
    call.status = Status.CANCELLED
    call.cancelled_at = timezone.now()
    call.cancelled_by = by
    call.refund_percent = percent
    call.save(
        update_fields=[
            "status",
            "cancelled_at",
            "cancelled_by",
            "refund_percent",
            "updated_at",
        ]
    )
    refunds.queue_follow_up_refunds(call_id=call.pk)


@transaction.atomic
def call_cancel_by_reviewer_leaving(*, call_id: int) -> None:
    """The reviewer's account is being deleted: their open calls are off,
    refunded in full, and the requester is told."""
    call = locked_call(call_id)
    if call.status not in OPEN:
        return
    _cancel(call, by=None, percent=100)
    emails.notify(
        kind="follow_up_cancelled",
        user=call.case.requester,
        case=call.case,
        url=call_url(call),
        deadline=call.starts_at,
    )


def call_lapse_unpaid(*, call_id: int, now) -> bool:
    """A chosen time came without a payment: the call is cancelled (nothing to
    refund; an open Checkout is expired). Safe to run twice."""
    with transaction.atomic():
        call = locked_call(call_id)
        if call.status != Status.AWAITING_PAYMENT or call.starts_at > now:
            return False
        _cancel(call, by=None, percent=100)
    return True


def call_mark_held(*, call_id: int, now) -> bool:
    """A booked call's end has passed: held, and the reviewer's payout line
    is added (once). Safe to run twice."""
    with transaction.atomic():
        call = locked_call(call_id)
        if call.status != Status.BOOKED or call.ends_at > now:
            return False
        call.status = Status.HELD
        call.held_at = call.ends_at
        call.save(update_fields=["status", "held_at", "updated_at"])
        ledger.follow_up_line_add(call=call)
    return True
