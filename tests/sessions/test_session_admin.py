"""The director's session tools: moving and cancelling (and who is told), and the
Wagtail screens for the schedule and the sessions, which members cannot open."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import PermissionDenied

from sessions.models import CoachingSession, Question, ScheduleRule
from sessions.services import schedule as services
from tests.community import factories

MEETING_URL = "https://meet.example.org/coaching"
# Wednesday 3 February 2027, 09:00 UTC.
NOW = datetime(2027, 2, 3, 9, 0, tzinfo=UTC)
BERLIN = ZoneInfo("Europe/Berlin")  # the factories' time zone, the director's too

SESSIONS = "/cms/coaching/sessions/"
SCHEDULE = "/cms/coaching/schedule/"


def utc(*args) -> datetime:
    return datetime(*args, tzinfo=UTC)


def texts(response) -> str:
    return response.content.decode()


def in_berlin(value: datetime) -> str:
    """How the admin's date-time field shows and reads a time for the director."""
    return value.astimezone(BERLIN).strftime("%Y-%m-%d %H:%M")


@pytest.fixture
def now(db):
    with time_machine.travel(NOW, tick=False):
        yield NOW


def make_session(**fields) -> CoachingSession:
    starts_at = fields.pop("starts_at", utc(2027, 2, 11, 20, 0))
    values = {
        "title": "Group coaching session",
        "starts_at": starts_at,
        "questions_close_at": starts_at - timedelta(hours=48),
        "meeting_url": MEETING_URL,
        "duration_minutes": 90,
        **fields,
    }
    return CoachingSession.objects.create(**values)


def ask(session, author, *, title="How to pace a first session?", **fields):
    return Question.objects.create(
        session=session, author=author, title=title, body="The question.", **fields
    )


@pytest.fixture
def session(now):
    return make_session()


@pytest.fixture
def next_session(now):
    return make_session(starts_at=utc(2027, 2, 25, 20, 0))


@pytest.fixture
def tokyo_member(now):
    return factories.member(user__time_zone="Asia/Tokyo")


@pytest.fixture
def new_york_member(now):
    return factories.member(user__time_zone="America/New_York")


@pytest.fixture
def staff(now):
    """The director, signed in with the clock already set."""
    return factories.director()


def mail_to(user):
    return [m for m in mail.outbox if m.to == [user.email]]


# Cancelling ------------------------------------------------------------------------


def test_a_member_cannot_cancel_a_session(session, tokyo_member):
    with pytest.raises(PermissionDenied):
        services.session_cancel(session=session, moderator=tokyo_member)
    session.refresh_from_db()
    assert session.status == CoachingSession.Status.SCHEDULED


def test_cancelling_defers_pending_questions_to_the_next_session_and_tells_authors(
    session, next_session, tokyo_member, new_york_member, staff
):
    submitted = ask(session, tokyo_member, title="Submitted one")
    accepted = ask(session, new_york_member, title="Accepted one", status="accepted")
    accepted.agenda_position, accepted.time_budget_minutes = 1, 20
    accepted.vote_count = 3
    accepted.save()
    declined = ask(session, new_york_member, title="Declined one", status="declined")
    later = make_session(starts_at=utc(2027, 3, 11, 20, 0))

    services.session_cancel(
        session=session, moderator=staff, note="I am unwell, sorry."
    )

    session.refresh_from_db()
    assert session.status == CoachingSession.Status.CANCELLED
    assert "I am unwell, sorry." in session.notes
    for question in (submitted, accepted):
        question.refresh_from_db()
        assert question.session == next_session
        assert question.status == Question.Status.DEFERRED
        assert question.agenda_position is None
    assert accepted.vote_count == 3
    declined.refresh_from_db()
    assert declined.session == session and declined.status == "declined"
    assert not later.questions.exists()

    (tokyo,) = mail_to(tokyo_member)
    assert "cancelled" in tokyo.subject
    assert "I am unwell, sorry." in tokyo.body
    # 25 February 20:00 UTC is 26 February 05:00 in Tokyo.
    assert "Friday 26 February 2027, 05:00 (Asia/Tokyo)" in tokyo.body
    assert f"/sessions/{next_session.pk}/" in tokyo.body
    (new_york,) = mail_to(new_york_member)
    assert "Your question moved to the next session" in new_york.body
    assert "Accepted one" not in new_york.body
    assert "Declined one" not in new_york.body
    assert "Thursday 25 February 2027, 15:00 (America/New_York)" in new_york.body


