"""A fresh install ships the director's usual rule (2nd and 4th Thursday, 12:00
Los Angeles) once, so there is always a next session; never over her own."""

import importlib
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from sessions import setup
from sessions.models import CoachingSession, ScheduleRule
from sessions.selectors import next_session
from sessions.services.schedule import sessions_top_up
from tests.community import factories

pytestmark = pytest.mark.django_db

MIGRATION = "0005_default_schedule_rule"
default_rule = importlib.import_module(f"sessions.migrations.{MIGRATION}")
LOS_ANGELES = ZoneInfo("America/Los_Angeles")
NEW_YEAR = datetime(2027, 1, 1, 9, 0, tzinfo=UTC)


def test_a_fresh_install_gets_the_second_and_fourth_thursday_at_noon():
    assert default_rule.add_default_rule(ScheduleRule) is True
    rule = ScheduleRule.objects.get()
    assert (rule.weekday, rule.weeks_of_month) == (ScheduleRule.Weekday.THURSDAY, "2,4")
    assert rule.time_zone == "America/Los_Angeles" and rule.active
    assert rule.meeting_url == ""  # the director pastes the link in /cms/

    assert sessions_top_up(now=NEW_YEAR) == 6
    starts = [
        s.starts_at.astimezone(LOS_ANGELES)
        for s in CoachingSession.objects.order_by("starts_at")
    ]
    assert [s.day for s in starts] == [14, 28, 11, 25, 11, 25]
    assert {(s.weekday(), s.hour, s.minute) for s in starts} == {(3, 12, 0)}


def test_the_default_rule_is_never_added_over_the_directors_rule():
    own = ScheduleRule.objects.create(
        weekday=ScheduleRule.Weekday.TUESDAY,
        weeks_of_month="1",
        local_time="18:00",
        meeting_url="https://meet.example.org/own",
    )
    assert default_rule.add_default_rule(ScheduleRule) is False
    assert list(ScheduleRule.objects.all()) == [own]
    own.refresh_from_db()
    assert own.weekday == ScheduleRule.Weekday.TUESDAY


def test_adding_it_twice_leaves_one_rule():
    default_rule.add_default_rule(ScheduleRule)
    default_rule.add_default_rule(ScheduleRule)
    assert ScheduleRule.objects.count() == 1


def test_a_deleted_rule_is_not_brought_back_by_migrate():
    default_rule.add_default_rule(ScheduleRule)
    ScheduleRule.objects.all().delete()
    # The migration is recorded as applied: another `migrate` does not run it...
    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(
        executor.loader.graph.leaf_nodes("coaching_sessions")
    )
    assert plan == []
    # ...and the setup `migrate` runs every time creates no rule of its own.
    setup.ensure_next_sessions()
    assert not ScheduleRule.objects.exists()
    assert not CoachingSession.objects.exists()


def test_migrate_creates_the_sessions_at_once_and_members_see_the_next_one(client):
    default_rule.add_default_rule(ScheduleRule)
    member = factories.member()
    with time_machine.travel(NEW_YEAR, tick=False):
        setup.ensure_next_sessions()
        setup.ensure_next_sessions()  # idempotent, like the daily top-up
        assert CoachingSession.objects.count() == 6
        upcoming = next_session(user=member)
        assert upcoming.starts_at == datetime(2027, 1, 14, 20, 0, tzinfo=UTC)
        assert upcoming.question_window.is_open
        client.force_login(member)
        html = client.get("/").text
    assert "Send a question" in html
    assert f"/sessions/{upcoming.pk}/" in html


def test_the_director_edits_the_default_rule_in_the_cms(client):
    default_rule.add_default_rule(ScheduleRule)
    rule = ScheduleRule.objects.get()
    client.force_login(factories.director())
    edit = f"/cms/coaching/schedule/edit/{rule.pk}/"
    assert client.get(edit).status_code == 200
    assert client.get("/cms/coaching/schedule/").status_code == 200
    client.force_login(factories.member())
    assert client.get(edit).status_code in (302, 403)
