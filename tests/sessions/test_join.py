"""The meeting link stays on the site: calendars, emails and pages carry
/sessions/<id>/join/, which checks membership and the time, records who joined,
and only then redirects to the meeting. Recordings go through the site too."""

import zoneinfo
from datetime import time, timedelta

import icalendar
import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from memberships.models import Membership
from sessions.calendar import calendar_token_for
from sessions.models import Attendance, CoachingSession, Question, ScheduleRule
from sessions.reminders import send_due_reminders

pytestmark = pytest.mark.django_db

MEETING = "https://meet.example.org/coaching"


def join_url(session):
    return reverse("coaching_sessions:join", args=[session.pk])


def recording_url(session):
    return reverse("coaching_sessions:recording", args=[session.pk])


def unfolded(body: bytes) -> str:
    return body.decode().replace("\r\n ", "")


def cancel_membership(user):
    Membership.objects.filter(user=user).update(
        status=Membership.Status.CANCELED,
        current_period_end=timezone.now() - timedelta(days=1),
    )


# Nothing that leaves the site holds the meeting URL ---------------------------


def test_calendar_download_and_feed_point_at_the_join_page_not_the_meeting(
    client, member, session
):
    client.force_login(member)
    download = client.get(reverse("coaching_sessions:session-ics", args=[session.pk]))
    feed = client.get(
        reverse(
            "coaching_sessions:calendar-feed",
            kwargs={"token": calendar_token_for(user=member).token},
        )
    )

    for body in (download.content, feed.content):
        assert MEETING not in unfolded(body)
        [event] = icalendar.Calendar.from_ical(body).walk("VEVENT")
        join = f"http://testserver{join_url(session)}"
        assert str(event["LOCATION"]) == join
        assert [str(c.uri) for c in event.conferences] == [join]
        assert f"Join: {join}" in str(event["DESCRIPTION"])


def test_a_cancelled_member_keeps_no_way_into_the_meeting(client, member, session):
    client.force_login(member)
    ics = client.get(reverse("coaching_sessions:session-ics", args=[session.pk]))
    assert MEETING not in unfolded(ics.content)
    cancel_membership(member)

    with time_machine.travel(session.starts_at):
        response = client.get(join_url(session))

    assert response.status_code == 302
    assert response.url == reverse("memberships:join")
    assert not Attendance.objects.exists()
    feed_path = reverse(
        "coaching_sessions:calendar-feed",
        kwargs={"token": calendar_token_for(user=member).token},
    )
    assert client.get(feed_path).status_code == 404


def test_the_hour_before_email_links_the_join_page_not_the_meeting(
    member, make_session
):
    session = make_session(starts_in=timedelta(hours=30))
    with time_machine.travel(session.starts_at - timedelta(minutes=50)):
        send_due_reminders()
    [email] = [m for m in mail.outbox if "starts in an hour" in m.subject]
    assert f"http://testserver{join_url(session)}" in email.body
    for sent in mail.outbox:
        assert MEETING not in sent.body and MEETING not in sent.subject


def test_session_page_and_dashboard_join_buttons_go_through_the_site(
    client, member, session
):
    client.force_login(member)
    with time_machine.travel(session.starts_at - timedelta(minutes=10)):
        for page in ("/", reverse("coaching_sessions:detail", args=[session.pk])):
            html = client.get(page).content.decode()
            assert f'href="{join_url(session)}"' in html
            assert MEETING not in html
        listing = client.get(reverse("coaching_sessions:list")).content.decode()
        assert f'href="{join_url(session)}"' in listing
        assert MEETING not in listing


# The join page -----------------------------------------------------------------


