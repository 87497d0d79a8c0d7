"""The django-q2 schedules for coaching sessions, kept in code and applied by
``migrate``. Idempotent: a schedule is found by its name and never duplicated."""

from datetime import time

from community.schedules import ensure_daily, ensure_every

SCHEDULE_TOP_UP = "sessions: top up schedule"
SCHEDULE_REMINDERS = "sessions: reminders"


def ensure_schedules() -> None:
    """Keep the next months of sessions created, and send reminders when due."""
    ensure_daily(
        name=SCHEDULE_TOP_UP, func="sessions.tasks.top_up_sessions", at=time(5, 0)
    )
    ensure_every(
        name=SCHEDULE_REMINDERS, func="sessions.tasks.send_reminders", minutes=5
    )
