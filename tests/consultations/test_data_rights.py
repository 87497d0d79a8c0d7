"""The consultations' part of "download my data" and "delete my account", and
the therapist deleting a finished case themselves."""

import json
from datetime import date

import pytest
from django.contrib.messages import get_messages
from django.core.files.base import ContentFile

from consultations import audit
from consultations.models import (
    Attachment,
    AuditEvent,
    Case,
    CaseMessage,
    ConsentRecord,
    ConsultantProfile,
    Interview,
    Offer,
    Report,
)
from tests.community import factories as people
from tests.community.factories import PASSWORD
from tests.consultations.factories import ConsultantFactory, case_in

pytestmark = pytest.mark.django_db
Status = Case.Status


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _attach(case, name="letter.pdf"):
    attachment = Attachment(
        case=case, original_name=name, size=4, content_type="application/pdf"
    )
    attachment.file.save(name, ContentFile(b"%PDF"), save=True)
    return attachment


@pytest.fixture
def delivered():
    case = case_in(Status.DELIVERED, referral_question="REQ-MARKER question")
    _attach(case)
    ConsentRecord.objects.create(
        case=case,
        kind=ConsentRecord.Kind.GIVEN,
        consent_version="v1",
        consent_text="CONSENT-MARKER text",
        obtained_on=date(2026, 1, 5),
        method=ConsentRecord.Method.IN_SESSION,
        recorded_by=case.requester,
    )
    CaseMessage.objects.create(
        case=case, thread="questions", author=case.lead_reviewer, body="Q-MARKER?"
    )
    CaseMessage.objects.create(
        case=case, thread="questions", author=case.requester, body="A-MARKER."
    )
    CaseMessage.objects.create(
        case=case, thread="conference", author=case.lead_reviewer, body="CONF-MARKER"
    )
    Report.objects.filter(case=case).update(rating_helpful=True)
    audit.record_view(case=case, actor=case.lead_reviewer, target="report")
    return case


def _export(client, user):
    client.force_login(user)
    response = client.post("/account/export/")
    assert response.status_code == 200
    return json.loads(response.content)["consultations"]


def test_the_requesters_export_holds_everything_of_their_case(client, delivered):
    data = _export(client, delivered.requester)
    (case,) = data["requested"]
    assert case["reference"] == delivered.reference
    assert case["referral_question"] == "REQ-MARKER question"
    for field in ("modality", "frequency", "duration", "tried", "case_summary"):
        assert case[field] == getattr(delivered, field)
    assert case["risk_notes"] == delivered.risk_notes
    assert case["consents"][0]["consent_text"] == "CONSENT-MARKER text"
    assert case["attachments"][0]["name"] == "letter.pdf"
    assert [m["text"] for m in case["questions_thread"]] == ["Q-MARKER?", "A-MARKER."]
    assert "CONF-MARKER" not in json.dumps(data)  # the team's, not theirs
    assert case["report"]["sections"]["question"]["text"] == "The referral question."
    assert case["report"]["rating"]["helpful"] is True
    assert case["viewed_by"][0]["who"] == delivered.lead_reviewer.get_display_name()


def test_a_draft_report_is_not_in_the_requesters_export(client):
    case = case_in(Status.DRAFTING)
    assert _export(client, case.requester)["requested"][0]["report"] is None


def test_the_consultants_export_holds_their_offers_messages_and_reports(
    client, delivered
):
    reviewer = delivered.lead_reviewer
    Interview.objects.create(
        case=delivered,
        held_on=date(2026, 1, 9),
        notes="INT-MARKER",
        recorded_by=reviewer,
    )
    data = _export(client, reviewer)["as_consultant"]
    assert data["profile"]["credentials"] == "PhD, licensed psychologist"
    assert data["offers"][0]["case"] == delivered.reference
    assert {m["text"] for m in data["messages"]} == {"Q-MARKER?", "CONF-MARKER"}
    assert data["reports"][0]["sections"]["formulation"]["text"] == "A formulation."
    assert data["interviews"][0]["notes"] == "INT-MARKER"
    assert data["activity"][0]["what"] == "report"


def _delete_account(client, user):
    client.force_login(user)
    response = client.post("/account/delete/", {"password": PASSWORD, "confirm": "on"})
    assert response.status_code == 302


