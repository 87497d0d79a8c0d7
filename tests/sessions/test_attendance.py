"""Attendance: the join link records who joined; after the session the director
confirms who attended and for how long (and adds people who joined another
way); the recording never counts."""

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from notifications.models import Notification
from sessions.models import Attendance, CoachingSession
from sessions.selectors import sessions_export
from sessions.services.attendance import attendance_record
from tests.community import factories

pytestmark = pytest.mark.django_db


def page(session):
    return reverse("coaching_sessions:attendance", args=[session.pk])


@pytest.fixture
def live(make_session):
    """A 90-minute session that started ten minutes ago."""
    return make_session(
        starts_in=-timedelta(minutes=10), recording_url="https://v.example.org/r/1"
    )


@pytest.fixture
def held(make_session):
    """A 90-minute session that ended yesterday."""
    return make_session(starts_in=-timedelta(days=1, hours=2))


def joined(session, user, *, joins=1):
    first = session.starts_at + timedelta(minutes=2)
    return Attendance.objects.create(
        session=session,
        user=user,
        first_joined_at=first,
        last_joined_at=first + timedelta(minutes=5),
        join_count=joins,
    )


# The join link and the recording ------------------------------------------------


def test_the_join_link_records_an_unconfirmed_attendance(client, member, live):
    client.force_login(member)
    response = client.get(reverse("coaching_sessions:join", args=[live.pk]))
    assert response.status_code == 302
    client.get(reverse("coaching_sessions:join", args=[live.pk]))

    row = Attendance.objects.get(session=live, user=member)
    assert row.source == Attendance.Source.JOIN_LINK
    assert row.join_count == 2
    assert row.first_joined_at is not None
    assert row.minutes is None and row.confirmed_at is None


def test_watching_the_recording_records_no_attendance(client, member, held):
    held.recording_url = "https://videos.example.org/rec/9"
    held.save()
    client.force_login(member)
    response = client.get(reverse("coaching_sessions:recording", args=[held.pk]))
    assert response.status_code == 302
    assert not Attendance.objects.exists()


# Who may confirm ------------------------------------------------------------------


def test_visitors_are_sent_to_sign_in(client, held):
    response = client.get(page(held))
    assert response.status_code == 302
    assert reverse("account_login") in response.url


@pytest.mark.parametrize("role", ["member", "lapsed", "signed_up"])
def test_members_and_lapsed_members_cannot_confirm(as_role, role, held):
    client, user = as_role(role)
    someone = factories.member()
    joined(held, someone)
    assert client.get(page(held)).status_code == 403
    data = {f"attended-{someone.pk}": "on", f"minutes-{someone.pk}": "80"}
    assert client.post(page(held), data).status_code == 403
    assert Attendance.objects.get(user=someone).confirmed_at is None
    assert not Notification.objects.exists()


def test_before_the_start_the_page_says_so_and_saves_nothing(
    client, director, make_session
):
    upcoming = make_session(starts_in=timedelta(hours=3))
    someone = factories.member()
    client.force_login(director)

    response = client.get(page(upcoming))
    assert response.status_code == 200
    assert "has not started yet" in response.content.decode()
    assert "Confirm attendance</button>" not in response.content.decode()

    response = client.post(
        page(upcoming), {"add_member": someone.email, "add_minutes": "60"}
    )
    assert response.status_code == 400
    assert not Attendance.objects.exists()


def test_a_cancelled_session_has_no_attendance_to_confirm(client, director, held):
    held.status = CoachingSession.Status.CANCELLED
    held.save()
    client.force_login(director)
    assert "was cancelled" in client.get(page(held)).content.decode()


# Confirming -----------------------------------------------------------------------


def test_the_page_lists_joiners_ticked_with_the_sessions_length(client, director, held):
    first, second = factories.member(), factories.member()
    joined(held, first, joins=3)
    joined(held, second)
    client.force_login(director)

    response = client.get(page(held))

    assert response.status_code == 200
    html = response.content.decode()
    for person in (first, second):
        assert person.get_display_name() in html
        assert f'name="attended-{person.pk}"' in html
        assert f'id="id_attended-{person.pk}" checked' in html
        assert f'name="minutes-{person.pk}" value="90"' in html
    assert f'for="id_minutes-{first.pk}"' in html  # every field has a label
    assert "<td>3</td>" in html


