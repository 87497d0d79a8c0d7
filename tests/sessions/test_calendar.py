"""Calendar files and the private feed: right times, only the member's own
questions, and a secret URL that stops working when it should."""

import zoneinfo
from datetime import UTC, date, datetime, time, timedelta

import icalendar
import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from sessions.models import CalendarToken, CoachingSession, Question
from tests.community import factories

pytestmark = pytest.mark.django_db

NEW_YORK = zoneinfo.ZoneInfo("America/New_York")


def make_session(*, starts_at=None, cutoff=timedelta(hours=48), **fields):
    starts_at = starts_at or timezone.now() + timedelta(days=7)
    return CoachingSession.objects.create(
        **{
            "title": "Group coaching session",
            "topic": "Working with shame in the room.",
            "starts_at": starts_at,
            "questions_close_at": starts_at - cutoff,
            "meeting_url": "https://meet.example.org/coaching",
            "duration_minutes": 90,
            **fields,
        }
    )


def ask(session, author, title, **fields):
    return Question.objects.create(
        session=session,
        author=author,
        title=title,
        body=fields.pop("body", "What would you do?"),
        **fields,
    )


def feed_path(user):
    token = CalendarToken.objects.get_or_create(user=user)[0].token
    return reverse("coaching_sessions:calendar-feed", kwargs={"token": token})


def events_of(body: bytes) -> dict[str, icalendar.Event]:
    calendar = icalendar.Calendar.from_ical(body)
    return {str(event["SUMMARY"]): event for event in calendar.walk("VEVENT")}


def download(client, session):
    return client.get(reverse("coaching_sessions:session-ics", args=[session.pk]))


def second_sunday_of_march(year: int) -> date:
    first = date(year, 3, 1)
    return first + timedelta(days=(6 - first.weekday()) % 7 + 7)


# The per-session download -------------------------------------------------


def test_member_downloads_one_session_with_its_stored_utc_times(client, member):
    starts_at = (timezone.now() + timedelta(days=9)).replace(microsecond=0)
    session = make_session(starts_at=starts_at, title="Rupture and repair")
    client.force_login(member)

    response = download(client, session)

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    local_day = starts_at.astimezone(zoneinfo.ZoneInfo(member.time_zone)).date()
    assert response["Content-Disposition"] == (
        f'attachment; filename="coaching-session-{local_day.isoformat()}.ics"'
    )
    calendar = icalendar.Calendar.from_ical(response.content)
    [event] = calendar.walk("VEVENT")
    assert event.start == starts_at
    assert event.start.utcoffset() == timedelta(0)
    assert event.end == starts_at + timedelta(minutes=90)
    assert str(event["SUMMARY"]) == "Rupture and repair"
    assert str(event["UID"]) == f"session-{session.pk}@testserver"
    assert "DTSTAMP" in event
    page = f"http://testserver/sessions/{session.pk}/"
    assert str(event["URL"]) == page
    join = f"http://testserver/sessions/{session.pk}/join/"
    assert str(event["LOCATION"]) == join
    assert "https://meet.example.org/coaching" not in event.to_ical().decode().replace(
        "\r\n ", ""
    )
    assert [str(c.uri) for c in event.conferences] == [join]
    description = str(event["DESCRIPTION"])
    assert "Working with shame in the room." in description
    assert page in description
    assert "Questions close:" in description


def test_session_across_a_daylight_saving_change_imports_at_noon_new_york(
    client, member
):
    """Noon in New York is 17:00 UTC before the March change and 16:00 after."""
    change = second_sunday_of_march(timezone.now().year + 1)
    before = datetime.combine(change - timedelta(days=3), time(12), NEW_YORK)
    after = datetime.combine(change + timedelta(days=4), time(12), NEW_YORK)
    make_session(starts_at=before.astimezone(UTC), title="Before the change")
    make_session(starts_at=after.astimezone(UTC), title="After the change")
    client.force_login(member)

    events = events_of(client.get(feed_path(member)).content)

    assert events["Before the change"].start.hour == 17
    assert events["After the change"].start.hour == 16
    for event in events.values():
        assert event.start.utcoffset() == timedelta(0)
        local = event.start.astimezone(NEW_YORK)
        assert (local.hour, local.minute) == (12, 0)


