"""The request's part of the case page, per role: a consultant holding only an
offer reads the question, the summary and the urgency, nothing more; the team
and the requester read everything; the note of a return or a decline shows."""

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from consultations.models import Attachment, Case, ConsentRecord, Offer
from tests.consultations.factories import case_in, panel_member
from tests.consultations.request_helpers import pdf_bytes

pytestmark = pytest.mark.django_db
Status = Case.Status


def _with_material(case):
    attachment = Attachment(
        case=case, original_name="history.pdf", size=10, content_type="application/pdf"
    )
    attachment.file.save("x.pdf", ContentFile(pdf_bytes()), save=False)
    attachment.save()
    ConsentRecord.objects.create(
        case=case,
        kind="given",
        consent_version="2026-1",
        consent_text="…",
        obtained_on=timezone.localdate(),
        method="video",
    )
    return case


def _page(client, user, case) -> str:
    client.force_login(user)
    response = client.get(case.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def test_an_offered_consultant_reads_only_the_question_summary_and_urgency(client):
    case = _with_material(
        case_in(
            Status.OFFERED, risk_notes="Self-harm last year.", interview_requested=True
        )
    )
    page = _page(client, Offer.objects.get(case=case).consultant, case)
    assert case.referral_question in page.replace("&#x27;", "'")
    assert case.case_summary in page
    assert "Standard" in page
    assert "Self-harm last year." not in page
    assert "history.pdf" not in page
    assert "Consent given" not in page
    assert case.tried not in page


@pytest.mark.parametrize("who", ["requester", "lead", "panel"])
def test_the_requester_and_the_team_read_everything(client, who):
    case = _with_material(
        case_in(
            Status.DRAFTING, risk_notes="Self-harm last year.", interview_requested=True
        )
    )
    user = {
        "requester": case.requester,
        "lead": case.lead_reviewer,
        "panel": panel_member(case),
    }[who]
    page = _page(client, user, case)
    assert "Self-harm last year." in page
    assert "history.pdf" in page
    assert "Consent given" in page
    assert "Edit the request" not in page  # with a reviewer: no longer editable


def test_the_requester_sees_edit_send_and_cancel_on_a_draft(client, member):
    case = case_in(Status.DRAFT, requester=member)
    page = _page(client, member, case)
    assert "Edit the request" in page
    assert "Send the request" in page
    assert "Cancel the request" in page


@pytest.mark.parametrize("status", [Status.RETURNED, Status.DECLINED])
def test_the_director_s_note_shows_on_a_return_or_decline(client, member, status):
    case = case_in(
        status, requester=member, director_note="Please add the risk history."
    )
    page = _page(client, member, case)
    assert "Please add the risk history." in page
    if status == Status.RETURNED:
        assert "Send it again" in page
    else:
        assert "Edit the request" not in page and "Cancel the request" not in page
