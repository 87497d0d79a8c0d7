"""Recording who went through a session's join page.

The join page is the only way to the meeting link, so its visits are the
attendance record: one row per member and session (a unique constraint, so two
tabs opened at once still make one row), with the first and last join and a
count that grows by a database-side increment.
"""

from django.db import IntegrityError, transaction
from django.db.models import F

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