def test_download_lists_my_questions_and_never_anyone_elses(client, member):
    session = make_session()
    other = factories.member()
    ask(
        session,
        member,
        "Pacing with a client who floods",
        status=Question.Status.ACCEPTED,
        context="Client M., 34, referred by her GP",
        body="How do I slow things down?",
    )
    ask(session, member, "A question I took back", status=Question.Status.WITHDRAWN)
    ask(session, other, "Somebody else's dilemma", hide_name=False)
    client.force_login(member)

    [event] = icalendar.Calendar.from_ical(download(client, session).content).walk(
        "VEVENT"
    )

    description = str(event["DESCRIPTION"])
    assert "Your questions: 1 on the agenda" in description
    assert "Pacing with a client who floods" not in description
    assert "Somebody else's dilemma" not in description
    assert "Client M." not in description
    assert "How do I slow things down?" not in description
    assert "A question I took back" not in description


def test_unknown_session_download_is_404(client, member):
    client.force_login(member)
    response = client.get(reverse("coaching_sessions:session-ics", args=[999_999]))
    assert response.status_code == 404


@pytest.mark.parametrize("role", ["visitor", "signed_up", "lapsed"])
def test_non_members_are_refused_the_download(as_role, role):
    session = make_session()
    client, _ = as_role(role)

    response = download(client, session)

    assert response.status_code == 302
    expected = "/accounts/login/" if role == "visitor" else reverse("memberships:join")
    assert response["Location"].startswith(expected)


# The feed -------------------------------------------------------------------


def test_feed_works_without_signing_in(client, member):
    make_session(title="Next week")

    response = client.get(feed_path(member))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert set(response["Cache-Control"].split(", ")) == {"private", "max-age=300"}
    calendar = icalendar.Calendar.from_ical(response.content)
    assert str(calendar["X-WR-CALNAME"]).endswith("coaching sessions")
    assert calendar["REFRESH-INTERVAL"].dt == timedelta(hours=1)
    assert str(calendar["X-PUBLISHED-TTL"]) == "PT1H"
    assert set(events_of(response.content)) == {"Next week"}


def test_feed_holds_sixty_days_back_and_everything_ahead(client, member):
    now = timezone.now()
    make_session(starts_at=now - timedelta(days=61), title="Too old")
    make_session(starts_at=now - timedelta(days=59), title="Recent past")
    make_session(starts_at=now + timedelta(days=2), title="Soon")
    make_session(starts_at=now + timedelta(days=200), title="Far ahead")

    events = events_of(client.get(feed_path(member)).content)

    assert set(events) == {"Recent past", "Soon", "Far ahead"}


def test_feed_shows_only_my_questions_per_session(client, member):
    first, second = (
        make_session(title="First"),
        make_session(starts_at=timezone.now() + timedelta(days=21), title="Second"),
    )
    other = factories.member()
    ask(first, member, "My question on shame")
    ask(first, other, "Their question on shame")
    ask(second, other, "Their question on endings")

    events = events_of(client.get(feed_path(member)).content)

    first_text = str(events["First"]["DESCRIPTION"])
    assert "Your questions: 1 submitted" in first_text
    assert "My question on shame" not in first_text
    assert "Their question" not in first_text
    assert "Your questions" not in str(events["Second"]["DESCRIPTION"])
    assert "Their question" not in str(events["Second"]["DESCRIPTION"])


def test_cancelled_session_stays_in_the_feed_marked_cancelled(client, member):
    make_session(title="Still on")
    make_session(
        starts_at=timezone.now() + timedelta(days=14),
        title="Called off",
        status=CoachingSession.Status.CANCELLED,
    )

    events = events_of(client.get(feed_path(member)).content)

    assert str(events["Called off"]["STATUS"]) == "CANCELLED"
    assert str(events["Still on"]["STATUS"]) == "CONFIRMED"


