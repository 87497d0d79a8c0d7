"""The director's schedule rule: which dates it gives, what they are in UTC across
daylight-saving changes, and the daily top-up that creates the sessions."""

from datetime import UTC, date, datetime, time, timedelta

import pytest
import time_machine
from django.utils import timezone
from django_q.models import Schedule

from sessions import tasks
from sessions.models import CoachingSession, ScheduleRule
from sessions.schedule import add_months, occurrences
from sessions.services import schedule as services
from sessions.setup import SCHEDULE_TOP_UP, ensure_schedules
from tests.community import factories

pytestmark = pytest.mark.django_db

MEETING_URL = "https://meet.example.org/coaching"
# A Friday; Los Angeles is on standard time (UTC-8) until Sunday 14 March 2027.
NEW_YEAR_2027 = datetime(2027, 1, 1, 17, 0, tzinfo=UTC)


def utc(*args) -> datetime:
    return datetime(*args, tzinfo=UTC)


def move(session, *, starts_at, moderator) -> None:
    """The director's edit form with only the start changed."""
    services.session_update(
        session=session,
        moderator=moderator,
        title=session.title,
        topic=session.topic,
        duration_minutes=session.duration_minutes,
        meeting_url=session.meeting_url,
        recording_url=session.recording_url,
        notes=session.notes,
        starts_at=starts_at,
    )


def make_rule(*, save: bool = True, **fields) -> ScheduleRule:
    values = {
        "weekday": ScheduleRule.Weekday.THURSDAY,
        "weeks_of_month": "2,4",
        "local_time": time(12, 0),
        "time_zone": "America/Los_Angeles",
        "meeting_url": MEETING_URL,
        **fields,
    }
    rule = ScheduleRule(**values)
    if save:
        rule.full_clean()
        rule.save()
    return rule


@pytest.fixture
def new_year():
    with time_machine.travel(NEW_YEAR_2027, tick=False):
        yield NEW_YEAR_2027


# The rule across months ------------------------------------------------------------


def test_second_and_fourth_thursday_from_january_to_april_2027():
    rule = make_rule(save=False)
    starts = occurrences(rule, start=date(2027, 1, 1), end=date(2027, 4, 30))
    assert [s.date() for s in starts] == [
        date(2027, 1, 14),
        date(2027, 1, 28),
        date(2027, 2, 11),
        date(2027, 2, 25),
        date(2027, 3, 11),
        date(2027, 3, 25),
        date(2027, 4, 8),
        date(2027, 4, 22),
    ]


def test_a_fifth_weekday_is_used_in_the_months_that_have_one_and_skipped_elsewhere():
    # April 2027 starts on a Thursday and has five; January to March have four.
    rule = make_rule(save=False, weeks_of_month="1,5")
    starts = occurrences(rule, start=date(2027, 1, 1), end=date(2027, 4, 30))
    assert [s.date() for s in starts] == [
        date(2027, 1, 7),
        date(2027, 2, 4),
        date(2027, 3, 4),
        date(2027, 4, 1),
        date(2027, 4, 29),
    ]
    only_fifth = make_rule(save=False, weeks_of_month="5")
    assert [
        s.date()
        for s in occurrences(only_fifth, start=date(2027, 1, 1), end=date(2027, 4, 30))
    ] == [date(2027, 4, 29)]


def test_only_dates_inside_the_range_count_even_within_a_month():
    rule = make_rule(save=False)
    starts = occurrences(rule, start=date(2027, 1, 15), end=date(2027, 2, 11))
    assert [s.date() for s in starts] == [date(2027, 1, 28), date(2027, 2, 11)]


def test_the_local_date_decides_not_the_utc_date():
    # 20:00 in Los Angeles on Thursday 14 January is already Friday in UTC.
    rule = make_rule(save=False, local_time=time(20, 0))
    starts = occurrences(rule, start=date(2027, 1, 14), end=date(2027, 1, 14))
    assert starts == [utc(2027, 1, 15, 4, 0)]


def test_week_numbers_outside_one_to_five_are_refused():
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        make_rule(weeks_of_month="2,6")
    with pytest.raises(ValidationError):
        make_rule(weeks_of_month="second")
    assert not ScheduleRule.objects.exists()


def test_add_months_keeps_the_day_or_takes_the_last_one():
    assert add_months(date(2027, 1, 15), 3) == date(2027, 4, 15)
    assert add_months(date(2026, 11, 30), 3) == date(2027, 2, 28)
    assert add_months(date(2027, 12, 1), 1) == date(2028, 1, 1)


# Daylight saving -------------------------------------------------------------------


