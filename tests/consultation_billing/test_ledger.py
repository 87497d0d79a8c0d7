"""The payout ledger: a delivered case adds one line for its lead reviewer
(once, whatever repeats), a reversal is a second, negative line (once), and no
line is ever deleted."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db.models import ProtectedError
from django.test import override_settings
from django.utils import timezone

from consultation_billing import ledger, receivers
from consultation_billing.models import PayoutLine
from consultations.models import Case
from consultations.signals import case_moved
from tests.consultations.factories import attending, case_in
from tests.consultations.report_helpers import url

pytestmark = pytest.mark.django_db
Status = Case.Status
Kind = PayoutLine.Kind


def deliver(client, case, capture, *, signer=None):
    """Approve the report over HTTP, as an attending would; the on-commit
    ``case_moved`` signal fires inside ``capture``."""
    client.force_login(signer or attending())
    with capture(execute=True):
        response = client.post(url("report-signoff", case), {"action": "approve"})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == Status.DELIVERED


@override_settings(CONSULT_REVIEWER_FEE=47500, CONSULT_PAYOUT_CURRENCY="usd")
def test_delivering_a_case_adds_one_line_for_the_lead_reviewer(
    client, django_capture_on_commit_callbacks
):
    case = case_in(Status.IN_SIGNOFF)
    deliver(client, case, django_capture_on_commit_callbacks)
    line = PayoutLine.objects.get()
    assert line.reviewer == case.lead_reviewer
    assert (line.kind, line.amount, line.currency) == (Kind.CASE, 47500, "usd")
    assert line.case == case and line.case_reference == case.reference
    assert line.transfer_group == f"case-{case.reference}"
    assert line.earned_on == case.delivered_at.astimezone(UTC).date()
    assert line.statement is None and line.reverses is None


def test_a_second_delivery_event_adds_no_line(
    client, django_capture_on_commit_callbacks
):
    case = case_in(Status.IN_SIGNOFF)
    deliver(client, case, django_capture_on_commit_callbacks)
    moved = {"from_status": Status.IN_SIGNOFF, "to_status": Status.DELIVERED}
    case_moved.send(sender=Case, case_id=case.pk, action="approve_report", **moved)
    assert ledger.case_line_add(case_id=case.pk) == PayoutLine.objects.get()
    assert PayoutLine.objects.count() == 1


def test_other_moves_add_no_line(client, django_capture_on_commit_callbacks):
    case = case_in(Status.IN_SIGNOFF)
    client.force_login(attending())
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            url("report-signoff", case), {"action": "return", "comments": "More."}
        )
    case.refresh_from_db()
    assert case.status == Status.DRAFTING
    assert not PayoutLine.objects.exists()


def test_the_line_is_the_lead_reviewers_not_the_approvers(
    client, django_capture_on_commit_callbacks
):
    case = case_in(Status.IN_SIGNOFF)
    signer = attending()
    deliver(client, case, django_capture_on_commit_callbacks, signer=signer)
    assert list(PayoutLine.objects.values_list("reviewer", flat=True)) == [
        case.lead_reviewer_id
    ]


def test_earned_on_is_the_utc_date_whatever_zone_is_active():
    """23:30 UTC on 31 March is already 1 April in Auckland; the approver's
    request activates their zone, and on commit the line is added inside it."""
    moment = datetime(2026, 3, 31, 23, 30, tzinfo=UTC)
    case = case_in(Status.DELIVERED, now=moment)
    with timezone.override(ZoneInfo("Pacific/Auckland")):
        receivers.on_case_moved(sender=Case, case_id=case.pk, action="approve_report")
    assert PayoutLine.objects.get().earned_on.isoformat() == "2026-03-31"


def test_reversing_twice_adds_one_reversal():
    case = case_in(Status.DELIVERED)
    line = ledger.case_line_add(case_id=case.pk)
    with time_machine.travel(datetime(2026, 7, 1, 0, 30, tzinfo=UTC), tick=False):
        with timezone.override(ZoneInfo("America/Los_Angeles")):
            first = ledger.line_reverse(line_id=line.pk)
        second = ledger.line_reverse(line_id=line.pk)
    assert first == second
    assert (first.kind, first.amount, first.reverses) == (
        Kind.REVERSAL,
        -line.amount,
        line,
    )
    assert first.transfer_group == line.transfer_group
    assert first.earned_on.isoformat() == "2026-07-01"  # UTC, not Los Angeles
    assert ledger.case_lines_reverse(case_id=case.pk) == []
    assert PayoutLine.objects.count() == 2
    assert sum(PayoutLine.objects.values_list("amount", flat=True)) == 0


def test_reversing_a_case_reverses_only_what_is_not_reversed_yet():
    case = case_in(Status.DELIVERED)
    line = ledger.case_line_add(case_id=case.pk)
    (reversal,) = ledger.case_lines_reverse(case_id=case.pk)
    assert reversal.reverses == line
    assert ledger.case_lines_reverse(case_id=case.pk) == []
    assert PayoutLine.objects.filter(kind=Kind.REVERSAL).count() == 1


def test_a_line_is_never_deleted():
    case = case_in(Status.DELIVERED)
    line = ledger.case_line_add(case_id=case.pk)
    reversal = ledger.line_reverse(line_id=line.pk)
    with pytest.raises(ProtectedError):
        line.delete()  # its reversal points at it
    with pytest.raises(ProtectedError) as refused:
        case.lead_reviewer.delete()  # the reviewer's lines keep them
    assert line in refused.value.protected_objects
    case.delete()  # the therapist deletes the case: the lines stay, with its reference
    line.refresh_from_db()
    reversal.refresh_from_db()
    assert line.case is None and line.case_reference == case.reference
    assert PayoutLine.objects.count() == 2
