"""The one periodic sweep of the consultation clocks (django-q2, every few
minutes): lapse offers whose window has passed (re-offering or escalating),
escalate overdue reports, and send the reminders.

Idempotent and safe with two workers: an expiry or escalation happens under
the case's row lock and only from the state that calls for it; each reminder
is claimed once by its TimerNotice key (unique) in the transaction that queues
its email. A sweep that was down catches up: everything past its deadline is
expired or escalated, and of the reminders that fell due meanwhile only the
latest still useful one is sent (the earlier ones are claimed unsent).
"""

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone

from consultations import clocks, emails, states
from consultations.models import Case, Offer, TimerNotice
from consultations.services.common import locked_case
from consultations.services.offers import offer_expire


@dataclass(frozen=True)
class Reminder:
    key: str
    kind: str
    user: object
    case: Case
    deadline: object
    url: str | None = None


def _claim(key: str, case: Case) -> bool:
    try:
        with transaction.atomic():
            TimerNotice.objects.create(key=key, case=case)
    except IntegrityError:
        return False
    return True


def send_once(reminder: Reminder, *, skipped: list[Reminder]) -> bool:
    with transaction.atomic():
        if not _claim(reminder.key, reminder.case):
            return False
        for earlier in skipped:
            _claim(earlier.key, earlier.case)
        emails.notify(
            kind=reminder.kind,
            user=reminder.user,
            case=reminder.case,
            url=reminder.url,
            deadline=reminder.deadline,
        )
    return True


def _stamp(moment) -> int:
    return int(moment.timestamp())


def offer_reminders(now) -> list[tuple[Reminder, list[Reminder]]]:
    due = []
    offers = Offer.objects.filter(
        status=Offer.Status.PENDING, accept_by__gt=now
    ).select_related("case", "consultant")
    for offer in offers:
        half = offer.offered_at + (offer.accept_by - offer.offered_at) / 2
        late = offer.accept_by - clocks.accept_reminder_lead()
        common = {
            "user": offer.consultant,
            "case": offer.case,
            "deadline": offer.accept_by,
            "url": emails.offers_url(),
        }
        first = Reminder(key=f"offer-half:{offer.pk}", kind="offer_reminder", **common)
        second = Reminder(key=f"offer-late:{offer.pk}", kind="offer_reminder", **common)
        if now >= late and late > offer.offered_at:
            due.append((second, [first]))
        elif now >= half:
            due.append((first, []))
    return due


def delivery_reminders(now) -> list[tuple[Reminder, list[Reminder]]]:
    due = []
    cases = Case.objects.filter(
        status__in=states.WITH_REVIEWER, due_at__gt=now, lead_reviewer__isnull=False
    ).select_related("lead_reviewer")
    for case in cases:
        half = case.accepted_at + (case.due_at - case.accepted_at) / 2
        late = case.due_at - clocks.deliver_reminder_lead()
        # The due time is part of the key: a new due time (reassignment, more
        # time from the director) gets its own reminders.
        stamp = f"{case.pk}:{case.lead_reviewer_id}:{_stamp(case.due_at)}"
        common = {"user": case.lead_reviewer, "case": case, "deadline": case.due_at}
        first = Reminder(key=f"due-half:{stamp}", kind="due_reminder", **common)
        second = Reminder(key=f"due-late:{stamp}", kind="due_reminder", **common)
        if now >= late and late > case.accepted_at:
            due.append((second, [first]))
        elif now >= half:
            due.append((first, []))
    return due


def unclaimed(due):
    keys = [reminder.key for reminder, _ in due]
    taken = set(TimerNotice.objects.filter(key__in=keys).values_list("key", flat=True))
    return [(r, skipped) for r, skipped in due if r.key not in taken]


def escalate_overdue(now) -> int:
    escalated = 0
    overdue = Case.objects.filter(status__in=states.WITH_REVIEWER, due_at__lte=now)
    for case_id in overdue.values_list("pk", flat=True):
        with transaction.atomic():
            case = locked_case(case_id)
            if case.status not in states.WITH_REVIEWER or case.due_at > now:
                continue
            case.escalation = Case.Escalation.OVERDUE
            case.save(update_fields=["escalation", "updated_at"])
            states.transition(case, "escalate")
            emails.notify_directors(kind="escalated", case=case)
            if case.lead_reviewer_id:
                emails.notify(kind="overdue", user=case.lead_reviewer, case=case)
            escalated += 1
    return escalated


def sweep(*, now=None) -> dict[str, int]:
    """Run every clock once; returns what it did, for the task's log."""
    now = now or timezone.now()
    lapsed = sum(
        offer_expire(offer_id=pk, now=now)
        for pk in Offer.objects.filter(
            status=Offer.Status.PENDING, accept_by__lte=now
        ).values_list("pk", flat=True)
    )
    overdue = escalate_overdue(now)
    reminders = sum(
        send_once(reminder, skipped=skipped)
        for reminder, skipped in unclaimed(
            offer_reminders(now) + delivery_reminders(now)
        )
    )
    return {"lapsed": lapsed, "overdue": overdue, "reminders": reminders}
