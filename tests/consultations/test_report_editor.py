"""The report editor: drafts saved as the reviewer writes, their versions, the
privacy guard on submission, and who may write at all."""

import time

import pytest
import time_machine

from consultations.models import AuditEvent, Case, Report, ReportVersion
from tests.community import factories as people
from tests.consultations.factories import (
    ConsultantFactory,
    attending,
    case_in,
    consultant,
    panel_member,
)
from tests.consultations.report_helpers import TEXTS, post_data, url

pytestmark = pytest.mark.django_db
Status = Case.Status
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def accepted():
    return case_in(Status.ACCEPTED)


def test_the_lead_sees_every_section_with_its_help_and_the_view_is_recorded(
    client, accepted
):
    client.force_login(accepted.lead_reviewer)
    response = client.get(url("report-edit", accepted))
    page = response.content.decode()
    assert response.status_code == 200
    for label in (
        "The referral question as understood",
        "Psychiatric referral considerations",
        "Diagnostic considerations",
        "References",
    ):
        assert label in page
    assert "drawing on" in page.lower() or "more than one school" in page
    assert page.count("May be shared with the patient") == 9
    assert response["Cache-Control"].startswith("max-age=0")
    assert AuditEvent.objects.filter(
        case=accepted, action="view", target="report", actor=accepted.lead_reviewer
    ).exists()


def test_the_first_save_starts_drafting_and_keeps_a_version(client, accepted):
    client.force_login(accepted.lead_reviewer)
    response = client.post(url("report-edit", accepted), post_data(action="save"))
    assert response.status_code == 302
    accepted.refresh_from_db()
    assert accepted.status == Status.DRAFTING
    report = Report.objects.get(case=accepted)
    assert report.author == accepted.lead_reviewer
    assert report.sections["question"] == {"text": TEXTS["question"], "shareable": True}
    assert report.sections["formulation"]["shareable"] is False
    assert report.sections["diagnosis"] == {"text": "", "shareable": False}
    version = report.versions.get()
    assert (version.number, version.saved_by) == (1, accepted.lead_reviewer)
    assert AuditEvent.objects.filter(case=accepted, target="start_drafting").exists()


def test_autosave_answers_htmx_with_a_status_line_and_coalesces_versions(
    client, accepted
):
    lead = accepted.lead_reviewer
    client.force_login(lead)
    edit = url("report-edit", accepted)
    first = client.post(edit, post_data({"question": "One"}), **HTMX)
    assert first.status_code == 200
    assert "Draft saved at" in first.content.decode()
    for text in ("One two", "One two three"):
        client.post(edit, post_data({"question": text}), **HTMX)
    report = Report.objects.get(case=accepted)
    assert report.versions.count() == 1
    assert report.versions.get().sections["question"]["text"] == "One two three"

    with time_machine.travel(time.time() + 3 * 60):
        client.post(edit, post_data({"question": "Later"}), **HTMX)
    assert report.versions.count() == 2
    assert report.versions.first().sections["question"]["text"] == "Later"

    # Another person's save is a version of its own, however soon.
    director = people.director()
    client.force_login(director)
    with time_machine.travel(time.time() + 3 * 60 + 5):
        client.post(edit, post_data({"question": "Director's edit"}), **HTMX)
    latest = report.versions.first()
    assert (latest.number, latest.saved_by) == (3, director)


def test_saving_the_same_text_again_makes_no_new_version(client, accepted):
    client.force_login(accepted.lead_reviewer)
    edit = url("report-edit", accepted)
    client.post(edit, post_data(), **HTMX)
    with time_machine.travel(time.time() + 5 * 60):
        client.post(edit, post_data(), **HTMX)
    assert ReportVersion.objects.filter(report__case=accepted).count() == 1


def test_the_version_list_shows_who_and_when_and_an_old_version_reads(client, accepted):
    lead = accepted.lead_reviewer
    client.force_login(lead)
    edit = url("report-edit", accepted)
    client.post(edit, post_data({"question": "The first wording."}), **HTMX)
    with time_machine.travel(time.time() + 3 * 60):
        client.post(edit, post_data({"question": "The second wording."}), **HTMX)
    listing = client.get(url("report-versions", accepted)).content.decode()
    assert "Version 1" in listing and "Version 2" in listing
    assert lead.get_display_name() in listing
    old = client.get(url("report-version", accepted, 1)).content.decode()
    assert "The first wording." in old and "The second wording." not in old
    assert client.get(url("report-version", accepted, 9)).status_code == 404