def test_noon_in_los_angeles_is_20_utc_in_winter_and_19_utc_after_the_march_change():
    rule = make_rule(save=False)
    starts = occurrences(rule, start=date(2027, 3, 1), end=date(2027, 3, 31))
    # The clocks go forward on Sunday 14 March 2027.
    assert starts == [utc(2027, 3, 11, 20, 0), utc(2027, 3, 25, 19, 0)]


def test_a_local_time_inside_the_spring_gap_moves_forward():
    # 02:30 does not exist on 14 March 2027 in Los Angeles: it becomes 03:30 PDT.
    rule = make_rule(
        save=False,
        weekday=ScheduleRule.Weekday.SUNDAY,
        weeks_of_month="2",
        local_time=time(2, 30),
    )
    (start,) = occurrences(rule, start=date(2027, 3, 1), end=date(2027, 3, 31))
    assert start == utc(2027, 3, 14, 10, 30)
    local = start.astimezone(timezone.get_fixed_timezone(-7 * 60))
    assert (local.hour, local.minute) == (3, 30)


def test_an_ambiguous_local_time_in_autumn_takes_the_first_one():
    # 01:30 happens twice on 7 November 2027: first in PDT (UTC-7), then in PST.
    rule = make_rule(
        save=False,
        weekday=ScheduleRule.Weekday.SUNDAY,
        weeks_of_month="1",
        local_time=time(1, 30),
    )
    (start,) = occurrences(rule, start=date(2027, 11, 1), end=date(2027, 11, 30))
    assert start == utc(2027, 11, 7, 8, 30)


def test_top_up_sessions_follow_the_clock_change_and_keep_a_48_hour_cutoff(new_year):
    make_rule(months_ahead=3)
    services.sessions_top_up()
    march = CoachingSession.objects.filter(starts_at__month=3)
    assert [(s.starts_at, s.questions_close_at) for s in march] == [
        (utc(2027, 3, 11, 20, 0), utc(2027, 3, 9, 20, 0)),
        (utc(2027, 3, 25, 19, 0), utc(2027, 3, 23, 19, 0)),
    ]


def test_the_cutoff_is_48_real_hours_even_across_the_change():
    # Monday 15 March 2027, 12:00 PDT; 48 hours earlier is Saturday 11:00 PST.
    rule = make_rule(weekday=ScheduleRule.Weekday.MONDAY, weeks_of_month="3")
    with time_machine.travel(utc(2027, 3, 1, 12, 0), tick=False):
        services.sessions_top_up()
    session = CoachingSession.objects.get(rule=rule, starts_at__month=3)
    assert session.starts_at == utc(2027, 3, 15, 19, 0)
    assert session.questions_close_at == utc(2027, 3, 13, 19, 0)
    assert session.starts_at - session.questions_close_at == timedelta(hours=48)
    with time_machine.travel(session.questions_close_at - timedelta(seconds=1)):
        assert session.accepts_questions(timezone.now())
    with time_machine.travel(session.questions_close_at):
        assert not session.accepts_questions(timezone.now())


# The top-up ------------------------------------------------------------------------


def test_top_up_creates_the_next_three_months_from_the_rule(new_year):
    rule = make_rule(title="Thursday coaching", duration_minutes=75, cutoff_hours=24)
    assert services.sessions_top_up() == 6  # 14 January to 25 March
    sessions = list(CoachingSession.objects.order_by("starts_at"))
    assert [s.starts_at.date() for s in sessions] == [
        date(2027, 1, 14),
        date(2027, 1, 28),
        date(2027, 2, 11),
        date(2027, 2, 25),
        date(2027, 3, 11),
        date(2027, 3, 25),
    ]
    first = sessions[0]
    assert first.rule == rule
    assert first.title == "Thursday coaching"
    assert first.duration_minutes == 75
    # The rule's link is the default, not a copy: a new one on the rule reaches it.
    assert first.meeting_url == ""
    assert first.effective_meeting_url == MEETING_URL
    assert first.status == CoachingSession.Status.SCHEDULED
    assert first.questions_close_at == first.starts_at - timedelta(hours=24)


def test_top_up_twice_creates_nothing_the_second_time(new_year):
    make_rule()
    assert services.sessions_top_up() == 6
    assert services.sessions_top_up() == 0
    assert CoachingSession.objects.count() == 6


def test_top_up_later_adds_only_the_new_months(new_year):
    make_rule()
    services.sessions_top_up()
    with time_machine.travel(utc(2027, 2, 1, 17, 0), tick=False):
        assert services.sessions_top_up() == 2  # 8 and 22 April
    assert CoachingSession.objects.count() == 8


