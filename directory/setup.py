"""The directory's schedules (``community.schedules``)."""

from datetime import time


def ensure_schedules() -> None:
    from community.schedules import ensure_daily

    ensure_daily(
        name="directory: licence expiry notices",
        func="directory.tasks.licence_expiry_sweep",
        at=time(7, 0),
    )
