"""Retention: a set time after delivery (or after a case was declined or
cancelled) its attachments with their files, the conference discussion and the
interview notes go; the report, the questions thread and the consent records
stay. Time moved, run twice."""

from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from consultations import tasks
from consultations.models import (
    Attachment,
    AuditEvent,
    Case,
    CaseMessage,
    Interview,
)
from consultations.retention import purge_expired
from tests.consultations.factories import case_in

pytestmark = pytest.mark.django_db
Status = Case.Status


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.CONSULT_RETENTION_DAYS = 365


def _with_material(status=Status.DELIVERED, delivered_days_ago=0):
    case = case_in(status)
    if case.delivered_at:
        case.delivered_at = timezone.now() - timedelta(days=delivered_days_ago)
        case.save()
    attachment = Attachment(
        case=case, original_name="letter.pdf", size=4, content_type="application/pdf"
    )
    attachment.file.save("letter.pdf", ContentFile(b"%PDF"), save=True)
    CaseMessage.objects.create(
        case=case, thread=CaseMessage.Thread.CONFERENCE, body="Team discussion"
    )
    CaseMessage.objects.create(
        case=case, thread=CaseMessage.Thread.QUESTIONS, body="A question"
    )
    Interview.objects.create(
        case=case, held_on=timezone.now().date(), notes="Interview notes"
    )
    return case, attachment


def test_nothing_goes_before_the_retention_period_is_over():
    case, attachment = _with_material(delivered_days_ago=364)
    assert purge_expired() == 0
    assert Attachment.objects.filter(case=case).exists()
    assert attachment.file.storage.exists(attachment.file.name)
    case.refresh_from_db()
    assert case.purged_at is None


def test_after_the_period_the_material_goes_and_the_report_stays(
    django_capture_on_commit_callbacks,
):
    case, attachment = _with_material(delivered_days_ago=0)
    storage, name = attachment.file.storage, attachment.file.name
    later = timezone.now() + timedelta(days=365, minutes=1)
    with django_capture_on_commit_callbacks(execute=True):
        assert purge_expired(now=later) == 1
    assert not Attachment.objects.filter(case=case).exists()
    assert not storage.exists(name)
    assert not case.messages.filter(thread=CaseMessage.Thread.CONFERENCE).exists()
    assert case.messages.filter(thread=CaseMessage.Thread.QUESTIONS).exists()
    interview = Interview.objects.get(case=case)
    assert interview.notes == "" and interview.held_on
    case.refresh_from_db()
    assert case.purged_at == later
    assert case.report.sections  # the report stays
    event = AuditEvent.objects.get(case=case, target="retention")
    assert event.action == AuditEvent.Action.CHANGE and event.actor is None


def test_a_second_run_changes_nothing():
    case, _ = _with_material()
    later = timezone.now() + timedelta(days=366)
    assert purge_expired(now=later) == 1
    assert purge_expired(now=later) == 0
    assert purge_expired(now=later + timedelta(days=1)) == 0
    case.refresh_from_db()
    assert case.purged_at == later
    assert AuditEvent.objects.filter(case=case, target="retention").count() == 1


def test_open_cases_are_never_touched():
    case, _ = _with_material(status=Status.DRAFTING)
    assert purge_expired(now=timezone.now() + timedelta(days=1000)) == 0
    assert Attachment.objects.filter(case=case).exists()


@pytest.mark.parametrize("status", [Status.CANCELLED, Status.DECLINED])
def test_cancelled_and_declined_cases_count_from_their_closing(status):
    case, _ = _with_material(status=status)
    closed = timezone.now()
    Case.objects.filter(pk=case.pk).update(closed_at=closed)
    assert purge_expired(now=closed + timedelta(days=364)) == 0
    assert purge_expired(now=closed + timedelta(days=365, minutes=1)) == 1


def test_without_a_closing_time_the_transition_in_the_trail_counts():
    case, _ = _with_material(status=Status.TRIAGE)
    from consultations import states

    states.transition(case, "decline", actor=None)
    ended = AuditEvent.objects.get(case=case, to_status=Status.DECLINED).at
    assert purge_expired(now=ended + timedelta(days=364)) == 0
    assert purge_expired(now=ended + timedelta(days=366)) == 1


def test_the_daily_task_runs_the_purge():
    _with_material(delivered_days_ago=400)
    assert tasks.purge_expired_case_material() == 1


def test_the_case_page_says_the_material_was_removed(client):
    case, _ = _with_material(delivered_days_ago=400)
    purge_expired()
    client.force_login(case.requester)
    html = client.get(f"/consultations/{case.pk}/").content.decode()
    assert "were removed on" in html and "The report stays" in html