def test_join_before_the_window_says_when_it_opens_in_my_time_zone(
    client, member, session
):
    member.time_zone = "Asia/Tokyo"
    member.save()
    client.force_login(member)
    with time_machine.travel(session.starts_at - timedelta(minutes=16)):
        response = client.get(join_url(session))
    assert response.status_code == 200
    html = response.content.decode()
    assert MEETING not in html
    opens = session.join_opens_at.astimezone(zoneinfo.ZoneInfo("Asia/Tokyo"))
    assert opens.strftime("%H:%M") in html
    assert "Asia/Tokyo" in html
    assert not Attendance.objects.exists()


def test_join_inside_the_window_redirects_and_records_attendance(
    client, member, session
):
    client.force_login(member)
    opens = session.starts_at - timedelta(minutes=15)
    with time_machine.travel(opens, tick=False):
        response = client.get(join_url(session))
    assert response.status_code == 302
    assert response.url == MEETING
    assert "no-store" in response["Cache-Control"]
    attendance = Attendance.objects.get()
    assert (attendance.session, attendance.user) == (session, member)
    assert attendance.first_joined_at == opens == attendance.last_joined_at
    assert attendance.join_count == 1


def test_joining_twice_records_one_attendance_with_a_count_of_two(
    client, member, session
):
    client.force_login(member)
    with time_machine.travel(session.starts_at + timedelta(minutes=1), tick=False):
        client.get(join_url(session))
    with time_machine.travel(session.starts_at + timedelta(minutes=30), tick=False):
        assert client.get(join_url(session)).status_code == 302
    attendance = Attendance.objects.get()
    assert attendance.join_count == 2
    assert attendance.first_joined_at == session.starts_at + timedelta(minutes=1)
    assert attendance.last_joined_at == session.starts_at + timedelta(minutes=30)


def test_after_the_end_the_join_page_says_it_ended_and_links_the_recording(
    client, member, session
):
    session.recording_url = "https://videos.example.org/rec/9"
    session.save()
    client.force_login(member)
    with time_machine.travel(session.ends_at + timedelta(seconds=1)):
        response = client.get(join_url(session))
    assert response.status_code == 200
    html = response.content.decode()
    assert "ended" in html
    assert f'href="{recording_url(session)}"' in html
    assert "videos.example.org" not in html and MEETING not in html
    assert not Attendance.objects.exists()


def test_a_cancelled_session_cannot_be_joined(client, member, session):
    session.status = CoachingSession.Status.CANCELLED
    session.save()
    client.force_login(member)
    with time_machine.travel(session.starts_at):
        response = client.get(join_url(session))
    assert response.status_code == 200
    assert "cancelled" in response.content.decode()
    assert MEETING not in response.content.decode()
    assert not Attendance.objects.exists()


@pytest.mark.parametrize("role", ["visitor", "signed_up", "lapsed"])
def test_non_members_are_refused_and_nothing_is_recorded(as_role, role, session):
    client, _user = as_role(role)
    with time_machine.travel(session.starts_at):
        response = client.get(join_url(session))
    assert response.status_code == 302
    assert response.url != MEETING
    assert MEETING not in response.url
    assert not Attendance.objects.exists()


def test_the_session_link_the_director_pastes_wins_over_the_rules(
    client, member, make_session
):
    rule = ScheduleRule.objects.create(local_time=time(12), meeting_url=MEETING)
    from_rule = make_session(rule=rule, meeting_url="")
    fresh = make_session(
        rule=rule,
        meeting_url="https://meet.example.org/fresh-123",
        starts_in=timedelta(days=7, hours=2),
    )
    client.force_login(member)
    with time_machine.travel(from_rule.starts_at):
        assert client.get(join_url(from_rule)).url == MEETING
    with time_machine.travel(fresh.starts_at):
        assert client.get(join_url(fresh)).url == "https://meet.example.org/fresh-123"


def test_a_session_without_any_link_yet_says_so(client, member, make_session):
    session = make_session(meeting_url="")
    client.force_login(member)
    with time_machine.travel(session.starts_at):
        response = client.get(join_url(session))
    assert response.status_code == 200
    assert "link" in response.content.decode()
    assert not Attendance.objects.exists()


