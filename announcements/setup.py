"""The announcements app's schedule, kept in code and applied by ``migrate``.

The weekly digest runs daily: sending is once per person per ISO week, so
every run after the first in a week sends nothing, and a missed run is caught
up the next day."""

from datetime import time

from community.schedules import ensure_daily

SCHEDULE_VIDEOS = "announcements: weekly video digest"


def ensure_schedules() -> None:
    ensure_daily(
        name=SCHEDULE_VIDEOS,
        func="announcements.tasks.send_video_digest",
        at=time(8, 0),
    )
