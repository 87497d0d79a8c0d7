"""Giving the fee back when a consultation ends without its report.

A request declined at triage, or cancelled before a reviewer took it on, is
refunded in full through Stripe's Refund API; one cancelled later (a reviewer
held it: accepted, in conference, drafting, or escalated from there) gets
``CONSULT_LATE_CANCEL_REFUND_PERCENT`` percent back. An invoice nobody has paid
yet is voided instead, and an unfinished card Checkout is expired.

``receivers.on_case_moved`` queues one django-q2 task per payment, with the
payment's id only; the task (``refund_tasks``) calls ``payment_refund``, never
the request. The share is worked out in the task from the case's audit trail
(the move that ended it, and the state it ended from), so nothing but an id
travels. Stripe is called without holding the row's lock; its idempotency key
(one per payment) makes a second run, or two workers at once, ask once. A
refund Stripe refuses is kept on the payment (``refund_error``, shown to
admins) and is not retried: the case keeps its state, and an admin refunds by
hand in Stripe, whose ``charge.refunded`` event then updates the payment.

A cancelled follow-up call's payment goes the same way
(``queue_follow_up_refunds``): the share was fixed on the call when it was
cancelled (in full when the reviewer cancelled).

Every Stripe request carries only the payment's id, the case reference and
amounts: nothing clinical.
"""

import logging

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_q.tasks import async_task

from consultation_billing.models import CasePayment
from consultation_billing.payments import locked_payment
from consultations.models import AuditEvent, Case
from consultations.states import WITH_REVIEWER
from memberships import stripe_api

logger = logging.getLogger(__name__)
Status = CasePayment.Status

REFUNDING_ACTIONS = frozenset({"decline", "cancel"})
# Cancelled from one of these: a reviewer had taken the case on.
LATE = WITH_REVIEWER | {Case.Status.ESCALATED}
# What a case's end does to a payment in each state.
# (An invoice whose payer's attempt failed is still payable on Stripe's page.)
ACTIONABLE = frozenset({Status.PAID, Status.OPEN, Status.PENDING, Status.FAILED})
UNPAID = (Status.OPEN, Status.PENDING, Status.FAILED)
TASK = "consultation_billing.refund_tasks.refund_payment"


WAIVED_TASK = "consultation_billing.refund_tasks.close_waived_payment"


def queue_waived_closing(*, case_id: int) -> list[int]:
    """The director waived the fee of a case with a payment still under way
    (an invoice out, a Checkout open): a task per payment voids or expires it,
    so that nobody pays what was waived."""
    return _queue_for_case(case_id, statuses=UNPAID, task=WAIVED_TASK)


def _queue_for_case(case_id: int, *, statuses, task: str) -> list[int]:
    """A task per consultation payment of the case in ``statuses``."""
    return _queue_each(
        CasePayment.objects.filter(
            case_id=case_id,
            purpose=CasePayment.Purpose.CONSULTATION,
            status__in=statuses,
        ),
        task=task,
    )


def _queue_each(payments, *, task: str) -> list[int]:
    payment_ids = list(payments.values_list("pk", flat=True))
    for payment_id in payment_ids:
        _queue(task, payment_id)
    return payment_ids


def _queue(task: str, payment_id: int) -> None:
    """Once the transaction commits; the payment's id is all the task gets."""
    transaction.on_commit(
        lambda: async_task(
            task,
            payment_id,
            task_name=f"{task.rpartition('.')[2]} {payment_id}",
            group="consultation-refunds",
        )
    )


def payment_close_waived(*, payment_id: int) -> str:
    """Void the unpaid invoice or expire the open Checkout of a waived case."""
    payment = CasePayment.objects.filter(pk=payment_id).first()
    if payment is None or payment.status not in UNPAID:
        return "nothing to do"
    if payment.stripe_invoice_id:
        return _void_invoice(payment)
    if payment.status == Status.PENDING:
        return _expire_checkout(payment)
    return "a failed card payment: nothing to close"


