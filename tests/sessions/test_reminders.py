"""Reminders go out once each, in the member's time zone, and can be turned off."""

from datetime import timedelta

import pytest
import time_machine
from django.core import mail

from community.models import NotificationPreferences
from sessions.models import SentReminder
from sessions.reminders import send_due_reminders

pytestmark = pytest.mark.django_db


def subjects():
    return sorted(m.subject for m in mail.outbox)


def test_each_reminder_is_sent_once_even_when_the_task_runs_again(member, make_session):
    session = make_session(starts_in=timedelta(hours=30))
    with time_machine.travel(session.questions_close_at - timedelta(hours=23)):
        assert send_due_reminders() == 1
        assert send_due_reminders() == 0  # a second run (or a restart) sends nothing
    assert "close in 24 hours" in mail.outbox[0].subject
    with time_machine.travel(session.starts_at - timedelta(hours=23)):
        send_due_reminders()
    with time_machine.travel(session.starts_at - timedelta(minutes=50)):
        send_due_reminders()
        send_due_reminders()
    assert len(mail.outbox) == 3
    assert "starts in an hour" in mail.outbox[-1].subject
    assert f"http://testserver/sessions/{session.pk}/join/" in mail.outbox[-1].body
    assert session.meeting_url not in mail.outbox[-1].body
    assert SentReminder.objects.count() == 3


def test_reminders_show_the_members_own_time(member, make_session):
    from datetime import UTC, datetime

    starts = datetime(2031, 3, 6, 20, 0, tzinfo=UTC)
    member.time_zone = "Asia/Tokyo"
    member.save()
    with time_machine.travel(starts - timedelta(hours=20)):
        make_session(starts_in=timedelta(hours=20))
        send_due_reminders()
    # 20:00 UTC on Thursday is 05:00 on Friday in Tokyo.
    assert "Friday 7 March, 05:00" in mail.outbox[0].body


def test_members_can_turn_reminders_off_and_lapsed_members_get_none(
    member, lapsed, make_session
):
    NotificationPreferences.objects.create(user=member, session_reminder_day=False)
    session = make_session(starts_in=timedelta(hours=10))
    with time_machine.travel(session.starts_at - timedelta(hours=9)):
        assert send_due_reminders() == 0
    assert mail.outbox == []


def test_recording_posted_reminder(member, make_session):
    session = make_session(starts_in=timedelta(days=-1), cutoff=timedelta(hours=48))
    session.status = "done"
    session.recording_url = "https://videos.example.org/rec"
    session.save()
    assert send_due_reminders() == 1
    assert "recording" in mail.outbox[0].subject


def test_the_reminder_schedule_runs_every_five_minutes(db):
    from django_q.models import Schedule

    schedule = Schedule.objects.get(name="sessions: reminders")
    assert schedule.func == "sessions.tasks.send_reminders"
    assert schedule.minutes == 5
