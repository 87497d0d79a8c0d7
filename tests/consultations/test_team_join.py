"""The live conference: scheduling, the join door through the site (the
sessions' gate) and the calendar file for the panel."""

import zoneinfo
from datetime import datetime, time, timedelta

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from consultations.models import AuditEvent, Case
from tests.community import factories as people
from tests.consultations.factories import case_in, consultant, panel_member

pytestmark = pytest.mark.django_db
Status = Case.Status
VIDEO = "https://video.example.org/room/secret-4711"


def url(case, name):
    return reverse(f"consultations:{name}", args=[case.pk])


@pytest.fixture
def case(db):
    case = case_in(Status.IN_CONFERENCE)
    case.conference_at = timezone.now() + timedelta(hours=2)
    case.conference_minutes = 60
    case.conference_url = VIDEO
    case.save()
    return case


def join(client, case):
    return client.get(url(case, "conference-join"))


def test_early_the_page_says_when_it_opens_and_hides_the_link(client, case):
    client.force_login(case.lead_reviewer)
    response = join(client, case)
    assert response.status_code == 200
    html = response.content.decode()
    assert "opens 15 minutes before" in html and VIDEO not in html


def test_from_15_minutes_before_it_redirects_to_the_video_and_records_it(client, case):
    seat = panel_member(case)
    client.force_login(seat)
    with time_machine.travel(case.conference_at - timedelta(minutes=14)):
        response = join(client, case)
    assert response.status_code == 302 and response.url == VIDEO
    assert response["Referrer-Policy"] == "no-referrer"
    assert AuditEvent.objects.filter(
        case=case, actor=seat, action="view", target="conference"
    ).exists()


def test_after_the_end_it_is_closed(client, case):
    client.force_login(case.lead_reviewer)
    with time_machine.travel(case.conference_at + timedelta(minutes=61)):
        response = join(client, case)
    assert response.status_code == 200
    assert "This conference has ended" in response.content.decode()


def test_without_a_link_it_asks_to_come_back(client, case):
    case.conference_url = ""
    case.save()
    client.force_login(case.lead_reviewer)
    with time_machine.travel(case.conference_at):
        response = join(client, case)
    assert response.status_code == 200
    assert "has not been added yet" in response.content.decode()


def test_not_scheduled_is_said_so(client):
    case = case_in(Status.IN_CONFERENCE)
    client.force_login(case.lead_reviewer)
    response = join(client, case)
    assert response.status_code == 200
    assert "No live conference is scheduled" in response.content.decode()
    assert client.get(url(case, "conference-ics")).status_code == 404


def test_once_delivered_the_door_stays_shut(client, case):
    case.status = Status.DELIVERED
    case.save()
    client.force_login(case.lead_reviewer)
    with time_machine.travel(case.conference_at):
        response = join(client, case)
    assert response.status_code == 200 and VIDEO not in response.content.decode()


@pytest.mark.parametrize("who", ["requester", "member", "consultant", "other_panel"])
def test_outsiders_never_reach_the_video(client, case, who):
    user = {
        "requester": lambda: case.requester,
        "member": people.member,
        "consultant": consultant,
        "other_panel": lambda: panel_member(case_in(Status.IN_CONFERENCE)),
    }[who]()
    client.force_login(user)
    with time_machine.travel(case.conference_at):
        response = join(client, case)
        ics = client.get(url(case, "conference-ics"))
    assert response.status_code == (403 if who == "requester" else 404)
    assert ics.status_code == response.status_code


def test_a_visitor_signs_in_first(client, case):
    with time_machine.travel(case.conference_at):
        response = join(client, case)
    assert response.status_code == 302 and "login" in response.url


def test_the_calendar_file_names_the_reference_and_the_join_page_only(client, case):
    client.force_login(panel_member(case))
    response = client.get(url(case, "conference-ics"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert "attachment" in response["Content-Disposition"]
    body = response.content.decode()
    event = Calendar.from_ical(response.content).walk("VEVENT")[0]
    assert str(event["SUMMARY"]) == f"Case conference, consultation {case.reference}"
    assert str(event["URL"]).endswith(f"/consultations/{case.pk}/conference/join/")
    assert event.decoded("DTSTART") == case.conference_at.replace(microsecond=0)
    assert event.decoded("DTEND") - event.decoded("DTSTART") == timedelta(minutes=60)
    unfolded = body.replace("\r\n ", "")
    assert VIDEO not in unfolded and "secret-4711" not in unfolded
    for text in [
        case.case_summary,
        case.referral_question,
        case.requester.display_name,
    ]:
        assert text not in unfolded


def schedule(client, case, **data):
    return client.post(
        url(case, "conference-schedule"),
        {f"schedule-{k}": v for k, v in data.items()},
    )


def test_the_lead_schedules_in_their_zone_and_the_panel_is_emailed_the_door(
    client, django_capture_on_commit_callbacks
):
    case = case_in(Status.IN_CONFERENCE)
    seat = panel_member(case)
    case.lead_reviewer.time_zone = "America/New_York"
    case.lead_reviewer.save()
    client.force_login(case.lead_reviewer)
    new_york = zoneinfo.ZoneInfo("America/New_York")
    day = (timezone.now().astimezone(new_york) + timedelta(days=3)).date()
    expected = datetime.combine(day, time(9, 30), tzinfo=new_york)
    with django_capture_on_commit_callbacks(execute=True):
        response = schedule(
            client, case, starts_at=f"{day.isoformat()}T09:30", minutes="45", url=VIDEO
        )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.conference_at == expected
    assert (case.conference_minutes, case.conference_url) == (45, VIDEO)
    assert [m.to for m in mail.outbox] == [[seat.email]]
    email = mail.outbox[0]
    assert f"/consultations/{case.pk}/conference/join/" in email.body
    assert VIDEO not in email.body and case.case_summary not in email.body


def test_a_time_in_the_past_comes_back_with_what_was_typed(client):
    case = case_in(Status.IN_CONFERENCE)
    client.force_login(case.lead_reviewer)
    past = timezone.localtime() - timedelta(days=2)
    response = schedule(
        client, case, starts_at=past.strftime("%Y-%m-%dT%H:%M"), minutes="60", url=VIDEO
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "in the future" in html and VIDEO in html
    case.refresh_from_db()
    assert case.conference_at is None


def test_a_panel_member_cannot_schedule(client):
    case = case_in(Status.IN_CONFERENCE)
    client.force_login(panel_member(case))
    response = schedule(
        client,
        case,
        starts_at=(timezone.now() + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M"),
        minutes="60",
        url=VIDEO,
    )
    assert response.status_code == 403
    case.refresh_from_db()
    assert case.conference_at is None
