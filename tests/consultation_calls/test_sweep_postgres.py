"""Two task workers running the calls' sweep at the same moment (PostgreSQL:
SQLite runs one write transaction at a time, so there is no such race there):
each reminder goes once and each call held adds one payout line."""

from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.utils import timezone

from consultation_billing.models import PayoutLine
from consultation_calls import sweep
from consultation_calls.models import FollowUpCall
from tests.consultation_calls.call_helpers import booked_call, delivered_case
from tests.consultations.test_timers_postgres import two_workers

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("Two workers racing needs PostgreSQL (DATABASE_URL=postgres://…)")


def test_two_workers_remind_once_and_add_one_line_per_call_held():
    now = timezone.now()
    soon = [booked_call(delivered_case(), starts_at=now + timedelta(hours=20))]
    over = [
        booked_call(delivered_case(), starts_at=now - timedelta(hours=1))
        for _ in range(3)
    ]
    results = two_workers(now, rounds=3, sweep=sweep.sweep)
    assert sum(r["reminders"] for r in results) == 2 * len(soon)
    assert len(mail.outbox) == 2
    assert sum(r["held"] for r in results) == len(over)
    assert PayoutLine.objects.filter(kind=PayoutLine.Kind.FOLLOW_UP).count() == 3
    assert FollowUpCall.objects.filter(status=FollowUpCall.Status.HELD).count() == 3