def test_the_page_query_count_does_not_grow_with_joiners(
    client, director, held, django_assert_max_num_queries
):
    client.force_login(director)
    for _ in range(2):
        joined(held, factories.member())
    with django_assert_max_num_queries(20) as few:
        client.get(page(held))
    for _ in range(6):
        joined(held, factories.member())
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(page(held))


def test_the_director_confirms_adds_a_member_and_members_are_told(
    client, director, held
):
    came, left_early, by_phone = (factories.member() for _ in range(3))
    joined(held, came)
    joined(held, left_early)
    client.force_login(director)

    response = client.post(
        page(held),
        {
            f"attended-{came.pk}": "on",
            f"minutes-{came.pk}": "90",
            f"attended-{left_early.pk}": "on",
            f"minutes-{left_early.pk}": "35",
            "add_member": by_phone.email.upper(),
            "add_minutes": "60",
        },
    )

    assert response.status_code == 302
    rows = {row.user_id: row for row in Attendance.objects.filter(session=held)}
    assert rows[came.pk].minutes == 90
    assert rows[left_early.pk].minutes == 35
    added = rows[by_phone.pk]
    assert added.minutes == 60
    assert added.source == Attendance.Source.DIRECTOR
    assert added.first_joined_at is None and added.join_count == 0
    assert all(row.confirmed_by == director for row in rows.values())
    held.refresh_from_db()
    assert held.attendance_confirmed_at is not None

    entry = Notification.objects.get(user=left_early)
    day = held.starts_at.astimezone(ZoneInfo(left_early.time_zone))
    assert entry.kind == "attendance"
    assert entry.title == (
        f"Your attendance at the {day.day} {day:%B %Y} session was confirmed: "
        "35 minutes"
    )
    assert held.title not in entry.title
    assert Notification.objects.filter(user=by_phone).count() == 1

    # The added member is listed now, for corrections.
    assert (
        f'name="minutes-{by_phone.pk}" value="60"'
        in client.get(page(held)).content.decode()
    )


def test_a_member_can_be_added_by_their_name(client, director, held):
    person = factories.member(user__display_name="Dana Reyes")
    client.force_login(director)
    client.post(page(held), {"add_member": "dana reyes"})
    assert Attendance.objects.get(user=person).minutes == 90


def test_confirming_again_corrects_minutes_and_unticks(client, director, held):
    first, second = factories.member(), factories.member()
    joined(held, first)
    joined(held, second)
    client.force_login(director)
    both = {
        f"attended-{first.pk}": "on",
        f"minutes-{first.pk}": "90",
        f"attended-{second.pk}": "on",
        f"minutes-{second.pk}": "90",
    }
    client.post(page(held), both)

    response = client.post(
        page(held),
        {
            f"minutes-{first.pk}": "90",
            f"attended-{second.pk}": "on",
            f"minutes-{second.pk}": "45",
        },
    )

    assert response.status_code == 302
    first_row = Attendance.objects.get(user=first)
    assert first_row.minutes is None and first_row.confirmed_at is not None
    assert Attendance.objects.get(user=second).minutes == 45
    titles = list(
        Notification.objects.filter(user=second).values_list("title", flat=True)
    )
    assert len(titles) == 2 and titles[0].endswith("45 minutes")
    # The unticked member's earlier entry stays; no new one says they attended.
    assert Notification.objects.filter(user=first).count() == 1
    # Re-confirming the same minutes tells nobody again.
    client.post(
        page(held), {f"attended-{second.pk}": "on", f"minutes-{second.pk}": "45"}
    )
    assert Notification.objects.filter(user=second).count() == 2