def test_moving_a_session_raises_its_sequence_and_keeps_its_uid(client, member):
    session = make_session(title="Movable")
    before = events_of(client.get(feed_path(member)).content)["Movable"]

    with time_machine.travel(timezone.now() + timedelta(minutes=5)):
        session.starts_at += timedelta(days=1)
        session.questions_close_at += timedelta(days=1)
        session.save()
    after = events_of(client.get(feed_path(member)).content)["Movable"]

    assert int(after["SEQUENCE"]) > int(before["SEQUENCE"])
    assert str(after["UID"]) == str(before["UID"])
    assert after.start == before.start + timedelta(days=1)


def test_wrong_token_is_404(client, member):
    make_session()
    feed_path(member)

    response = client.get(
        reverse("coaching_sessions:calendar-feed", kwargs={"token": "not-the-token"})
    )

    assert response.status_code == 404


def test_lapsed_members_token_is_404(client, lapsed):
    make_session(title="Members only")

    response = client.get(feed_path(lapsed))

    assert response.status_code == 404
    assert b"Members only" not in response.content


def test_feed_query_count_does_not_grow_with_sessions(client, member):
    def queries_for(count):
        CoachingSession.objects.all().delete()
        for day in range(count):
            session = make_session(
                starts_at=timezone.now() + timedelta(days=day + 1), title=f"S{day}"
            )
            ask(session, member, f"Question {day}")
        path = feed_path(member)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(path)
        assert len(events_of(response.content)) == count
        return len(captured)

    assert queries_for(30) == queries_for(3)


# The settings page and the reset -------------------------------------------


def test_settings_page_shows_my_absolute_feed_url(client, member):
    client.force_login(member)

    response = client.get(reverse("coaching_sessions:calendar-settings"))

    assert response.status_code == 200
    token = CalendarToken.objects.get(user=member).token
    html = response.content.decode()
    url = f"http://testserver/sessions/calendar/{token}.ics"
    assert f'value="{url}" readonly' in html
    assert '<label for="calendar-feed-url">' in html
    assert f'href="webcal://testserver/sessions/calendar/{token}.ics"' in html
    assert 'action="/sessions/calendar/reset/"' in html
    assert "style=" not in html
    assert "<script>" not in html
    # A second visit shows the same link.
    client.get(reverse("coaching_sessions:calendar-settings"))
    assert CalendarToken.objects.get(user=member).token == token


def test_resetting_the_link_kills_the_old_url_at_once(client, member):
    make_session(title="Soon")
    client.force_login(member)
    client.get(reverse("coaching_sessions:calendar-settings"))
    old = feed_path(member)
    assert client.get(old).status_code == 200

    response = client.post(reverse("coaching_sessions:calendar-reset"), follow=True)

    assert response.redirect_chain == [
        (reverse("coaching_sessions:calendar-settings"), 302)
    ]
    assert "Your calendar link has been reset" in response.content.decode()
    new = feed_path(member)
    assert new != old
    assert new in response.content.decode()
    client.logout()
    assert client.get(old).status_code == 404
    assert client.get(new).status_code == 200


def test_reset_takes_post_only(client, member):
    client.force_login(member)
    token = CalendarToken.objects.create(user=member).token

    response = client.get(reverse("coaching_sessions:calendar-reset"))

    assert response.status_code == 405
    assert CalendarToken.objects.get(user=member).token == token


@pytest.mark.parametrize("role", ["visitor", "lapsed"])
def test_non_members_are_refused_the_settings_page_and_reset(as_role, role):
    client, user = as_role(role)
    token = CalendarToken.objects.create(user=user).token if user else None

    page = client.get(reverse("coaching_sessions:calendar-settings"))
    reset = client.post(reverse("coaching_sessions:calendar-reset"))

    assert page.status_code == reset.status_code == 302
    if user is None:
        assert page["Location"].startswith("/accounts/login/")
        assert not CalendarToken.objects.exists()
    else:
        assert page["Location"] == reverse("memberships:join")
        assert CalendarToken.objects.get(user=user).token == token


def test_reset_refuses_a_missing_csrf_token(member):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(member)
    token = CalendarToken.objects.create(user=member).token

    response = client.post(reverse("coaching_sessions:calendar-reset"))

    assert response.status_code == 403
    assert CalendarToken.objects.get(user=member).token == token