def test_deleting_the_requesters_account_removes_their_cases_and_files(
    client, delivered, django_capture_on_commit_callbacks
):
    attachment = delivered.attachments.get()
    storage, name = attachment.file.storage, attachment.file.name
    assert storage.exists(name)
    with django_capture_on_commit_callbacks(execute=True):
        _delete_account(client, delivered.requester)
    assert not Case.objects.filter(pk=delivered.pk).exists()
    assert not Report.objects.filter(case_id=delivered.pk).exists()
    assert not Attachment.objects.exists()
    assert not storage.exists(name)
    assert not ConsentRecord.objects.exists()


def test_deleting_a_consultants_account_keeps_what_they_wrote_as_deleted_member(
    client, delivered
):
    reviewer = delivered.lead_reviewer
    # They also hold an open offer on another case.
    offered = case_in(Status.OFFERED, lead=reviewer)
    _delete_account(client, reviewer)

    assert not ConsultantProfile.objects.filter(user=reviewer).exists()
    assert not Offer.objects.filter(consultant=reviewer).exists()
    offered.refresh_from_db()
    assert offered.status == Status.MATCHING  # back to the director
    message = CaseMessage.objects.get(body="CONF-MARKER")
    assert message.author is None
    delivered.refresh_from_db()
    assert delivered.lead_reviewer is None
    assert delivered.report.author is None and delivered.report.sections
    event = AuditEvent.objects.filter(case=delivered, target="report").get()
    assert event.actor is None and event.actor_name == "Deleted member"


def test_a_consultant_working_on_a_case_returns_it_to_matching(client):
    case = case_in(Status.DRAFTING)
    _delete_account(client, case.lead_reviewer)
    case.refresh_from_db()
    assert case.status == Status.MATCHING and case.lead_reviewer is None
    assert hasattr(case, "report")  # the draft stays with the case


# --- the therapist deletes a finished case ----------------------------------


def test_the_therapist_deletes_a_delivered_case_after_confirming(
    client, delivered, django_capture_on_commit_callbacks
):
    attachment = delivered.attachments.get()
    storage, name = attachment.file.storage, attachment.file.name
    client.force_login(delivered.requester)
    url = f"/consultations/{delivered.pk}/delete/"
    page = client.get(url)
    assert page.status_code == 200 and "Delete for good" in page.content.decode()
    unconfirmed = client.post(url, {})
    assert unconfirmed.status_code == 400
    assert "Tick the box" in unconfirmed.content.decode()
    assert Case.objects.filter(pk=delivered.pk).exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"confirm": "on"})
    assert response.status_code == 302
    assert not Case.objects.filter(pk=delivered.pk).exists()
    assert not storage.exists(name)
    assert response["Location"] == "/consultations/"
    said = [str(m) for m in get_messages(response.wsgi_request)]
    assert said == [f"Consultation {delivered.reference} is deleted."]


def test_the_case_page_offers_the_deletion_only_when_finished(client, delivered):
    client.force_login(delivered.requester)
    html = client.get(f"/consultations/{delivered.pk}/").content.decode()
    assert "Delete this consultation" in html
    open_case = case_in(Status.DRAFTING, requester=delivered.requester)
    html = client.get(f"/consultations/{open_case.pk}/").content.decode()
    assert "Delete this consultation" not in html


def test_an_open_case_cannot_be_deleted(client):
    case = case_in(Status.DRAFTING)
    client.force_login(case.requester)
    response = client.post(f"/consultations/{case.pk}/delete/", {"confirm": "on"})
    assert response.status_code == 302
    assert Case.objects.filter(pk=case.pk).exists()
    said = [str(m) for m in get_messages(response.wsgi_request)]
    assert said == [
        "This consultation is still open: cancel it first, or wait for the report."
    ]
    page = client.get(f"/consultations/{case.pk}/delete/").content.decode()
    assert "Delete for good" not in page


@pytest.mark.parametrize("who", ["reviewer", "director", "other_member"])
def test_nobody_else_may_delete_a_case(client, delivered, who):
    user = {
        "reviewer": delivered.lead_reviewer,
        "director": people.director(),
        "other_member": people.member(),
    }[who]
    client.force_login(user)
    response = client.post(f"/consultations/{delivered.pk}/delete/", {"confirm": "on"})
    assert response.status_code == (404 if who == "other_member" else 403)
    assert Case.objects.filter(pk=delivered.pk).exists()


def test_a_consultant_profile_without_cases_is_erased_cleanly(client):
    profile = ConsultantFactory()
    _delete_account(client, profile.user)
    assert not ConsultantProfile.objects.filter(pk=profile.pk).exists()
