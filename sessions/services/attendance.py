"""Recording who went through a session's join page, and the director's
confirmation of who attended and for how long.

The join page is the only way to the meeting link, so its visits are the
attendance claim: one row per member and session (a unique constraint, so two
tabs opened at once still make one row), with the first and last join and a
count that grows by a database-side increment. Only the director's
confirmation gives a row its minutes, which is what the continuing-education
transcript lists; confirming again corrects it.
"""

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from community.time_zones import user_time_zone
from notifications.models import Kind
from notifications.services import notification_add
from sessions.models import Attendance, CoachingSession


def attendance_record(*, session: CoachingSession, user, now) -> Attendance:
    """Count one join of ``user`` to ``session`` at ``now``."""
    with transaction.atomic():
        updated = Attendance.objects.filter(session=session, user=user).update(
            last_joined_at=now, join_count=F("join_count") + 1
        )
        if not updated:
            try:
                with transaction.atomic():
                    return Attendance.objects.create(
                        session=session,
                        user=user,
                        first_joined_at=now,
                        last_joined_at=now,
                    )
            except IntegrityError:
                # The other tab created it a moment ago: count this join on it.
                Attendance.objects.filter(session=session, user=user).update(
                    last_joined_at=now, join_count=F("join_count") + 1
                )
    return Attendance.objects.get(session=session, user=user)


@dataclass(frozen=True)
class AttendanceMark:
    """The director's word on one person: attended for ``minutes``, or (None)
    did not attend."""

    user: object
    minutes: int | None


def attendance_confirm(
    *, session: CoachingSession, marks: list[AttendanceMark], confirmed_by, now=None
) -> list[Attendance]:
    """Save every mark in one transaction (one invalid mark saves none), and
    tell each member whose confirmed minutes are new or changed.

    A person without a row (who joined another way) gets one marked as added
    by the director. The session row is locked, so two confirmations at once
    run one after the other.
    """
    now = now or timezone.now()
    saved = []
    with transaction.atomic():
        session = CoachingSession.objects.select_for_update().get(pk=session.pk)
        rows = {
            row.user_id: row
            for row in Attendance.objects.select_for_update().filter(
                session=session, user__in=[mark.user for mark in marks]
            )
        }
        for mark in marks:
            row = rows.get(mark.user.pk)
            if row is None:
                if mark.minutes is None:
                    continue  # not a joiner, and not attending: nothing to keep
                row = Attendance(
                    session=session,
                    user=mark.user,
                    source=Attendance.Source.DIRECTOR,
                    join_count=0,
                )
            row.session = session
            changed = row.minutes != mark.minutes or row.confirmed_at is None
            row.minutes = mark.minutes
            row.confirmed_at = now
            row.confirmed_by = confirmed_by
            row.full_clean()
            row.save()
            if changed and row.minutes is not None:
                _tell(row, mark.user)
            saved.append(row)
        session.attendance_confirmed_at = now
        session.save(update_fields=["attendance_confirmed_at"])
    return saved


def _tell(row: Attendance, user) -> None:
    """A neutral entry: the session's date and the minutes, nothing else."""
    starts = timezone.localtime(row.session.starts_at, user_time_zone(user))
    minutes = row.minutes
    notification_add(
        user=user,
        kind=Kind.ATTENDANCE,
        title=f"Your attendance at the {date_format(starts, 'j F Y')} session "
        f"was confirmed: {minutes} minute{'s' if minutes != 1 else ''}",
        url=reverse("coaching_sessions:detail", args=[row.session_id]),
        key=f"attendance:{row.pk}:{minutes}",
    )
