"""What the session tools' listings show: times in the director's zone, the
schedule rule's next dates (a check that the rule reads as the director meant
it), the session columns and filters.
"""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import date_format
from django_filters import ChoiceFilter
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column

from sessions.models import CoachingSession, ScheduleRule
from sessions.schedule import occurrences

# A session in one of these keeps its time and cannot be cancelled again.
SETTLED_STATUSES = (CoachingSession.Status.CANCELLED, CoachingSession.Status.DONE)


def when(value) -> str:
    """A time in the active (the director's) time zone, with its abbreviation."""
    if value is None:
        return ""
    return date_format(timezone.localtime(value), "D j M Y, H:i T")


# The schedule rule -----------------------------------------------------------------


def next_dates(rule: ScheduleRule, *, count: int = 2) -> str:
    """The rule's next session times, for the listing: a check that the rule reads
    as the director meant it."""
    try:
        today = timezone.localdate()
        starts = occurrences(rule, start=today, end=today + timedelta(days=70))
    except ValidationError:
        return ""
    now = timezone.now()
    return "; ".join([when(start) for start in starts if start > now][:count])


def schedule_rule_columns() -> list:
    return [
        "title",
        Column("weekday", label="Weekday", accessor="get_weekday_display"),
        Column("weeks_of_month", label="Weeks of the month"),
        Column(
            "local_time",
            label="Local time",
            accessor=lambda r: f"{r.local_time:%H:%M} {r.time_zone}",
        ),
        Column("active", label="Active", accessor=lambda r: "Yes" if r.active else ""),
        Column("next", label="Next sessions", accessor=next_dates),
    ]


# Sessions --------------------------------------------------------------------------


class SessionFilterSet(WagtailFilterSet):
    when = ChoiceFilter(
        label="When",
        choices=[("upcoming", "Upcoming"), ("past", "Past")],
        method="filter_when",
        empty_label="Any time",
    )
    status = ChoiceFilter(
        choices=CoachingSession.Status.choices, empty_label="Any status"
    )

    class Meta:
        model = CoachingSession
        fields = ["when", "status"]

    def filter_when(self, queryset, name, value):
        now = timezone.now()
        if value == "upcoming":
            return queryset.filter(starts_at__gte=now)
        if value == "past":
            return queryset.filter(starts_at__lt=now)
        return queryset


def session_columns() -> list:
    return [
        "title",
        Column(
            "starts_at",
            label="Starts",
            accessor=lambda s: when(s.starts_at),
            sort_key="starts_at",
        ),
        Column(
            "questions_close_at",
            label="Questions close",
            accessor=lambda s: when(s.questions_close_at),
        ),
        Column("status", label="Status", accessor="get_status_display"),
        Column(
            "pending_questions",
            label="Pending questions",
            accessor="pending_questions",
            sort_key="pending_questions",
        ),
        Column(
            "origin",
            label="From",
            accessor=lambda s: "Schedule" if s.rule_id else "One-off",
        ),
    ]