@pytest.mark.parametrize(
    "minutes",
    ["0", "151", "-5", "many", ""],
    ids=["zero", "too-many", "neg", "text", "empty"],
)
def test_bad_minutes_are_refused_and_nothing_is_saved(client, director, held, minutes):
    good, bad = factories.member(), factories.member()
    joined(held, good)
    joined(held, bad)
    client.force_login(director)

    response = client.post(
        page(held),
        {
            f"attended-{good.pk}": "on",
            f"minutes-{good.pk}": "80",
            f"attended-{bad.pk}": "on",
            f"minutes-{bad.pk}": minutes,
        },
    )

    assert response.status_code == 400
    assert "There is a problem" in response.content.decode()
    assert f'value="{minutes}"' in response.content.decode() or minutes == ""
    assert not Attendance.objects.filter(confirmed_at__isnull=False).exists()
    assert not Notification.objects.exists()
    held.refresh_from_db()
    assert held.attendance_confirmed_at is None


def test_the_upper_limit_is_the_sessions_length_plus_an_hour(client, director, held):
    person = factories.member()
    joined(held, person)
    client.force_login(director)
    data = {f"attended-{person.pk}": "on", f"minutes-{person.pk}": "150"}
    assert client.post(page(held), data).status_code == 302
    assert Attendance.objects.get(user=person).minutes == 150


@pytest.mark.parametrize(
    ("query", "minutes"),
    [("nobody@example.org", "60"), ("", "60"), ("{email}", "500")],
    ids=["unknown", "minutes-for-nobody", "too-long"],
)
def test_bad_additions_are_refused(client, director, held, query, minutes):
    person = factories.member()
    client.force_login(director)
    response = client.post(
        page(held),
        {"add_member": query.format(email=person.email), "add_minutes": minutes},
    )
    assert response.status_code == 400
    assert not Attendance.objects.exists()


def test_the_director_page_links_attendance_once_the_session_started(
    client, director, held, make_session
):
    upcoming = make_session(starts_in=timedelta(days=2))
    client.force_login(director)
    detail = reverse("coaching_sessions:detail", args=[held.pk])
    assert page(held) in client.get(detail).content.decode()
    later = reverse("coaching_sessions:detail", args=[upcoming.pk])
    assert page(upcoming) not in client.get(later).content.decode()


def test_members_do_not_see_the_attendance_link(client, member, held):
    client.force_login(member)
    detail = reverse("coaching_sessions:detail", args=[held.pk])
    assert page(held) not in client.get(detail).content.decode()


# Data rights --------------------------------------------------------------------


def test_export_carries_the_confirmed_minutes_and_erase_removes_them(
    client, director, held
):
    from sessions.data_rights import erase

    person = factories.member()
    joined(held, person)
    client.force_login(director)
    client.post(
        page(held), {f"attended-{person.pk}": "on", f"minutes-{person.pk}": "70"}
    )

    _, data = sessions_export(user=person)
    [row] = data["attendance"]
    assert row["minutes_confirmed"] == 70
    assert row["source"] == "join_link"
    assert row["confirmed_at"]

    erase(user=director)
    assert Attendance.objects.get(user=person).confirmed_by is None
    erase(user=person)
    assert not Attendance.objects.filter(user=person).exists()


@pytest.mark.parametrize("who", ["signed_up", "lapsed"])
def test_an_account_without_membership_cannot_be_given_attendance(
    client, director, held, who
):
    # From the QA pass: a signed-up visitor was given CE hours by hand.
    person = (
        factories.UserFactory() if who == "signed_up" else factories.lapsed_member()
    )
    client.force_login(director)
    response = client.post(page(held), {"add_member": person.email})
    assert response.status_code == 400
    assert "has no membership" in response.text
    assert not Attendance.objects.exists()


def test_too_many_minutes_say_whose_row_it_is(client, director, held):
    dana = factories.member(user__display_name="Dana R.")
    attendance_record(session=held, user=dana, now=held.starts_at)
    client.force_login(director)
    response = client.post(
        page(held), {f"attended-{dana.pk}": "on", f"minutes-{dana.pk}": "999"}
    )
    assert response.status_code == 400
    assert "Minutes for Dana R. can" in response.text
    assert Attendance.objects.get(user=dana).minutes is None
