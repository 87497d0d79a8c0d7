"""Private delivery: the report on the site, its two PDFs (text read back), the
audit of every view and download, and the therapist's acknowledgement."""

import io

import pytest
from pypdf import PdfReader

from consultations.models import AuditEvent, Case, Report
from tests.community import factories as people
from tests.consultations.factories import attending, case_in, consultant
from tests.consultations.report_helpers import url

pytestmark = pytest.mark.django_db
Status = Case.Status
SHARED = "Name the withdrawal in the session as it happens."
PRIVATE = "An attachment pattern of withdrawal kept going by relief."


@pytest.fixture
def delivered():
    case = case_in(Status.DELIVERED)
    Report.objects.filter(case=case).update(
        sections={
            "question": {"text": "Working with avoidance.", "shareable": True},
            "formulation": {"text": PRIVATE, "shareable": False},
            "recommendations": {"text": SHARED, "shareable": True},
            "risk": {"text": "Ünïcode risk note — «fine».", "shareable": False},
        }
    )
    return case


def pdf_text(response) -> str:
    body = (
        b"".join(response.streaming_content) if response.streaming else response.content
    )
    reader = PdfReader(io.BytesIO(body))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def test_the_therapist_reads_the_delivered_report_and_the_view_is_recorded(
    client, delivered
):
    therapist = delivered.requester
    client.force_login(therapist)
    response = client.get(url("report", delivered))
    page = response.content.decode()
    assert response.status_code == 200
    assert SHARED in page and PRIVATE in page
    assert "May be shared with the patient" in page and "For the therapist only" in page
    assert "Acknowledge and rate" in page
    assert (
        "no-store" in response["Cache-Control"]
        or "max-age=0" in response["Cache-Control"]
    )
    assert AuditEvent.objects.filter(
        case=delivered, actor=therapist, action="view", target="report"
    ).exists()
    case_page = client.get(url("case", delivered)).content.decode()
    for name in ("report", "report-pdf", "report-shareable-pdf"):
        assert url(name, delivered) in case_page
    assert url("report-edit", delivered) not in case_page


def test_the_full_pdf_is_marked_with_the_therapists_name_and_the_date(
    client, delivered
):
    client.force_login(delivered.requester)
    response = client.get(url("report-pdf", delivered))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert delivered.reference in response["Content-Disposition"]
    assert (
        "no-cache" in response["Cache-Control"]
        or "max-age=0" in response["Cache-Control"]
    )
    text = pdf_text(response)
    assert f"Prepared for {delivered.requester.get_display_name()}" in text
    assert "Downloaded on" in text
    assert SHARED in text and PRIVATE in text
    assert "Ünïcode risk note — «fine»." in text
    assert AuditEvent.objects.filter(
        case=delivered, action="download", target="report_pdf"
    ).exists()


def test_the_shareable_pdf_holds_only_the_ticked_sections(client, delivered):
    client.force_login(delivered.requester)
    response = client.get(url("report-shareable-pdf", delivered))
    assert response["Content-Disposition"].startswith("attachment;")
    text = pdf_text(response)
    assert SHARED in text and "Working with avoidance." in text
    assert PRIVATE not in text and "Ünïcode risk note" not in text
    assert "Formulation" not in text and "Risk" not in text
    assert f"Prepared for {delivered.requester.get_display_name()}" in text
    assert AuditEvent.objects.filter(
        case=delivered, action="download", target="shareable_pdf"
    ).exists()


def test_the_therapist_acknowledges_and_rates_and_the_case_closes(client, delivered):
    client.force_login(delivered.requester)
    response = client.post(
        url("report-acknowledge", delivered), {"helpful": "yes", "changes_plan": "no"}
    )
    assert response.status_code == 302
    delivered.refresh_from_db()
    report = Report.objects.get(case=delivered)
    assert delivered.status == Status.CLOSED and delivered.closed_at is not None
    assert (report.rating_helpful, report.rating_changes_plan) == (True, False)
    assert report.acknowledged_at is not None
    assert AuditEvent.objects.filter(case=delivered, target="acknowledge").exists()
    # Closed, the report still reads and downloads for the therapist.
    page = client.get(url("report", delivered)).content.decode()
    assert (
        SHARED in page and "Acknowledged" in page and "Acknowledge and rate" not in page
    )
    assert client.get(url("report-pdf", delivered)).status_code == 200


