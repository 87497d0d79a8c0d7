"""The patient interview: the lead records it (date and notes) in the case,
only while the patient's latest consent record gives consent."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from consultations.models import AuditEvent, Case, ConsentRecord, Interview
from tests.community import factories as people
from tests.consultations.factories import case_in, consultant, panel_member

pytestmark = pytest.mark.django_db
Status = Case.Status
NOTES = "Seen for fifty minutes; describes the pattern as beginning at university."


def consent(case, kind=ConsentRecord.Kind.GIVEN):
    return ConsentRecord.objects.create(
        case=case,
        kind=kind,
        consent_version="v1",
        consent_text="I agree to be interviewed and to have my case discussed.",
        obtained_on=date.today() - timedelta(days=3),
        method=ConsentRecord.Method.IN_SESSION,
        recorded_by=case.requester,
    )


def record(client, case, *, held_on=None, notes=NOTES, follow=False, **extra):
    held_on = held_on or timezone.localdate() - timedelta(days=1)
    return client.post(
        reverse("consultations:interview", args=[case.pk]),
        {"interview-held_on": held_on.isoformat(), "interview-notes": notes, **extra},
        follow=follow,
    )


@pytest.fixture
def case(db):
    return case_in(Status.IN_CONFERENCE, interview_requested=True)


def test_with_consent_the_lead_records_the_interview_for_the_team(client, case):
    consent(case)
    client.force_login(case.lead_reviewer)
    assert (
        "Record the interview" in client.get(case.get_absolute_url()).content.decode()
    )
    assert record(client, case).status_code == 302
    interview = Interview.objects.get(case=case)
    assert (interview.notes, interview.recorded_by) == (NOTES, case.lead_reviewer)
    assert AuditEvent.objects.filter(case=case, target="interview").exists()
    seat = panel_member(case)
    client.force_login(seat)
    assert NOTES in client.get(case.get_absolute_url()).content.decode()


def test_the_therapist_never_reads_the_interview_notes(client, case):
    consent(case)
    Interview.objects.create(case=case, held_on=date.today(), notes=NOTES)
    client.force_login(case.requester)
    assert NOTES not in client.get(case.get_absolute_url()).content.decode()
    assert record(client, case, notes="Changed.").status_code == 403
    assert Interview.objects.get(case=case).notes == NOTES


def test_without_a_consent_record_it_is_refused(client, case):
    client.force_login(case.lead_reviewer)
    page = client.get(case.get_absolute_url()).content.decode()
    assert "has not recorded the patient" in page
    response = record(client, case)
    assert response.status_code == 400
    assert "consent" in response.content.decode()
    assert not Interview.objects.exists()


def test_after_a_withdrawal_it_is_refused(client, case):
    consent(case)
    consent(case, kind=ConsentRecord.Kind.WITHDRAWN)
    client.force_login(case.lead_reviewer)
    response = record(client, case)
    assert response.status_code == 400
    assert "withdrawn consent" in response.content.decode()
    assert not Interview.objects.exists()


def test_consent_given_again_after_a_withdrawal_opens_it(client, case):
    consent(case)
    consent(case, kind=ConsentRecord.Kind.WITHDRAWN)
    consent(case)
    client.force_login(case.lead_reviewer)
    assert record(client, case).status_code == 302


def test_no_interview_when_none_was_requested(client):
    case = case_in(Status.IN_CONFERENCE)
    consent(case)
    client.force_login(case.lead_reviewer)
    assert (
        "Patient interview" not in client.get(case.get_absolute_url()).content.decode()
    )
    response = record(client, case, follow=True)
    assert "No interview was requested" in response.content.decode()
    assert not Interview.objects.exists()


def test_a_date_in_the_future_is_refused(client, case):
    consent(case)
    client.force_login(case.lead_reviewer)
    response = record(client, case, held_on=timezone.localdate() + timedelta(days=2))
    assert response.status_code == 400 and NOTES in response.content.decode()
    assert not Interview.objects.exists()


def test_the_guard_runs_on_the_notes(client, case):
    consent(case)
    client.force_login(case.lead_reviewer)
    notes = "Her name is Maria Gonzales, DOB 03/14/1987."
    response = record(client, case, notes=notes)
    assert response.status_code == 400
    assert 'class="privacy-match"' in response.content.decode()
    assert not Interview.objects.exists()
    assert (
        record(
            client, case, notes=notes, **{"interview-privacy_confirmed": "on"}
        ).status_code
        == 302
    )
    assert Interview.objects.get(case=case).privacy_confirmed_matches


@pytest.mark.parametrize("who", ["panel", "director"])
def test_only_the_lead_records_it(client, case, who):
    consent(case)
    client.force_login(panel_member(case) if who == "panel" else people.director())
    assert record(client, case).status_code == 403
    assert not Interview.objects.exists()


def test_outsiders_get_404(client, case):
    consent(case)
    client.force_login(consultant())
    assert record(client, case).status_code == 404
    assert not Interview.objects.exists()
