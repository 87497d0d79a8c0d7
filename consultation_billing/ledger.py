"""The reviewers' payout ledger: one line per delivered case (and per follow-up
call held), added once; a line is reversed by a negative line, never deleted
or edited, so a statement already sent stays true.

Every line of one case shares a Stripe transfer group ("case-C-2026-0142"), so
that paying through Stripe Connect transfers later needs no change here.

A line's ``earned_on`` is a UTC date (the day of delivery, or of the reversal,
in UTC), never the date in whichever zone happens to be active: the approver's
request activates theirs, and a statement's quarter must not depend on who
signed off. Statements gather lines by this date (``statements``).
"""

from datetime import UTC

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from consultation_billing.models import PayoutLine
from consultations.models import Case

Kind = PayoutLine.Kind


def utc_date(moment=None):
    return timezone.localdate(moment or timezone.now(), timezone=UTC)


def transfer_group(reference: str) -> str:
    return f"case-{reference}"


def case_line_add(*, case_id: int) -> PayoutLine | None:
    """The lead reviewer's line for a delivered case; a second call adds none."""
    case = Case.objects.filter(pk=case_id).select_related("lead_reviewer").first()
    if case is None or case.lead_reviewer_id is None:
        return None
    existing = PayoutLine.objects.filter(case=case, kind=Kind.CASE).first()
    if existing:
        return existing
    try:
        with transaction.atomic():
            return PayoutLine.objects.create(
                reviewer_id=case.lead_reviewer_id,
                case=case,
                case_reference=case.reference,
                kind=Kind.CASE,
                amount=settings.CONSULT_REVIEWER_FEE,
                currency=settings.CONSULT_PAYOUT_CURRENCY,
                earned_on=utc_date(case.delivered_at),
                transfer_group=transfer_group(case.reference),
            )
    except IntegrityError:  # two workers at once: the other one added it
        return PayoutLine.objects.get(case=case, kind=Kind.CASE)


@transaction.atomic
def line_reverse(*, line_id: int) -> PayoutLine:
    """A negative line that cancels ``line_id`` (once: reversing twice returns
    the first reversal)."""
    line = PayoutLine.objects.select_for_update().get(pk=line_id)
    reversal = PayoutLine.objects.filter(reverses=line).first()
    if reversal:
        return reversal
    return PayoutLine.objects.create(
        reviewer_id=line.reviewer_id,
        case_id=line.case_id,
        follow_up_call_id=line.follow_up_call_id,
        case_reference=line.case_reference,
        kind=Kind.REVERSAL,
        amount=-line.amount,
        currency=line.currency,
        earned_on=utc_date(),
        transfer_group=line.transfer_group,
        reverses=line,
    )


def case_lines_reverse(*, case_id: int) -> list[PayoutLine]:
    """Reverse every line of a case not reversed yet (a refund after delivery)."""
    lines = PayoutLine.objects.filter(
        case_id=case_id, reverses__isnull=True, reversed_by__isnull=True
    ).exclude(kind=Kind.REVERSAL)
    return [line_reverse(line_id=pk) for pk in lines.values_list("pk", flat=True)]


def follow_up_line_add(*, call) -> PayoutLine | None:
    """The reviewer's line for a follow-up call held (``call``, a
    ``consultation_calls.FollowUpCall``); a second call adds none."""
    if call.reviewer_id is None or call.held_at is None:
        return None
    existing = PayoutLine.objects.filter(follow_up_call=call, kind=Kind.FOLLOW_UP)
    if existing.exists():
        return existing.first()
    try:
        with transaction.atomic():
            return PayoutLine.objects.create(
                reviewer_id=call.reviewer_id,
                case_id=call.case_id,
                follow_up_call=call,
                case_reference=call.case.reference,
                kind=Kind.FOLLOW_UP,
                amount=settings.CONSULT_REVIEWER_FOLLOW_UP_FEE,
                currency=settings.CONSULT_PAYOUT_CURRENCY,
                earned_on=utc_date(call.held_at),
                transfer_group=transfer_group(call.case.reference),
            )
    except IntegrityError:  # two workers at once: the other one added it
        return PayoutLine.objects.get(follow_up_call=call, kind=Kind.FOLLOW_UP)