def test_attendance_is_in_the_members_data_and_goes_with_the_account(
    client, member, session
):
    from community.data_rights import erase_all, export_all

    client.force_login(member)
    with time_machine.travel(session.starts_at):
        client.get(join_url(session))
    exported = export_all(user=member)["coaching_sessions"]["attendance"]
    assert [row["session"] for row in exported] == [session.title]
    assert exported[0]["join_count"] == 1
    erase_all(user=member)
    assert not Attendance.objects.exists()


# Recordings through the site ---------------------------------------------------


def done_session(make_session, **fields):
    return make_session(
        starts_in=timedelta(days=-2),
        status=CoachingSession.Status.DONE,
        recording_url="https://videos.example.org/rec/1",
        **fields,
    )


def test_pages_link_recordings_through_the_site(client, member, make_session):
    session = done_session(make_session)
    Question.objects.create(
        session=session,
        author=member,
        title="Endings",
        body="B",
        status=Question.Status.ANSWERED,
        agenda_position=1,
        recording_minute=12,
    )
    client.force_login(member)
    for page in (
        reverse("coaching_sessions:detail", args=[session.pk]),
        reverse("coaching_sessions:list"),
    ):
        html = client.get(page).content.decode()
        assert "videos.example.org" not in html
        assert f'href="{recording_url(session)}' in html
    detail = client.get(reverse("coaching_sessions:detail", args=[session.pk]))
    assert f"{recording_url(session)}?minute=12" in detail.content.decode()


def test_the_recording_view_sends_members_to_the_recording_at_the_minute(
    client, member, make_session
):
    session = done_session(make_session)
    client.force_login(member)
    response = client.get(recording_url(session), {"minute": "12"})
    assert response.status_code == 302
    assert response.url == "https://videos.example.org/rec/1#t=12m"
    assert client.get(recording_url(session)).url == session.recording_url
    # A minute that is not a number is ignored, not an error.
    assert client.get(recording_url(session), {"minute": "x" * 30}).status_code == 302


def test_the_recording_view_prefers_the_library_video(
    client, member, make_session, library
):
    from tests.courses.conftest import add_video

    session = done_session(make_session)
    video = add_video(library[1], title="Recording", session=session)
    client.force_login(member)
    response = client.get(recording_url(session), {"minute": "7"})
    assert response.status_code == 302
    assert response.url == f"{video.url}#t=7m"


@pytest.mark.parametrize("role", ["visitor", "lapsed"])
def test_the_recording_view_refuses_non_members(as_role, role, make_session):
    session = done_session(make_session)
    client, _user = as_role(role)
    response = client.get(recording_url(session))
    assert response.status_code == 302
    assert "videos.example.org" not in response.url


def test_a_session_without_a_recording_has_no_recording_link(client, member, session):
    client.force_login(member)
    assert client.get(recording_url(session)).status_code == 404


def test_the_recording_email_links_the_site_not_the_raw_recording(member, make_session):
    done_session(make_session)
    send_due_reminders()
    [email] = mail.outbox
    assert "videos.example.org" not in email.body
    assert "http://testserver/sessions/" in email.body


def test_the_forum_topic_links_the_answer_through_the_site(
    client, member, make_session
):
    from machina.apps.forum.models import Forum

    from tests.forum.conftest import make_topic, topic_url

    session = done_session(make_session)
    topic = make_topic(
        forum=Forum.objects.get(slug="case-discussions"), poster=member, subject="S"
    )
    Question.objects.create(
        session=session,
        author=member,
        title="S",
        body="B",
        source_topic=topic,
        status=Question.Status.ANSWERED,
        recording_minute=4,
    )
    client.force_login(member)
    html = client.get(topic_url(topic)).content.decode()
    assert "videos.example.org" not in html
    assert f"{recording_url(session)}?minute=4" in html