def test_acknowledging_needs_both_answers_and_can_happen_once(client, delivered):
    client.force_login(delivered.requester)
    response = client.post(url("report-acknowledge", delivered), {"helpful": "yes"})
    assert response.status_code == 400
    assert "Please answer yes or no." in response.content.decode()
    delivered.refresh_from_db()
    assert delivered.status == Status.DELIVERED
    client.post(
        url("report-acknowledge", delivered), {"helpful": "no", "changes_plan": "yes"}
    )
    again = client.post(
        url("report-acknowledge", delivered),
        {"helpful": "yes", "changes_plan": "no"},
        follow=True,
    )
    assert "cannot be acknowledged" in again.content.decode()
    report = Report.objects.get(case=delivered)
    assert (report.rating_helpful, report.rating_changes_plan) == (False, True)


def test_only_the_therapist_acknowledges(client, delivered):
    client.force_login(delivered.lead_reviewer)
    response = client.post(
        url("report-acknowledge", delivered), {"helpful": "yes", "changes_plan": "yes"}
    )
    assert response.status_code == 403
    delivered.refresh_from_db()
    assert delivered.status == Status.DELIVERED


@pytest.mark.parametrize("status", [Status.DRAFTING, Status.IN_SIGNOFF])
def test_the_therapist_cannot_read_the_report_before_delivery(client, status):
    case = case_in(status)
    client.force_login(case.requester)
    for name in ("report", "report-pdf", "report-shareable-pdf", "report-versions"):
        assert client.get(url(name, case)).status_code == 403, name
    response = client.post(
        url("report-acknowledge", case), {"helpful": "yes", "changes_plan": "yes"}
    )
    assert response.status_code == 403
    assert "A formulation." not in client.get(url("case", case)).content.decode()


def test_the_case_team_reads_the_draft_and_its_pdf(client):
    case = case_in(Status.IN_SIGNOFF)
    for user in (case.lead_reviewer, attending(), people.director()):
        client.force_login(user)
        assert "A formulation." in client.get(url("report", case)).content.decode()
        assert "A formulation." in pdf_text(client.get(url("report-pdf", case)))


@pytest.mark.parametrize("who", ["other_member", "other_consultant"])
def test_a_stranger_to_the_case_gets_404_for_every_report_url(client, delivered, who):
    user = people.member() if who == "other_member" else consultant()
    client.force_login(user)
    for name in ("report", "report-pdf", "report-shareable-pdf", "report-versions"):
        assert client.get(url(name, delivered)).status_code == 404, name
    assert not AuditEvent.objects.filter(case=delivered, actor=user).exists()


def test_an_admin_and_a_visitor_cannot_read_or_download(client, delivered):
    for name in ("report", "report-pdf", "report-shareable-pdf"):
        response = client.get(url(name, delivered))
        assert (
            response.status_code == 302 and "/accounts/login/" in response["Location"]
        )
    client.force_login(people.admin())
    for name in ("report", "report-pdf", "report-shareable-pdf"):
        response = client.get(url(name, delivered))
        assert response.status_code in (302, 403, 404), name
        assert response.get("Content-Type") != "application/pdf"


def test_the_whole_flow_from_draft_to_closed_sends_no_report_text(
    client, django_capture_on_commit_callbacks
):
    from django.core import mail

    from tests.consultations.report_helpers import TEXTS, post_data

    case = case_in(Status.ACCEPTED)
    signer = attending()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.force_login(case.lead_reviewer)
        client.post(url("report-edit", case), post_data(action="submit"))
        client.force_login(signer)
        client.post(
            url("report-signoff", case),
            {"action": "return", "comments": "More on strengths."},
        )
        client.force_login(case.lead_reviewer)
        client.post(url("report-edit", case), post_data(action="submit"))
        client.force_login(signer)
        client.post(url("report-signoff", case), {"action": "approve"})
        client.force_login(case.requester)
        client.post(
            url("report-acknowledge", case), {"helpful": "yes", "changes_plan": "yes"}
        )
    case.refresh_from_db()
    assert case.status == Status.CLOSED
    kinds = [m.subject for m in mail.outbox]
    assert "Your consultation report is ready" in kinds
    assert any("returned" in subject for subject in kinds)
    for message in mail.outbox:
        whole = message.subject + message.body
        for text in (*TEXTS.values(), "More on strengths.", case.case_summary):
            assert text not in whole
