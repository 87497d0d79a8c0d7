"""The patient's consent: recorded with the versioned text shown, withdrawn by
a new record (never an edit), and required before a request with an interview
is sent."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from consultations.models import AuditEvent, Case, ConsentRecord
from consultations.selectors.requests import consent_is_current, current_consent
from tests.community import factories as people
from tests.consultations.factories import case_in, consultant
from tests.consultations.request_helpers import post_edit

pytestmark = pytest.mark.django_db
Status = Case.Status


def _consent_url(case):
    return reverse("consultations:consent", args=[case.pk])


def _withdraw_url(case):
    return reverse("consultations:consent-withdraw", args=[case.pk])


def _give(client, case, **fields):
    data = {
        "version": current_consent().version,
        "obtained_on": timezone.localdate().isoformat(),
        "method": ConsentRecord.Method.VIDEO,
        "confirm": "on",
        **fields,
    }
    return client.post(_consent_url(case), data)


@pytest.fixture
def draft(member):
    return case_in(Status.DRAFT, requester=member, interview_requested=True)


def test_the_consent_page_shows_the_current_versioned_text(client, member, draft):
    client.force_login(member)
    page = client.get(_consent_url(draft)).content.decode()
    consent = current_consent()
    assert f"version {consent.version}" in page
    assert "does not store your" in page  # the text itself, from the data file
    assert "never stores the patient" in page


def test_recording_consent_keeps_the_text_and_version_shown(client, member, draft):
    client.force_login(member)
    response = _give(client, draft)
    assert response.status_code == 302
    record = ConsentRecord.objects.get(case=draft)
    assert record.kind == ConsentRecord.Kind.GIVEN
    assert record.consent_version == current_consent().version
    assert record.consent_text == current_consent().text
    assert record.recorded_by == member
    assert consent_is_current(draft)
    assert AuditEvent.objects.filter(case=draft, target="consent").exists()


def test_consent_needs_the_tick_a_date_not_in_the_future_and_the_current_text(
    client, member, draft
):
    client.force_login(member)
    assert _give(client, draft, confirm="").status_code == 400
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    response = _give(client, draft, obtained_on=tomorrow)
    assert response.status_code == 400
    assert "cannot be in the future" in response.content.decode()
    response = _give(client, draft, version="1999-old")
    assert response.status_code == 400
    assert "consent text was updated" in response.content.decode()
    assert not ConsentRecord.objects.exists()


def test_sending_with_an_interview_is_refused_without_consent(client, member, draft):
    client.force_login(member)
    response = post_edit(client, draft, action="submit", interview_requested="on")
    assert response.status_code == 400
    assert "record the patient&#x27;s consent" in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT
    # From the case page too.
    response = client.post(reverse("consultations:request-submit", args=[draft.pk]))
    assert response.status_code == 400
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT

    _give(client, draft)
    response = post_edit(client, draft, action="submit", interview_requested="on")
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == Status.SUBMITTED


def test_without_an_interview_no_consent_is_needed(client, member, draft):
    client.force_login(member)
    assert post_edit(client, draft, action="submit").status_code == 302


def test_withdrawal_is_a_new_record_and_the_old_one_is_untouched(
    client, member, draft, django_capture_on_commit_callbacks
):
    client.force_login(member)
    _give(client, draft)
    given = ConsentRecord.objects.get()
    case = Case.objects.get(pk=draft.pk)
    reviewer = consultant()
    Case.objects.filter(pk=case.pk).update(
        status=Status.ACCEPTED, lead_reviewer=reviewer
    )
    page = client.get(_withdraw_url(case))
    assert page.status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            _withdraw_url(case),
            {
                "obtained_on": timezone.localdate().isoformat(),
                "method": ConsentRecord.Method.PHONE,
                "confirm": "on",
            },
        )
    assert response.status_code == 302
    records = list(ConsentRecord.objects.order_by("pk"))
    assert [r.kind for r in records] == ["given", "withdrawn"]
    assert records[0].method == given.method  # never edited
    assert records[1].consent_version == given.consent_version
    assert not consent_is_current(case)
    told = [m for m in mail.outbox if reviewer.email in m.to]
    assert len(told) == 1 and "withdrew" in told[0].body
    assert case.case_summary not in told[0].body
    # Nothing left to withdraw.
    response = client.post(_withdraw_url(case), {"confirm": "on"})
    assert response.status_code == 302
    assert ConsentRecord.objects.count() == 2


def test_the_case_page_shows_the_consent_history(client, member, draft):
    client.force_login(member)
    _give(client, draft)
    page = client.get(draft.get_absolute_url()).content.decode()
    assert "Consent given" in page
    assert "The patient withdraws consent" in page


@pytest.mark.parametrize(
    "who", ["other_member", "consultant", "lead", "admin", "visitor"]
)
def test_only_the_requester_records_or_withdraws_consent(client, who):
    case = case_in(Status.ACCEPTED, interview_requested=True)
    ConsentRecord.objects.create(
        case=case,
        kind="given",
        consent_version="2026-1",
        consent_text="…",
        obtained_on=timezone.localdate(),
        method="video",
    )
    user = {
        "other_member": people.member,
        "consultant": consultant,
        "lead": lambda: case.lead_reviewer,
        "admin": people.admin,
        "visitor": lambda: None,
    }[who]()
    if user:
        client.force_login(user)
    for url in (_consent_url(case), _withdraw_url(case)):
        for method in ("get", "post"):
            response = getattr(client, method)(url)
            expected = {"visitor": 302, "lead": 403}.get(who, 404)
            assert response.status_code == expected, (url, method)
    assert ConsentRecord.objects.count() == 1
