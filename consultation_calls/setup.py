"""The calls app's schedule, kept in code and applied by ``migrate``. Idempotent."""

from community.schedules import ensure_every

SCHEDULE_SWEEP = "consultation calls: reminders and held calls"


def ensure_schedules() -> None:
    ensure_every(name=SCHEDULE_SWEEP, func="consultation_calls.tasks.sweep", minutes=5)
