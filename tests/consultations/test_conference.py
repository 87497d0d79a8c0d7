"""The confidential case conference: who sees it, its discussion, the lead's
moves into conference and drafting, and its trail."""

import pytest
from django.core import mail
from django.urls import reverse

from consultations.models import AuditEvent, Case, CaseMessage
from tests.community import factories as people
from tests.consultations.factories import attending, case_in, consultant, panel_member

pytestmark = pytest.mark.django_db
Status = Case.Status
NOTE = "The pattern looks like avoidance of dependency; what maintains it?"


def url(case, name="conference"):
    return reverse(f"consultations:{name}", args=[case.pk])


def post(client, case, body, **extra):
    return client.post(url(case), {"conference-body": body, **extra})


def discussion(case):
    return CaseMessage.objects.filter(case=case, thread="conference")


@pytest.fixture
def case(db):
    return case_in(Status.IN_CONFERENCE)


def test_the_lead_posts_and_the_panel_and_director_are_told_without_the_text(
    client, case, django_capture_on_commit_callbacks
):
    seat = panel_member(case)
    chair = people.director()
    client.force_login(case.lead_reviewer)
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, case, NOTE)
    assert response.status_code == 302 and response.url.endswith("#conference")
    assert discussion(case).get().body == NOTE
    assert sorted(m.to[0] for m in mail.outbox) == sorted([seat.email, chair.email])
    assert case.requester.email not in [m.to[0] for m in mail.outbox]
    for email in mail.outbox:
        assert NOTE not in email.body and "avoidance" not in email.subject
        assert case.reference in email.subject


def test_the_team_reads_the_discussion_on_the_case_page(client, case):
    CaseMessage.objects.create(
        case=case, thread="conference", author=case.lead_reviewer, body=NOTE
    )
    for user in [
        case.lead_reviewer,
        panel_member(case),
        attending(),
        people.director(),
    ]:
        client.force_login(user)
        page = client.get(case.get_absolute_url())
        assert page.status_code == 200
        assert NOTE in page.content.decode(), user


def test_the_therapist_never_sees_the_conference(client, case):
    CaseMessage.objects.create(
        case=case, thread="conference", author=case.lead_reviewer, body=NOTE
    )
    client.force_login(case.requester)
    page = client.get(case.get_absolute_url()).content.decode()
    assert NOTE not in page and 'id="conference"' not in page
    assert client.get(url(case)).status_code == 403
    assert post(client, case, "May I join?").status_code == 403
    for name in ["conference-join", "conference-ics", "conference-open"]:
        response = (
            client.post(url(case, name))
            if name == "conference-open"
            else client.get(url(case, name))
        )
        assert response.status_code == 403, name
    assert discussion(case).count() == 1


@pytest.mark.parametrize("who", ["member", "consultant", "admin", "other_panel"])
def test_people_the_case_is_nothing_to_are_refused(client, case, who):
    user = {
        "member": people.member,
        "consultant": consultant,
        "admin": people.admin,
        "other_panel": lambda: panel_member(case_in(Status.IN_CONFERENCE)),
    }[who]()
    client.force_login(user)
    assert client.get(url(case)).status_code in (302, 404)
    assert post(client, case, NOTE).status_code in (302, 404)
    assert client.get(url(case, "conference-join")).status_code in (302, 404)
    assert not discussion(case).exists()


def test_a_visitor_signs_in_first(client, case):
    response = client.get(url(case))
    assert response.status_code == 302 and "login" in response.url


def test_the_guard_runs_on_conference_messages(client, case):
    client.force_login(case.lead_reviewer)
    text = "She works at Riverside Elementary School, phone 555-201-3344."
    response = post(client, case, text)
    assert response.status_code == 400
    assert 'class="privacy-match"' in response.content.decode()
    assert "555-201-3344" in response.content.decode()
    assert not discussion(case).exists()
    assert (
        post(client, case, text, **{"conference-privacy_confirmed": "on"}).status_code
        == 302
    )
    assert discussion(case).get().privacy_confirmed_matches


def test_opening_the_conference_is_recorded_for_the_team_member(client, case):
    seat = panel_member(case)
    client.force_login(seat)
    client.get(case.get_absolute_url())
    assert AuditEvent.objects.filter(
        case=case, actor=seat, action="view", target="conference"
    ).exists()
    client.force_login(case.requester)
    client.get(case.get_absolute_url())
    assert not AuditEvent.objects.filter(
        case=case, actor=case.requester, target="conference"
    ).exists()


def test_the_lead_opens_the_conference_then_starts_the_report(client):
    case = case_in(Status.ACCEPTED)
    client.force_login(case.lead_reviewer)
    page = client.get(case.get_absolute_url()).content.decode()
    assert "Open the conference" in page and "Start the report" in page
    assert client.post(url(case, "conference-open")).status_code == 302
    case.refresh_from_db()
    assert case.status == Status.IN_CONFERENCE
    page = client.get(case.get_absolute_url()).content.decode()
    assert "Open the conference" not in page and "Start the report" in page
    assert client.post(url(case, "start-drafting")).status_code == 302
    case.refresh_from_db()
    assert case.status == Status.DRAFTING
    assert list(
        AuditEvent.objects.filter(case=case, action="transition").values_list(
            "target", flat=True
        )
    ) == ["start_drafting", "open_conference"]


def test_a_move_out_of_order_is_a_message_and_changes_nothing(client):
    case = case_in(Status.DRAFTING)
    client.force_login(case.lead_reviewer)
    response = client.post(url(case, "conference-open"), follow=True)
    assert "cannot be taken to conference" in response.content.decode()
    case.refresh_from_db()
    assert case.status == Status.DRAFTING


def test_only_the_lead_moves_the_case(client):
    case = case_in(Status.ACCEPTED)
    client.force_login(panel_member(case))
    assert client.post(url(case, "conference-open")).status_code == 403
    client.force_login(people.director())
    assert client.post(url(case, "start-drafting")).status_code == 403
    case.refresh_from_db()
    assert case.status == Status.ACCEPTED


def test_after_delivery_the_conference_is_read_only(client):
    case = case_in(Status.DELIVERED)
    CaseMessage.objects.create(
        case=case, thread="conference", author=case.lead_reviewer, body=NOTE
    )
    client.force_login(case.lead_reviewer)
    page = client.get(url(case)).content.decode()
    assert NOTE in page and "The conference is closed" in page
    assert 'name="conference-body"' not in page
    assert post(client, case, "Late thought.").status_code == 400
    assert discussion(case).count() == 1
