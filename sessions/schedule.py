"""The director's schedule rule turned into session start times.

A rule says "the 2nd and 4th Thursday, 12:00 in Los Angeles": the wall-clock time
stays 12:00 there all year, so its UTC time changes with daylight saving. Dates
are worked out in the rule's own time zone and only the result is converted to
UTC, which is how every time is stored.
"""

import calendar
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from sessions.models import ScheduleRule


def local_to_utc(day: date, at: time, time_zone: ZoneInfo) -> datetime:
    """``day`` at wall-clock ``at`` in ``time_zone``, as a UTC datetime.

    On the night the clocks go back the time happens twice: the first one counts
    (fold=0). On the night they go forward it does not happen at all: with fold=0
    zoneinfo applies the offset from before the change, which lands the same
    distance after the gap (02:30 becomes 03:30), i.e. the session moves forward.
    """
    local = datetime.combine(day, at.replace(tzinfo=None), tzinfo=time_zone)
    return local.replace(fold=0).astimezone(UTC)


def nth_weekday(year: int, month: int, weekday: int, n: int) -> date | None:
    """The ``n``th ``weekday`` (0 = Monday) of the month, or None if there is none."""
    first_weekday, days_in_month = calendar.monthrange(year, month)
    day = 1 + (weekday - first_weekday) % 7 + 7 * (n - 1)
    return date(year, month, day) if day <= days_in_month else None


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later, or the month's last day if it is shorter."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def occurrences(rule: ScheduleRule, *, start: date, end: date) -> list[datetime]:
    """UTC starts of the rule's sessions whose local date is in [start, end].

    A week number with no such weekday in a month (a 5th Thursday in a month with
    four) is skipped for that month.
    """
    time_zone = ZoneInfo(rule.time_zone)
    weeks = rule.week_numbers()
    starts = []
    year, month = start.year, start.month
    while (year, month) <= (end.year, end.month):
        for n in weeks:
            day = nth_weekday(year, month, rule.weekday, n)
            if day is not None and start <= day <= end:
                starts.append(local_to_utc(day, rule.local_time, time_zone))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return sorted(starts)
