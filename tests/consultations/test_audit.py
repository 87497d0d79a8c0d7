"""The audit pages: the therapist sees who viewed their case (the latest on the
case page, all of it on its own page), the director sees every case's trail;
anyone else is refused. Query counts stay flat."""

from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from consultations import audit
from consultations.models import AuditEvent, Case
from tests.community import factories as people
from tests.consultations.factories import case_in, consultant

pytestmark = pytest.mark.django_db
Status = Case.Status


def _page(client, user, url):
    client.force_login(user)
    return client.get(url)


def test_the_therapist_sees_who_else_viewed_their_case_by_name(client):
    reviewer = consultant(user__display_name="Reviewer Rhea")
    case = case_in(Status.DRAFTING, lead=reviewer)
    audit.record_view(case=case, actor=reviewer, target="conference")
    audit.record_download(case=case, actor=reviewer, target="report_pdf")
    response = _page(client, case.requester, f"/consultations/{case.pk}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Who viewed this case" in html
    assert "Reviewer Rhea" in html
    assert "viewed the case conference" in html
    assert "downloaded the report (PDF)" in html
    # Their own visit (just recorded by the case page) is not listed to them.
    assert case.requester.get_display_name() not in html.split("Who viewed")[1]


def test_the_full_list_is_paginated_newest_first_and_role_neutral(client):
    reviewer = consultant(user__display_name="Reviewer Rhea")
    case = case_in(Status.DRAFTING, lead=reviewer)
    for _ in range(30):
        audit.record_view(case=case, actor=reviewer)
    audit.record_change(case=case, actor=reviewer, target="report")
    response = _page(client, case.requester, f"/consultations/{case.pk}/audit/")
    html = response.content.decode()
    assert response.status_code == 200
    assert html.index("changed the report") < html.index("viewed the case")
    assert "Page 1 of 2" in html
    assert "lead reviewer" not in html.lower()
    second = client.get(f"/consultations/{case.pk}/audit/?page=2").content.decode()
    assert "Page 2 of 2" in second


def test_a_transition_reads_as_from_and_to(client):
    case = case_in(Status.TRIAGE)
    director = people.director(display_name="Director Dee")
    audit.record(
        case=case,
        actor=director,
        action=AuditEvent.Action.TRANSITION,
        target="accept_for_matching",
        from_status=Status.TRIAGE,
        to_status=Status.MATCHING,
    )
    html = _page(client, case.requester, f"/consultations/{case.pk}/audit/")
    assert "moved it from “In triage” to “Finding a reviewer”" in html.content.decode()


def test_times_are_shown_in_the_viewers_zone(client):
    case = case_in(Status.DRAFTING)
    event = audit.record_view(case=case, actor=case.lead_reviewer)
    case.requester.time_zone = "Asia/Tokyo"
    case.requester.save()
    html = _page(client, case.requester, f"/consultations/{case.pk}/audit/")
    assert "JST" in html.content.decode()
    # The day in Tokyo (the UTC day is another one for nine hours of each day).
    tokyo = timezone.localtime(event.at, timezone=ZoneInfo("Asia/Tokyo"))
    assert tokyo.isoformat()[:10] in html.content.decode()


@pytest.mark.parametrize("who", ["reviewer", "panel", "other_member", "admin"])
def test_others_may_not_read_a_cases_audit_list(client, who):
    case = case_in(Status.DRAFTING)
    if who == "reviewer":
        user, expected = case.lead_reviewer, 403
    elif who == "panel":
        from tests.consultations.factories import panel_member

        user, expected = panel_member(case), 403
    elif who == "other_member":
        user, expected = people.member(), 404
    else:
        user, expected = people.admin(), 404
    assert (
        _page(client, user, f"/consultations/{case.pk}/audit/").status_code == expected
    )


def test_a_visitor_is_sent_to_sign_in(client):
    case = case_in(Status.DRAFTING)
    response = client.get(f"/consultations/{case.pk}/audit/")
    assert response.status_code == 302 and "login" in response["Location"]


def test_the_case_page_shows_no_audit_part_to_the_reviewer(client):
    case = case_in(Status.DRAFTING)
    html = _page(client, case.lead_reviewer, f"/consultations/{case.pk}/")
    assert "Who viewed this case" not in html.content.decode()


def test_the_director_sees_every_case_and_filters(client):
    first, second = case_in(Status.DRAFTING), case_in(Status.TRIAGE)
    rhea = consultant(user__display_name="Reviewer Rhea")
    audit.record_view(case=first, actor=rhea, target="report")
    audit.record_download(case=second, actor=first.requester, target="attachment:3")
    director = people.director()
    html = _page(client, director, "/consultations/director/audit/").content.decode()
    assert first.reference in html and second.reference in html
    assert director.get_display_name() not in html  # not listed before any view
    by_ref = client.get(
        "/consultations/director/audit/", {"reference": second.reference}
    ).content.decode()
    assert second.reference in by_ref and first.reference not in by_ref
    by_actor = client.get(
        "/consultations/director/audit/", {"actor": "rhea"}
    ).content.decode()
    assert "viewed the report" in by_actor and "downloaded" not in by_actor
    by_action = client.get(
        "/consultations/director/audit/", {"action": "download"}
    ).content.decode()
    assert (
        "downloaded an attachment" in by_action and "viewed the report" not in by_action
    )


def test_a_bad_filter_is_a_400_with_the_message_not_a_500(client):
    client.force_login(people.director())
    response = client.get("/consultations/director/audit/", {"action": "nonsense"})
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()


def test_the_filters_survive_pagination(client):
    case = case_in(Status.DRAFTING)
    for _ in range(55):
        audit.record_view(case=case, actor=case.lead_reviewer)
    client.force_login(people.director())
    html = client.get(
        "/consultations/director/audit/", {"action": "view"}
    ).content.decode()
    assert "action=view&amp;page=2" in html


@pytest.mark.parametrize(
    "who", ["member", "requester", "consultant", "attending", "admin"]
)
def test_only_the_director_opens_the_whole_trail(client, who):
    case = case_in(Status.DRAFTING)
    users = {
        "member": people.member,
        "requester": lambda: case.requester,
        "consultant": lambda: case.lead_reviewer,
        "attending": lambda: __import__(
            "tests.consultations.factories", fromlist=["attending"]
        ).attending(),
        "admin": people.admin,
    }
    response = _page(client, users[who](), "/consultations/director/audit/")
    assert response.status_code in (302, 403)
    assert case.reference not in response.content.decode()


def test_the_directors_trail_needs_two_factor(client):
    director = people.director(two_factor=False)
    response = _page(client, director, "/consultations/director/audit/")
    assert response.status_code == 302


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_query_counts_stay_flat(client):
    case = case_in(Status.DRAFTING)
    director = people.director()
    client.force_login(director)
    audit.record_view(case=case, actor=case.lead_reviewer)
    few = (
        _count(client, "/consultations/director/audit/"),
        _count(client, f"/consultations/{case.pk}/audit/"),
    )
    others = [case_in(Status.DRAFTING) for _ in range(5)]
    for other in [case, *others]:
        for _ in range(8):
            audit.record_view(case=other, actor=consultant())
    many = (
        _count(client, "/consultations/director/audit/"),
        _count(client, f"/consultations/{case.pk}/audit/"),
    )
    assert many == few