def test_cancelling_with_no_later_session_keeps_the_questions(
    session, tokyo_member, staff
):
    question = ask(session, tokyo_member)
    services.session_cancel(session=session, moderator=staff)
    question.refresh_from_db()
    assert question.session == session
    assert question.status == Question.Status.SUBMITTED
    (email,) = mail_to(tokyo_member)
    assert "No later session is scheduled yet" in email.body


def test_cancelling_twice_emails_once(session, next_session, tokyo_member, staff):
    ask(session, tokyo_member)
    services.session_cancel(session=session, moderator=staff)
    services.session_cancel(session=session, moderator=staff)
    assert len(mail.outbox) == 1


def test_cancelled_and_done_sessions_do_not_receive_deferred_questions(
    session, tokyo_member, staff
):
    make_session(
        starts_at=utc(2027, 2, 18, 20, 0), status=CoachingSession.Status.CANCELLED
    )
    target = make_session(starts_at=utc(2027, 3, 4, 20, 0))
    question = ask(session, tokyo_member)
    services.session_cancel(session=session, moderator=staff)
    question.refresh_from_db()
    assert question.session == target


# Who may open the Wagtail tools ----------------------------------------------------


@pytest.fixture
def rule(now):
    return ScheduleRule.objects.create(
        local_time="12:00", time_zone="America/Los_Angeles", meeting_url=MEETING_URL
    )


@pytest.fixture
def tool_urls(session, rule):
    return [
        ("get", SESSIONS),
        ("get", f"{SESSIONS}results/?status=scheduled"),
        ("get", f"{SESSIONS}new/"),
        ("post", f"{SESSIONS}new/"),
        ("get", f"{SESSIONS}edit/{session.pk}/"),
        ("post", f"{SESSIONS}edit/{session.pk}/"),
        ("get", f"{SESSIONS}cancel/{session.pk}/"),
        ("post", f"{SESSIONS}cancel/{session.pk}/"),
        ("get", f"{SESSIONS}history/{session.pk}/"),
        ("get", f"{SESSIONS}delete/{session.pk}/"),
        ("post", f"{SESSIONS}delete/{session.pk}/"),
        ("get", SCHEDULE),
        ("get", f"{SCHEDULE}new/"),
        ("post", f"{SCHEDULE}new/"),
        ("get", f"{SCHEDULE}edit/{rule.pk}/"),
        ("post", f"{SCHEDULE}edit/{rule.pk}/"),
        ("get", f"{SCHEDULE}top-up/"),
        ("post", f"{SCHEDULE}top-up/"),
    ]


@pytest.mark.parametrize("role", ["director", "site_admin"])
@pytest.mark.parametrize(
    "url", [SESSIONS, f"{SESSIONS}new/", SCHEDULE, f"{SCHEDULE}new/"]
)
def test_director_and_admin_open_the_session_tools(client, request, now, role, url):
    client.force_login(request.getfixturevalue(role))
    assert client.get(url).status_code == 200


@pytest.mark.parametrize("role", ["director", "site_admin"])
def test_director_and_admin_open_the_edit_and_cancel_pages(
    client, request, session, rule, role
):
    client.force_login(request.getfixturevalue(role))
    assert client.get(f"{SESSIONS}edit/{session.pk}/").status_code == 200
    assert client.get(f"{SESSIONS}cancel/{session.pk}/").status_code == 200
    assert client.get(f"{SCHEDULE}edit/{rule.pk}/").status_code == 200
    assert client.get(f"{SCHEDULE}top-up/").status_code == 200


@pytest.mark.parametrize("role", ["member", "signed_up", "lapsed"])
def test_members_are_refused_on_every_session_tool_url(
    client, request, role, tool_urls, session, rule
):
    client.force_login(request.getfixturevalue(role))
    for method, url in tool_urls:
        response = getattr(client, method)(url, {"title": "Hijacked", "note": "x"})
        assert response.status_code in (302, 403), (role, method, url)
        if response.status_code == 302:
            assert not response["Location"].startswith("/cms/coaching/"), url
        assert session.title not in texts(response)
    session.refresh_from_db()
    assert session.title == "Group coaching session"
    assert session.status == CoachingSession.Status.SCHEDULED
    assert CoachingSession.objects.count() == 1
    assert ScheduleRule.objects.count() == 1
    assert mail.outbox == []


