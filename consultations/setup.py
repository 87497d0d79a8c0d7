"""The consultations app's schedules, kept in code and applied by ``migrate``.
Idempotent."""

from datetime import time

from community.schedules import ensure_daily, ensure_every

SCHEDULE_CLOCKS = "consultations: clocks"
SCHEDULE_RETENTION = "consultations: retention"


def ensure_schedules() -> None:
    ensure_every(
        name=SCHEDULE_CLOCKS, func="consultations.tasks.sweep_clocks", minutes=5
    )
    ensure_daily(
        name=SCHEDULE_RETENTION,
        func="consultations.tasks.purge_expired_case_material",
        at=time(4, 30),
    )
