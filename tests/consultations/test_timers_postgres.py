"""Two task workers running the clock sweep at the same moment (PostgreSQL:
SQLite runs one write transaction at a time, so there is no such race there).

Each worker is a thread with its own connection; a barrier starts them
together. Each reminder goes once and each offer lapses once, whoever wins.
"""

import threading
from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.utils import timezone

from consultations import timers
from consultations.models import AuditEvent, Case, Offer, TimerNotice
from consultations.services.offers import case_offer
from tests.community import factories as people
from tests.consultations.factories import case_in, consultant

pytestmark = pytest.mark.django_db(transaction=True)
H = timedelta(hours=1)


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("Two workers racing needs PostgreSQL (DATABASE_URL=postgres://…)")


def two_workers(now, *, rounds=1, sweep=timers.sweep):
    """Run ``sweep`` in two threads at once, ``rounds`` times; what each did."""
    barrier = threading.Barrier(2)
    results, errors = [], []

    def worker():
        try:
            for _ in range(rounds):
                barrier.wait(timeout=10)
                results.append(sweep(now=now))
        except Exception as exc:  # reported below, not lost in the thread
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    return results


def offered_cases(director, count):
    cases = []
    for _ in range(count):
        case = case_in(Case.Status.MATCHING)
        case_offer(
            case_id=case.pk,
            consultant_ids=[consultant().pk, consultant().pk],
            actor=director,
        )
        cases.append(case)
    return cases


def test_two_workers_send_each_offer_reminder_once():
    director = people.director()
    cases = offered_cases(director, 4)
    start = max(o.offered_at for o in Offer.objects.filter(status="pending"))
    mail.outbox.clear()
    results = two_workers(start + 6 * H + timedelta(minutes=1), rounds=3)
    assert sum(r["reminders"] for r in results) == 4
    for case in cases:
        sent = [m for m in mail.outbox if m.subject.startswith("Please answer")]
        assert sum(case.reference in m.subject for m in sent) == 1
    assert TimerNotice.objects.filter(key__startswith="offer-half:").count() == 4


def test_two_workers_expire_each_offer_once_and_reoffer_once():
    director = people.director()
    cases = offered_cases(director, 4)
    later = timezone.now() + 12 * H + timedelta(minutes=1)
    mail.outbox.clear()
    results = two_workers(later, rounds=2)
    assert sum(r["lapsed"] for r in results) == 4
    for case in cases:
        case.refresh_from_db()
        assert case.status == Case.Status.OFFERED
        assert case.consecutive_lapses == 1
        assert case.offers.filter(status=Offer.Status.EXPIRED).count() == 1
        assert case.offers.filter(status=Offer.Status.PENDING).count() == 1
        lapsed_notices = [
            m
            for m in mail.outbox
            if case.reference in m.subject and m.to == [director.email]
        ]
        assert len(lapsed_notices) == 1


def test_two_workers_escalate_an_overdue_report_once():
    director = people.director()
    case = case_in(Case.Status.DRAFTING)
    mail.outbox.clear()
    results = two_workers(case.due_at + timedelta(minutes=1), rounds=2)
    assert sum(r["overdue"] for r in results) == 1
    case.refresh_from_db()
    assert case.status == Case.Status.ESCALATED
    assert AuditEvent.objects.filter(case=case, target="escalate").count() == 1
    assert len([m for m in mail.outbox if m.to == [director.email]]) == 1
