"""The director's schedule rule turned into session start times.

A rule says "the 2nd and 4th Thursday, 12:00 in Los Angeles": the wall-clock time
stays 12:00 there all year, so its UTC time changes with daylight saving. Dates
are worked out by dateutil's rrule on naive local dates in the rule's own time
zone, and only the result is converted to UTC, which is how every time is stored.
"""

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from dateutil.relativedelta import relativedelta
from dateutil.rrule import MONTHLY, rrule, weekday

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


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later, or the month's last day if it is shorter."""
    return day + relativedelta(months=months)


def occurrences(rule: ScheduleRule, *, start: date, end: date) -> list[datetime]:
    """UTC starts of the rule's sessions whose local date is in [start, end].

    A week number with no such weekday in a month (a 5th Thursday in a month with
    four) is skipped for that month, as rrule does.
    """
    time_zone = ZoneInfo(rule.time_zone)
    days = rrule(
        MONTHLY,
        byweekday=[weekday(rule.weekday, n) for n in rule.week_numbers()],
        dtstart=datetime.combine(start, time()),
        until=datetime.combine(end, time()),
    )
    return [local_to_utc(day.date(), rule.local_time, time_zone) for day in days]
