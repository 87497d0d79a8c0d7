"""The core of the flow: the transitions table, offers and their clocks."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from consultations import states, timers
from consultations.models import AuditEvent, Case, Offer
from consultations.services.offers import (
    case_offer,
    consultant_leave_pool,
    offer_accept,
    offer_decline,
)
from tests.community import factories as people
from tests.consultations.factories import ConsultantFactory, case_in, consultant

pytestmark = pytest.mark.django_db
Status = Case.Status


def test_a_move_out_of_order_is_refused_and_changes_nothing():
    case = case_in(Status.DRAFT)
    with pytest.raises(states.InvalidTransition, match="draft and cannot be delivered"):
        states.transition(case, "approve_report")
    case.refresh_from_db()
    assert case.status == Status.DRAFT
    assert not AuditEvent.objects.filter(case=case).exists()


def test_a_transition_is_recorded_with_who_from_and_to():
    case = case_in(Status.DRAFT)
    actor = case.requester
    states.transition(case, "submit", actor=actor)
    event = AuditEvent.objects.get(case=case)
    assert (event.actor, event.from_status, event.to_status, event.target) == (
        actor,
        Status.DRAFT,
        Status.SUBMITTED,
        "submit",
    )


def test_reference_is_neutral_and_unique():
    first, second = case_in(Status.DRAFT), case_in(Status.DRAFT)
    assert first.reference.startswith("C-") and first.reference != second.reference


def _offered(*reviewers, at_once=1):
    case = case_in(Status.MATCHING)
    director = people.director()
    case_offer(
        case_id=case.pk,
        consultant_ids=[r.pk for r in reviewers],
        at_once=at_once,
        actor=director,
    )
    case.refresh_from_db()
    return case


def test_offer_goes_to_the_first_ranked_and_the_email_carries_no_case_text(
    django_capture_on_commit_callbacks,
):
    first, second = consultant(), consultant()
    with django_capture_on_commit_callbacks(execute=True):
        case = _offered(first, second)
    assert case.status == Status.OFFERED
    pending = case.offers.get(status=Offer.Status.PENDING)
    assert pending.consultant == first
    assert pending.accept_by - pending.offered_at == timedelta(hours=12)
    assert case.offers.get(consultant=second).status == Offer.Status.QUEUED


def test_accept_sets_the_lead_and_a_48_hour_due_time():
    reviewer = consultant()
    case = _offered(reviewer)
    offer = case.offers.get()
    offer_accept(case_id=case.pk, offer_id=offer.pk, user=reviewer, no_conflict=True)
    case.refresh_from_db()
    assert case.status == Status.ACCEPTED and case.lead_reviewer == reviewer
    assert case.due_at - case.accepted_at == timedelta(hours=48)


def test_accept_needs_the_conflict_declaration():
    reviewer = consultant()
    case = _offered(reviewer)
    with pytest.raises(ValidationError, match="conflict of interest"):
        offer_accept(
            case_id=case.pk,
            offer_id=case.offers.get().pk,
            user=reviewer,
            no_conflict=False,
        )


def test_lapse_reoffers_to_the_next_and_two_lapses_escalate():
    first, second, third = consultant(), consultant(), consultant()
    case = _offered(first, second, third)
    later = timezone.now() + timedelta(hours=12, minutes=1)
    assert timers.sweep(now=later)["lapsed"] == 1
    case.refresh_from_db()
    assert case.status == Status.OFFERED
    assert case.offers.get(status=Offer.Status.PENDING).consultant == second
    # An accept after the lapse is refused.
    with pytest.raises(ValidationError, match="expired"):
        offer_accept(
            case_id=case.pk,
            offer_id=case.offers.get(consultant=first).pk,
            user=first,
            no_conflict=True,
            now=later,
        )
    timers.sweep(now=later + timedelta(hours=12, minutes=1))
    case.refresh_from_db()
    assert case.status == Status.ESCALATED
    assert case.escalation == Case.Escalation.LAPSES


def test_a_sweep_run_twice_changes_nothing_the_second_time():
    case = _offered(consultant(), consultant())
    later = timezone.now() + timedelta(hours=12, minutes=1)
    timers.sweep(now=later)
    again = timers.sweep(now=later)
    assert again == {"lapsed": 0, "overdue": 0, "reminders": 0}
    assert case.offers.filter(status=Offer.Status.EXPIRED).count() == 1


def test_reminders_are_sent_once_at_half_and_two_hours_before(
    django_capture_on_commit_callbacks,
):
    reviewer = consultant()
    case = _offered(reviewer)
    offer = case.offers.get()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        timers.sweep(now=offer.offered_at + timedelta(hours=6, minutes=1))
        timers.sweep(now=offer.offered_at + timedelta(hours=6, minutes=6))
        timers.sweep(now=offer.offered_at + timedelta(hours=10, minutes=1))
        timers.sweep(now=offer.offered_at + timedelta(hours=10, minutes=30))
    subjects = [m.subject for m in mail.outbox]
    assert subjects.count(f"Please answer the consultation offer {case.reference}") == 2


def test_decline_sends_the_next_and_none_left_returns_to_matching():
    first = consultant()
    case = _offered(first)
    offer_decline(
        case_id=case.pk, offer_id=case.offers.get().pk, user=first, reason="Too busy"
    )
    case.refresh_from_db()
    assert case.status == Status.MATCHING
    assert case.escalation == Case.Escalation.NO_REVIEWER


def test_overdue_report_escalates():
    case = case_in(Status.DRAFTING)
    timers.sweep(now=case.due_at + timedelta(minutes=1))
    case.refresh_from_db()
    assert case.status == Status.ESCALATED and case.escalation == "overdue"


def test_reviewer_leaving_the_pool_returns_their_case_to_matching():
    case = case_in(Status.DRAFTING)
    profile = case.lead_reviewer.consultant_profile
    consultant_leave_pool(profile_id=profile.pk, actor=people.director())
    case.refresh_from_db()
    assert case.status == Status.MATCHING and case.lead_reviewer is None
    assert hasattr(case, "report")  # the draft stays with the case


def test_the_requester_is_never_offered_their_own_case():
    own = ConsultantFactory()
    case = case_in(Status.MATCHING, requester=own.user)
    with pytest.raises(ValidationError):
        case_offer(
            case_id=case.pk, consultant_ids=[own.user_id], actor=people.director()
        )
