"""The django-q2 schedules for coaching sessions, kept in code and applied by
``migrate``. Idempotent: a schedule is found by its name and never duplicated.

A new install's schedule rule comes from migration 0005 (once, only when no
rule exists); ``ensure_next_sessions`` then creates its sessions at once rather
than at the first daily run, so the dashboard has a next session from the start.
"""

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


def ensure_next_sessions() -> None:
    """The active rules' coming sessions; idempotent like the daily top-up."""
    from sessions.services.schedule import sessions_top_up

    sessions_top_up()