def test_anonymous_visitor_is_sent_to_sign_in(client, now):
    response = client.get(SESSIONS, follow=True)
    assert response.request["PATH_INFO"] == "/accounts/login/"


def test_the_coaching_sessions_menu_is_shown_to_the_director_only(
    client, now, director, member
):
    client.force_login(director)
    dashboard = texts(client.get("/cms/"))
    assert "Coaching sessions" in dashboard and SESSIONS in dashboard
    client.force_login(member)
    response = client.get("/cms/")
    assert response.status_code in (302, 403)
    assert SESSIONS not in texts(response)


# The sessions listing --------------------------------------------------------------


def test_the_listing_shows_upcoming_sessions_first_then_past_ones(client, staff, now):
    make_session(title="Last month", starts_at=utc(2027, 1, 14, 20, 0))
    make_session(title="Two weeks ago", starts_at=utc(2027, 1, 21, 20, 0))
    make_session(title="In three weeks", starts_at=utc(2027, 2, 25, 20, 0))
    make_session(title="Next week", starts_at=utc(2027, 2, 11, 20, 0))
    client.force_login(staff)
    page = texts(client.get(SESSIONS))
    order = ["Next week", "In three weeks", "Two weeks ago", "Last month"]
    positions = [page.index(title) for title in order]
    assert positions == sorted(positions)
    # In the director's time zone (Berlin): 20:00 UTC is 21:00 CET.
    assert "Thu 11 Feb 2027, 21:00 CET" in page


def test_the_listing_filters_by_status(client, staff, now):
    make_session(title="Still on")
    make_session(
        title="Called off",
        starts_at=utc(2027, 2, 18, 20, 0),
        status=CoachingSession.Status.CANCELLED,
    )
    client.force_login(staff)
    page = texts(client.get(f"{SESSIONS}?status=cancelled"))
    assert "Called off" in page and "Still on" not in page
    page = texts(client.get(f"{SESSIONS}results/?when=upcoming&status=scheduled"))
    assert "Still on" in page and "Called off" not in page


# Creating a one-off session --------------------------------------------------------


def session_form(**overrides) -> dict:
    return {
        "title": "Special session on endings",
        "topic": "Ending therapy well.",
        "starts_at": "2027-02-20 18:00",
        "duration_minutes": "60",
        "questions_close_at": "",
        "meeting_url": "https://zoom.example.org/j/123",
        "notes": "",
        **overrides,
    }


def test_director_creates_a_one_off_session_in_their_own_time_zone(client, staff, now):
    client.force_login(staff)
    response = client.post(f"{SESSIONS}new/", session_form())
    assert response.status_code == 302
    session = CoachingSession.objects.get()
    # 18:00 in Berlin in February is 17:00 UTC; questions close 48 hours before.
    assert session.starts_at == utc(2027, 2, 20, 17, 0)
    assert session.questions_close_at == utc(2027, 2, 18, 17, 0)
    assert session.rule is None
    assert session.status == CoachingSession.Status.SCHEDULED


def test_admin_creates_a_session_with_its_own_cutoff(client, site_admin, now):
    client.force_login(site_admin)
    client.post(f"{SESSIONS}new/", session_form(questions_close_at="2027-02-19 12:00"))
    session = CoachingSession.objects.get()
    assert session.questions_close_at == utc(2027, 2, 19, 11, 0)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("meeting_url", "javascript:alert(1)", "Enter a valid URL"),
        ("meeting_url", "ftp://files.example.org/x", "Enter a valid URL"),
        ("starts_at", "2027-02-02 10:00", "cannot start in the past"),
        ("questions_close_at", "2027-02-21 10:00", "close before the session starts"),
        ("starts_at", "next thursday", "Enter a valid date"),
    ],
)
def test_bad_input_on_create_is_a_form_error_and_saves_nothing(
    client, staff, now, field, value, message
):
    client.force_login(staff)
    response = client.post(f"{SESSIONS}new/", session_form(**{field: value}))
    assert response.status_code == 200
    assert message in texts(response)
    assert response.context["form"].errors[field]
    assert not CoachingSession.objects.exists()
    assert "Special session on endings" in texts(response)  # what they typed stays


# Editing and moving ----------------------------------------------------------------


def edit_form(session, **overrides) -> dict:
    return {
        "title": session.title,
        "topic": session.topic,
        "starts_at": in_berlin(session.starts_at),
        "duration_minutes": str(session.duration_minutes),
        "questions_close_at": in_berlin(session.questions_close_at),
        "meeting_url": session.meeting_url,
        "recording_url": session.recording_url,
        "notes": session.notes,
        **overrides,
    }


