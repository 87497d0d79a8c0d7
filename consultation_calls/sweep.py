"""The calls' periodic sweep (django-q2, every 5 minutes): reminders a day and
an hour before each booked call, to both sides; a booked call whose end has
passed is held (and the reviewer's payout line added); a chosen time that came
unpaid cancels its call.

Idempotent and safe with two workers: every change is made under the call's
row lock and only from the state that calls for it, and each reminder is
claimed once (the consultations' ``TimerNotice``, the same mechanism as their
deadline reminders). A sweep that was down sends only the latest reminder
still useful (the hour's, not the day's as well).
"""

from datetime import timedelta

from django.utils import timezone

from consultation_calls import services
from consultation_calls.models import FollowUpCall
from consultations.timers import Reminder, send_once, unclaimed

Status = FollowUpCall.Status
DAY_BEFORE = timedelta(days=1)
HOUR_BEFORE = timedelta(hours=1)


def reminders(now) -> list[tuple[Reminder, list[Reminder]]]:
    due = []
    calls = FollowUpCall.objects.filter(
        status=Status.BOOKED, starts_at__gt=now, starts_at__lte=now + DAY_BEFORE
    ).select_related("case__requester", "reviewer")
    for call in calls:
        # The start is part of the key: a call booked again later gets its own.
        stamp = f"{call.pk}:{int(call.starts_at.timestamp())}"
        for person in (call.case.requester, call.reviewer):
            if person is None:
                continue
            common = {
                "kind": "follow_up_reminder",
                "user": person,
                "case": call.case,
                "deadline": call.starts_at,
                "url": services.join_url(call),
            }
            day = Reminder(key=f"call-day:{stamp}:{person.pk}", **common)
            hour = Reminder(key=f"call-hour:{stamp}:{person.pk}", **common)
            # A call booked after a mark gets no reminder for it: the
            # booking email has just said when it is.
            hour_mark = call.starts_at - HOUR_BEFORE
            if now >= hour_mark and call.booked_at < hour_mark:
                due.append((hour, [day]))
            elif now < hour_mark and call.booked_at < call.starts_at - DAY_BEFORE:
                due.append((day, []))
    return due


def sweep(*, now=None) -> dict[str, int]:
    now = now or timezone.now()
    sent = sum(
        send_once(reminder, skipped=skipped)
        for reminder, skipped in unclaimed(reminders(now))
    )
    held = sum(
        services.call_mark_held(call_id=pk, now=now)
        for pk in FollowUpCall.objects.filter(
            status=Status.BOOKED, starts_at__lte=now
        ).values_list("pk", flat=True)
    )
    lapsed = sum(
        services.call_lapse_unpaid(call_id=pk, now=now)
        for pk in FollowUpCall.objects.filter(
            status=Status.AWAITING_PAYMENT, starts_at__lte=now
        ).values_list("pk", flat=True)
    )
    return {"reminders": sent, "held": held, "lapsed": lapsed}