def test_submission_with_an_identifier_is_highlighted_kept_then_confirmed(
    client, accepted
):
    client.force_login(accepted.lead_reviewer)
    edit = url("report-edit", accepted)
    texts = {**TEXTS, "formulation": "My client Maria withdraws when close."}
    response = client.post(edit, post_data(texts, action="submit"))
    page = response.content.decode()
    assert response.status_code == 400
    assert "Check for client identifiers" in page
    assert "<mark" in page and "Maria" in page
    accepted.refresh_from_db()
    assert accepted.status == Status.DRAFTING  # kept as the draft, not sent
    report = Report.objects.get(case=accepted)
    assert "Maria" in report.sections["formulation"]["text"]
    assert report.submitted_at is None

    response = client.post(
        edit, post_data(texts, action="submit", privacy_confirmed="on")
    )
    assert response.status_code == 302
    accepted.refresh_from_db()
    report.refresh_from_db()
    assert accepted.status == Status.IN_SIGNOFF
    assert report.submitted_at is not None
    stored = report.privacy_confirmed_matches
    assert stored and stored[0]["field"] == "formulation"
    assert "Maria" not in str(stored)


def test_submission_needs_the_required_sections_and_loses_nothing(client, accepted):
    client.force_login(accepted.lead_reviewer)
    texts = {"question": "Only the question so far."}
    response = client.post(
        url("report-edit", accepted), post_data(texts, action="submit")
    )
    assert response.status_code == 400
    assert "needs some text before the report is sent" in response.content.decode()
    accepted.refresh_from_db()
    assert accepted.status == Status.DRAFTING
    report = Report.objects.get(case=accepted)
    assert report.sections["question"]["text"] == "Only the question so far."


def test_a_clean_submission_goes_to_sign_off_from_conference(client):
    case = case_in(Status.IN_CONFERENCE)
    client.force_login(case.lead_reviewer)
    response = client.post(url("report-edit", case), post_data(action="submit"))
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == Status.IN_SIGNOFF


def test_the_director_may_write_the_report(client, accepted):
    director = people.director()
    client.force_login(director)
    assert client.get(url("report-edit", accepted)).status_code == 200
    client.post(url("report-edit", accepted), post_data(action="save"))
    version = ReportVersion.objects.get(report__case=accepted)
    assert version.saved_by == director


def test_the_editor_is_closed_once_the_report_is_in_sign_off(client):
    case = case_in(Status.IN_SIGNOFF)
    before = dict(Report.objects.get(case=case).sections)
    client.force_login(case.lead_reviewer)
    assert client.get(url("report-edit", case)).status_code == 302
    response = client.post(
        url("report-edit", case), post_data({"question": "Changed"}), **HTMX
    )
    assert response.status_code == 302
    assert Report.objects.get(case=case).sections == before
    case.refresh_from_db()
    assert case.status == Status.IN_SIGNOFF


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("panel", 403),
        ("attending", 403),
        ("requester", 403),
        ("offered", 403),
        ("other_consultant", 404),
        ("other_member", 404),
    ],
)
def test_only_the_lead_and_the_director_may_write(client, accepted, who, expected):
    from consultations.models import Offer

    users = {
        "panel": lambda: panel_member(accepted),
        "attending": attending,
        "requester": lambda: accepted.requester,
        "other_consultant": consultant,
        "other_member": people.member,
    }
    if who == "offered":
        user = consultant()
        Offer.objects.create(
            case=accepted,
            consultant=user,
            rank=2,
            status=Offer.Status.PENDING,
            accept_by=accepted.due_at,
        )
    else:
        user = users[who]()
    client.force_login(user)
    assert client.get(url("report-edit", accepted)).status_code == expected
    response = client.post(url("report-edit", accepted), post_data(action="save"))
    assert response.status_code == expected
    assert not Report.objects.filter(case=accepted).exists()


def test_an_admin_and_a_visitor_are_kept_out_of_the_editor(client, accepted):
    response = client.get(url("report-edit", accepted))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    admin = people.admin()
    client.force_login(admin)
    response = client.get(url("report-edit", accepted))
    assert response.status_code in (302, 403, 404)
    assert TEXTS["question"] not in response.content.decode()


def test_a_consultant_taken_out_of_the_pool_can_no_longer_write(client, accepted):
    ConsultantFactory._meta.model.objects.filter(user=accepted.lead_reviewer).update(
        active=False
    )
    client.force_login(accepted.lead_reviewer)
    assert client.get(url("report-edit", accepted)).status_code in (302, 404)


def test_an_autosave_never_submits_even_with_the_submit_buttons_value(client, accepted):
    client.force_login(accepted.lead_reviewer)
    response = client.post(
        url("report-edit", accepted), post_data(action="submit"), **HTMX
    )
    assert "Draft saved at" in response.content.decode()
    accepted.refresh_from_db()
    assert accepted.status == Status.DRAFTING


def test_the_editor_works_without_javascript(client, accepted):
    client.force_login(accepted.lead_reviewer)
    page = client.get(url("report-edit", accepted)).content.decode()
    assert 'method="post"' in page
    assert 'name="action" value="save"' in page
    assert 'name="action" value="submit"' in page
    assert 'hx-trigger="input delay:4s' in page
