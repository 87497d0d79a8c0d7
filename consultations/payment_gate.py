"""The one place where payment gates triage.

A request goes to the director's triage only when its fee is settled: waived by
the director, or settled by a payment app (``consultation_billing``: paid by
card, or an invoice sent or paid, as its settings say). Consultations knows no
payment app: one registers through the ``consultation_payment_step`` Wagtail
hook a function ``(case) -> URL or None``, the page where the therapist chooses
who pays. Without one, a sent request waits for the director's waiver.

"Pay to send": when the therapist sends a request whose fee is not settled and
a payment step exists, the request stays a draft, marked ``awaiting_payment``,
and the therapist goes to that step. The payment app then calls
``send_paid`` (the card payment or invoice is done) or ``send_unpaid`` (sent
as it is: the director is asked to waive, or an invoice is out and triage waits
for its payment). Nothing else moves a case from SUBMITTED to TRIAGE.
"""

from django.db import transaction
from django.utils import timezone
from wagtail import hooks

from consultations import emails, states
from consultations.models import Case
from consultations.services.common import locked_case

PAYMENT_STEP_HOOK = "consultation_payment_step"


def fee_settled(case: Case) -> bool:
    return case.fee_waived or bool(case.fee_settlement)


def payment_step_url(case: Case) -> str | None:
    """Where the therapist chooses who pays, if a payment app asks for it."""
    if fee_settled(case) or case.waiver_requested:
        return None
    for hook in hooks.get_hooks(PAYMENT_STEP_HOOK):
        url = hook(case)
        if url:
            return url
    return None


def release_if_settled(case: Case, *, actor=None) -> bool:
    """Send the (locked) case on to triage if it waits for nothing else."""
    if case.status == Case.Status.SUBMITTED and fee_settled(case):
        states.transition(case, "release_to_triage", actor=actor)
        return True
    return False


def send(case: Case, *, actor) -> None:
    """The (locked, checked) request goes: submitted, the director told, and on
    to triage if its fee is settled."""
    resent = case.status == Case.Status.RETURNED
    case.awaiting_payment = False
    case.submitted_at = timezone.now()
    case.save(update_fields=["awaiting_payment", "submitted_at", "updated_at"])
    states.transition(case, "submit", actor=actor)
    release_if_settled(case, actor=actor)
    emails.notify_directors(
        kind="request_resubmitted" if resent else "new_request", case=case
    )


@transaction.atomic
def settle(*, case_id: int, how: str, actor=None) -> Case:
    """The fee is settled (``Case.FeeSettlement``): a request held for payment
    is sent, a sent one goes on to triage. Idempotent: settling twice, or a
    case that has moved on, changes nothing more."""
    case = locked_case(case_id)
    if not case.fee_settlement:
        case.fee_settlement = how
        case.save(update_fields=["fee_settlement", "updated_at"])
    if case.awaiting_payment and states.allowed("submit", case.status):
        send(case, actor=actor)
    else:
        release_if_settled(case, actor=actor)
    return case


@transaction.atomic
def send_unpaid(*, case_id: int, actor, waiver_requested: bool = False) -> Case:
    """Send a request held for payment as it is: it waits in SUBMITTED for the
    director's waiver (``waiver_requested``) or for an invoice to be paid."""
    case = locked_case(case_id)
    if not (case.awaiting_payment and states.allowed("submit", case.status)):
        return case
    if waiver_requested:
        case.waiver_requested = True
        case.save(update_fields=["waiver_requested", "updated_at"])
    send(case, actor=actor)
    return case