def test_top_up_never_creates_a_session_in_the_past():
    make_rule()
    # A minute after 12:00 in Los Angeles on 14 January: that session has begun.
    with time_machine.travel(utc(2027, 1, 14, 20, 1), tick=False):
        services.sessions_top_up()
    first = CoachingSession.objects.order_by("starts_at").first()
    assert first.starts_at == utc(2027, 1, 28, 20, 0)
    assert not CoachingSession.objects.filter(starts_at__lte=utc(2027, 1, 14, 20, 1))


def test_top_up_still_creates_a_session_later_today():
    make_rule()
    with time_machine.travel(utc(2027, 1, 14, 19, 59), tick=False):
        services.sessions_top_up()
    assert CoachingSession.objects.filter(starts_at=utc(2027, 1, 14, 20, 0)).exists()


def test_an_inactive_rule_creates_nothing(new_year):
    make_rule(active=False)
    assert services.sessions_top_up() == 0
    assert not CoachingSession.objects.exists()


def test_top_up_that_loses_every_race_skips_the_rows_and_does_not_crash(
    new_year, monkeypatch
):
    """Two workers at once: the second saw no rows, then finds them taken."""
    make_rule()
    assert services.sessions_top_up() == 6
    monkeypatch.setattr(services, "_existing_sessions", lambda **kwargs: {})
    assert services.sessions_top_up() == 0
    assert CoachingSession.objects.count() == 6


def test_top_up_does_not_bring_back_a_moved_or_cancelled_session(new_year, director):
    make_rule()
    services.sessions_top_up()
    first, second = CoachingSession.objects.order_by("starts_at")[:2]
    move(first, starts_at=first.starts_at + timedelta(days=1), moderator=director)
    services.session_cancel(session=second, moderator=director)
    assert services.sessions_top_up() == 0
    assert CoachingSession.objects.count() == 6


def test_a_session_moved_towards_a_slot_from_before_the_rule_keeps_its_own_slot(
    director,
):
    # The rule starts on 15 January: its first session is 28 January, and the
    # 14 January slot never had one. Moved to 20 January, the session is nearer
    # to 14 January, but it can only have come from a slot after its creation.
    make_rule()
    with time_machine.travel(utc(2027, 1, 15, 17, 0), tick=False):
        services.sessions_top_up()
        first = CoachingSession.objects.order_by("starts_at").first()
        assert first.starts_at == utc(2027, 1, 28, 20, 0)
        move(first, starts_at=utc(2027, 1, 20, 20, 0), moderator=director)
        assert services.sessions_top_up() == 0
    assert not CoachingSession.objects.filter(starts_at=utc(2027, 1, 28, 20, 0))


def test_a_rule_moved_to_another_day_does_not_double_the_planned_sessions(
    new_year,
):
    rule = make_rule()
    services.sessions_top_up()
    rule.weekday = ScheduleRule.Weekday.WEDNESDAY
    rule.save()
    assert services.sessions_top_up() == 0
    with time_machine.travel(utc(2027, 2, 1, 17, 0), tick=False):
        services.sessions_top_up()
    april = CoachingSession.objects.filter(starts_at__month=4)
    assert [s.starts_at.date() for s in april] == [
        date(2027, 4, 14),
        date(2027, 4, 28),
    ]


def test_one_off_sessions_do_not_take_a_rule_slot(new_year, director):
    services.session_create(
        moderator=director,
        title="Special",
        starts_at=utc(2027, 1, 14, 20, 0),
        meeting_url=MEETING_URL,
    )
    make_rule()
    assert services.sessions_top_up() == 6


# The schedule that runs it ---------------------------------------------------------


def test_the_daily_schedule_exists_once_and_calls_the_task(db):
    ensure_schedules()
    ensure_schedules()
    schedule = Schedule.objects.get(name=SCHEDULE_TOP_UP)
    assert schedule.func == "sessions.tasks.top_up_sessions"
    assert schedule.schedule_type == Schedule.DAILY
    assert Schedule.objects.filter(name=SCHEDULE_TOP_UP).count() == 1


def test_the_task_tops_up(new_year):
    make_rule()
    assert tasks.top_up_sessions() == 6


def test_a_member_cannot_move_or_create_sessions(new_year):
    from django.core.exceptions import PermissionDenied

    member = factories.member()
    with pytest.raises(PermissionDenied):
        services.session_create(
            moderator=member,
            title="Mine",
            starts_at=utc(2027, 2, 1, 12, 0),
            meeting_url=MEETING_URL,
        )
    assert not CoachingSession.objects.exists()