def test_editing_details_saves_them_without_moving_or_emailing(
    client, staff, tokyo_member
):
    # Seconds in the stored time must not count as a move: the form has none.
    session = make_session(starts_at=utc(2027, 2, 11, 20, 0, 37))
    ask(session, tokyo_member)
    client.force_login(staff)
    response = client.post(
        f"{SESSIONS}edit/{session.pk}/",
        edit_form(
            session,
            title="Working with shame",
            recording_url="https://video.example.org/rec/1",
            duration_minutes="120",
        ),
    )
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.title == "Working with shame"
    assert session.recording_url == "https://video.example.org/rec/1"
    assert session.duration_minutes == 120
    assert session.starts_at == utc(2027, 2, 11, 20, 0, 37)
    assert mail.outbox == []


def test_changing_the_start_in_the_edit_form_moves_the_session_and_tells_members(
    client, staff, session, tokyo_member
):
    ask(session, tokyo_member)
    client.force_login(staff)
    response = client.post(
        f"{SESSIONS}edit/{session.pk}/",
        edit_form(session, starts_at="2027-02-12 19:00"),
        follow=True,
    )
    assert "members with a question on it are emailed" in texts(response)
    session.refresh_from_db()
    assert session.starts_at == utc(2027, 2, 12, 18, 0)
    assert session.questions_close_at == utc(2027, 2, 10, 18, 0)  # same 48 hours
    (email,) = mail_to(tokyo_member)
    assert "Saturday 13 February 2027, 03:00 (Asia/Tokyo)" in email.body


def test_moving_with_a_new_cutoff_in_the_same_form_keeps_that_cutoff(
    client, staff, session
):
    client.force_login(staff)
    client.post(
        f"{SESSIONS}edit/{session.pk}/",
        edit_form(
            session,
            starts_at="2027-02-12 19:00",
            questions_close_at="2027-02-12 09:00",
        ),
    )
    session.refresh_from_db()
    assert session.starts_at == utc(2027, 2, 12, 18, 0)
    assert session.questions_close_at == utc(2027, 2, 12, 8, 0)


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"starts_at": "2027-02-01 12:00"}, "cannot start in the past"),
        ({"recording_url": "javascript:alert(1)"}, "Enter a valid URL"),
        ({"meeting_url": "javascript:alert(1)"}, "Enter a valid URL"),
        ({"questions_close_at": "2027-02-12 09:00"}, "close before the session"),
    ],
)
def test_bad_input_on_edit_is_a_form_error_and_changes_nothing(
    client, staff, session, tokyo_member, overrides, message
):
    ask(session, tokyo_member)
    before = (session.starts_at, session.questions_close_at, session.meeting_url)
    client.force_login(staff)
    response = client.post(
        f"{SESSIONS}edit/{session.pk}/",
        edit_form(session, title="Changed title", **overrides),
    )
    assert response.status_code == 200
    assert message in texts(response)
    session.refresh_from_db()
    assert session.title == "Group coaching session"
    assert (session.starts_at, session.questions_close_at, session.meeting_url) == (
        before
    )
    assert session.recording_url == ""
    assert mail.outbox == []


def test_moving_onto_another_session_of_the_same_rule_is_a_form_error(
    client, staff, rule
):
    first = make_session(rule=rule)
    second = make_session(rule=rule, starts_at=utc(2027, 2, 25, 20, 0))
    client.force_login(staff)
    response = client.post(
        f"{SESSIONS}edit/{first.pk}/",
        edit_form(first, starts_at=in_berlin(second.starts_at)),
    )
    assert response.status_code == 200
    assert "already has a session at that time" in texts(response)
    first.refresh_from_db()
    assert first.starts_at == utc(2027, 2, 11, 20, 0)


# Cancelling through the admin ------------------------------------------------------


def test_director_cancels_a_session_from_its_page(
    client, staff, session, next_session, tokyo_member
):
    question = ask(session, tokyo_member)
    client.force_login(staff)
    page = texts(client.get(f"{SESSIONS}cancel/{session.pk}/"))
    assert "1 question is waiting for it" in page
    response = client.post(
        f"{SESSIONS}cancel/{session.pk}/", {"note": "Conference travel."}, follow=True
    )
    assert "is cancelled" in texts(response)
    session.refresh_from_db()
    question.refresh_from_db()
    assert session.status == CoachingSession.Status.CANCELLED
    assert question.session == next_session
    (email,) = mail_to(tokyo_member)
    assert "Conference travel." in email.body