def refund_percent(*, action: str, from_status: str) -> int | None:
    """The share of the fee given back after ``action`` from ``from_status``;
    None for a move that refunds nothing."""
    if action == "decline":
        return 100
    if action == "cancel":
        if from_status in LATE:
            return settings.CONSULT_LATE_CANCEL_REFUND_PERCENT
        return 100
    return None


def queue_case_refunds(*, case_id: int, action: str, from_status: str) -> list[int]:
    """Queue a task per payment of the case that the move settles (ids only)."""
    if refund_percent(action=action, from_status=from_status) is None:
        return []
    return _queue_for_case(case_id, statuses=ACTIONABLE, task=TASK)


def queue_follow_up_refunds(*, call_id: int) -> list[int]:
    """A follow-up call was cancelled: a task per payment of it refunds the
    share fixed on the call (``FollowUpCall.refund_percent``), or expires the
    Checkout still open."""
    return _queue_each(
        CasePayment.objects.filter(
            follow_up_call_id=call_id,
            purpose=CasePayment.Purpose.FOLLOW_UP,
            status__in=ACTIONABLE,
        ),
        task=TASK,
    )


def queue_if_case_ended(*, payment_id: int) -> bool:
    """For a payment that became paid after what it paid for ended (an invoice
    paid late, a Checkout finished as the case or the call was cancelled): the
    same task refunds it. The payment handlers call this after ``payment_paid``."""
    payment = (
        CasePayment.objects.select_related("case", "follow_up_call")
        .filter(pk=payment_id)
        .first()
    )
    if payment is None or payment.status != Status.PAID:
        return False
    if refund_share(payment) is None:
        return False
    _queue(TASK, payment_id)
    return True


def refund_share(payment: CasePayment) -> int | None:
    """The percent of ``payment`` to give back, or None while what it paid
    for goes on: a consultation by the move that ended its case, a follow-up
    call by the share fixed when it was cancelled."""
    if payment.purpose == CasePayment.Purpose.FOLLOW_UP:
        call = payment.follow_up_call
        if call is None or call.cancelled_at is None:
            return None
        return call.refund_percent or 0
    if payment.case is None:
        return None
    ending = _ending(payment.case)
    if ending is None:
        return None
    action, from_status = ending
    return refund_percent(action=action, from_status=from_status)


def _ending(case: Case) -> tuple[str, str] | None:
    """The move that ended the case and the state it ended from."""
    end = (
        AuditEvent.objects.filter(
            case=case,
            action=AuditEvent.Action.TRANSITION,
            target__in=REFUNDING_ACTIONS,
            to_status=case.status,
        )
        .order_by("-pk")
        .values_list("target", "from_status")
        .first()
    )
    return tuple(end) if end else None


def amount_due(payment: CasePayment, percent: int) -> int:
    """What is still to give back so that ``percent`` of the fee is refunded."""
    share = (payment.amount * percent + 50) // 100
    return max(min(share, payment.amount) - payment.refunded_amount, 0)


def _refused(payment_id: int, what: str, exc: Exception) -> str:
    if isinstance(exc, stripe_api.StripeError):
        reason = exc.user_message or exc.code or type(exc).__name__
    else:
        reason = str(exc)
    message = f"Stripe refused to {what}: {reason}"[:300]
    with transaction.atomic():
        payment = locked_payment(payment_id)
        payment.refund_error = message
        payment.save(update_fields=["refund_error", "updated_at"])
    logger.warning(
        "consultation payment %s (%s): Stripe refused to %s",
        payment_id,
        payment.case_reference,
        what,
    )
    return message