def test_a_done_session_cannot_be_cancelled_from_the_admin(client, staff):
    session = make_session(
        starts_at=utc(2027, 1, 28, 20, 0), status=CoachingSession.Status.DONE
    )
    client.force_login(staff)
    response = client.post(f"{SESSIONS}cancel/{session.pk}/", {"note": ""})
    assert response.status_code == 200
    assert "cannot be cancelled" in texts(response)
    session.refresh_from_db()
    assert session.status == CoachingSession.Status.DONE


# The schedule rule -----------------------------------------------------------------


def rule_form(**overrides) -> dict:
    return {
        "title": "Group coaching session",
        "weeks_of_month": "2,4",
        "weekday": "3",
        "local_time": "12:00",
        "time_zone": "America/Los_Angeles",
        "duration_minutes": "90",
        "cutoff_hours": "48",
        "meeting_url": MEETING_URL,
        "months_ahead": "3",
        "active": "on",
        **overrides,
    }


def test_director_sets_the_rule_and_creates_the_sessions_now(client, staff):
    client.force_login(staff)
    response = client.post(f"{SCHEDULE}new/", rule_form())
    assert response.status_code == 302
    rule = ScheduleRule.objects.get()
    listing = texts(client.get(SCHEDULE))
    assert "Create the next months" in listing
    # Thursday 11 February, 12:00 in Los Angeles, shown in Berlin time.
    assert "Thu 11 Feb 2027, 21:00 CET" in listing

    response = client.post(f"{SCHEDULE}top-up/", follow=True)
    assert "6 new sessions created" in texts(response)
    assert CoachingSession.objects.filter(rule=rule).count() == 6  # 11 Feb – 22 Apr
    response = client.post(f"{SCHEDULE}top-up/", follow=True)
    assert "No new sessions were needed" in texts(response)
    assert CoachingSession.objects.count() == 6


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("weeks_of_month", "2,6", "Use numbers from 1 to 5"),
        ("meeting_url", "javascript:alert(1)", "Enter a valid URL"),
        ("time_zone", "Mars/Olympus", "Select a valid choice"),
    ],
)
def test_bad_rule_input_is_a_form_error(client, staff, field, value, message):
    client.force_login(staff)
    response = client.post(f"{SCHEDULE}new/", rule_form(**{field: value}))
    assert response.status_code == 200
    assert message in texts(response)
    assert not ScheduleRule.objects.exists()


# The meeting link ------------------------------------------------------------------


def test_director_pastes_a_fresh_link_for_one_session_of_the_schedule(
    client, staff, now
):
    rule = ScheduleRule.objects.create(
        local_time="12:00", time_zone="America/Los_Angeles", meeting_url=MEETING_URL
    )
    session = make_session(rule=rule, meeting_url="")
    other = make_session(rule=rule, meeting_url="", starts_at=utc(2027, 2, 25, 20, 0))
    client.force_login(staff)
    page = texts(client.get(f"{SESSIONS}edit/{session.pk}/"))
    assert "Leave empty to use the schedule" in page

    response = client.post(
        f"{SESSIONS}edit/{session.pk}/",
        edit_form(session, meeting_url="https://zoom.example.org/j/fresh"),
    )

    assert response.status_code == 302
    session.refresh_from_db()
    other.refresh_from_db()
    assert session.effective_meeting_url == "https://zoom.example.org/j/fresh"
    assert other.effective_meeting_url == MEETING_URL
    # Emptied again, the session falls back to the schedule's link.
    client.post(f"{SESSIONS}edit/{session.pk}/", edit_form(session, meeting_url=""))
    session.refresh_from_db()
    assert session.effective_meeting_url == MEETING_URL


def test_a_one_off_session_needs_its_own_link(client, staff, now):
    client.force_login(staff)
    response = client.post(f"{SESSIONS}new/", session_form(meeting_url=""))
    assert response.status_code == 200
    assert "This field is required" in texts(response)
    assert not CoachingSession.objects.exists()
    session = make_session()
    response = client.post(
        f"{SESSIONS}edit/{session.pk}/", edit_form(session, meeting_url="")
    )
    assert response.status_code == 200
    session.refresh_from_db()
    assert session.meeting_url == MEETING_URL