def payment_refund(*, payment_id: int) -> str:
    """Refund, void or expire one payment of a declined or cancelled case (or
    a cancelled follow-up call). Returns a short note (ids and amounts only)
    for the task's log."""
    payment = (
        CasePayment.objects.select_related("case", "follow_up_call")
        .filter(pk=payment_id)
        .first()
    )
    if payment is None or payment.status not in ACTIONABLE:
        return "nothing to do"
    percent = refund_share(payment)
    if percent is None:
        return "the case has not ended"
    if payment.status == Status.OPEN or (
        payment.status == Status.FAILED and payment.stripe_invoice_id
    ):
        return _void_invoice(payment)
    if payment.status == Status.PENDING:
        return _expire_checkout(payment)
    if payment.status == Status.FAILED:
        return "a failed card payment: nothing to give back"
    return _refund(payment, amount_due(payment, percent))


def _refund(payment: CasePayment, amount: int) -> str:
    if amount <= 0:
        return "nothing to refund"
    target = (
        {"payment_intent": payment.stripe_payment_intent_id}
        if payment.stripe_payment_intent_id
        else {"charge": payment.stripe_charge_id}
    )
    if not any(target.values()):
        return _refused(
            payment.pk, "refund", ValueError("no Stripe payment is recorded")
        )
    before = payment.refunded_amount
    try:
        refund = stripe_api.client().v1.refunds.create(
            params={
                **target,
                "amount": amount,
                "reason": "requested_by_customer",
                "metadata": {
                    "payment_id": str(payment.pk),
                    "case_reference": payment.case_reference,
                },
            },
            options={"idempotency_key": f"consultation-refund-{payment.pk}"},
        )
    except stripe_api.StripeError as exc:
        return _refused(payment.pk, "refund", exc)
    if refund.status in ("failed", "canceled"):
        return _refused(payment.pk, "refund", ValueError(f"the refund {refund.status}"))
    refunded = payment_refunded(
        payment_id=payment.pk, refunded_total=before + refund.amount
    )
    logger.info(
        "consultation payment %s (%s): refund %s of %s asked",
        payment.pk,
        payment.case_reference,
        refund.id,
        refund.amount,
    )
    return f"refunded {refund.amount}: {refunded.status}"


def _void_invoice(payment: CasePayment) -> str:
    if not payment.stripe_invoice_id:
        return _mark(payment.pk, Status.VOID)
    try:
        stripe_api.client().v1.invoices.void_invoice(
            payment.stripe_invoice_id,
            options={"idempotency_key": f"consultation-void-{payment.pk}"},
        )
    except stripe_api.StripeError as exc:
        return _refused(payment.pk, "void the invoice", exc)
    return _mark(payment.pk, Status.VOID)


def _expire_checkout(payment: CasePayment) -> str:
    """A Checkout still open for a case that ended must not take money."""
    if payment.stripe_checkout_session_id:
        try:
            stripe_api.expire_checkout_session(payment.stripe_checkout_session_id)
        except stripe_api.StripeError as exc:
            return _refused(payment.pk, "expire the Checkout", exc)
    return _mark(payment.pk, Status.ABANDONED)


@transaction.atomic
def _mark(payment_id: int, status: str) -> str:
    payment = locked_payment(payment_id)
    if payment.status in UNPAID:
        payment.status = status
        payment.refund_error = ""
        payment.save(update_fields=["status", "refund_error", "updated_at"])
    return payment.status


@transaction.atomic
def payment_refunded(*, payment_id: int, refunded_total: int, refunded_at=None):
    """Stripe has given back ``refunded_total`` of this payment in all.

    Refunds only add up, so the larger total wins: a second delivery of the
    same news, or an older one arriving late, changes nothing."""
    payment = locked_payment(payment_id)
    total = min(max(payment.refunded_amount, refunded_total), payment.amount)
    if total == 0 or total == payment.refunded_amount:
        return payment
    payment.refunded_amount = total
    payment.refunded_at = refunded_at or timezone.now()
    payment.status = (
        Status.REFUNDED if total >= payment.amount else Status.PARTLY_REFUNDED
    )
    payment.refund_error = ""
    payment.save()
    return payment
