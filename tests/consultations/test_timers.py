"""The offer and delivery clocks with time moved: accept, lapse and re-offer,
reminders (each once), escalation, a sweep that was down, a sweep run twice."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from consultations import timers
from consultations.models import Case, Offer, TimerNotice
from consultations.services.offers import (
    case_offer,
    consultant_leave_pool,
    offer_accept,
    offer_decline,
)
from tests.community import factories as people
from tests.consultations.factories import case_in, consultant

pytestmark = pytest.mark.django_db
Status = Case.Status
OfferStatus = Offer.Status
H = timedelta(hours=1)
M = timedelta(minutes=1)


@pytest.fixture
def director(db):
    return people.director()


_capture = {}


@pytest.fixture(autouse=True)
def _emails_sent_on_commit(django_capture_on_commit_callbacks):
    """Each service call below commits as it would outside a test, so the
    emails it queued on commit are sent (``run``)."""
    _capture["cm"] = django_capture_on_commit_callbacks
    yield
    _capture.clear()


def run(service, **kwargs):
    with _capture["cm"](execute=True):
        return service(**kwargs)


def sweep(*, now):
    return run(timers.sweep, now=now)


@pytest.fixture
def outbox():
    mail.outbox.clear()
    return mail.outbox


def offered(director, *reviewers, at_once=1, **case_kwargs):
    case = case_in(Status.MATCHING, **case_kwargs)
    run(
        case_offer,
        case_id=case.pk,
        consultant_ids=[r.pk for r in reviewers],
        at_once=at_once,
        actor=director,
    )
    case.refresh_from_db()
    return case


def pending(case):
    return list(case.offers.filter(status=OfferStatus.PENDING))


def to(user, box, subject_part=""):
    return [m for m in box if m.to == [user.email] and subject_part in m.subject]


def reminders(box, case):
    return [
        m
        for m in box
        if m.subject.startswith("Please answer") and case.reference in m.subject
    ]


def due_reminders(box, case):
    return [
        m
        for m in box
        if m.subject == f"The report for consultation {case.reference} is due"
    ]


# --- accept, lapse, re-offer ------------------------------------------------------


def test_an_accept_just_inside_the_window_takes_the_case(director):
    reviewer = consultant()
    case = offered(director, reviewer)
    offer = case.offers.get()
    run(
        offer_accept,
        case_id=case.pk,
        offer_id=offer.pk,
        user=reviewer,
        no_conflict=True,
        now=offer.accept_by - M,
    )
    case.refresh_from_db()
    assert case.status == Status.ACCEPTED and case.lead_reviewer == reviewer
    assert case.due_at == offer.accept_by - M + timedelta(hours=48)


def test_an_accept_just_after_the_window_is_refused_before_the_sweep_runs(director):
    reviewer = consultant()
    case = offered(director, reviewer)
    offer = case.offers.get()
    with pytest.raises(ValidationError, match="expired"):
        run(
            offer_accept,
            case_id=case.pk,
            offer_id=offer.pk,
            user=reviewer,
            no_conflict=True,
            now=offer.accept_by,
        )
    case.refresh_from_db()
    assert case.status == Status.OFFERED and case.lead_reviewer is None


def test_a_lapse_reoffers_to_the_next_ranked_with_a_fresh_window_and_tells_the_director(
    director, outbox
):
    first, second = consultant(), consultant()
    case = offered(director, first, second)
    lapse = case.offers.get(consultant=first).accept_by + M
    assert sweep(now=lapse)["lapsed"] == 1
    case.refresh_from_db()
    assert case.status == Status.OFFERED
    (now_pending,) = pending(case)
    assert now_pending.consultant == second
    assert now_pending.offered_at == lapse
    assert now_pending.accept_by == lapse + timedelta(hours=12)
    assert case.offers.get(consultant=first).status == OfferStatus.EXPIRED
    assert len(to(director, outbox, "lapsed")) == 1
    assert len(to(first, outbox)) == 2  # the offer, then that it lapsed
    assert len(to(second, outbox, "fits your profile")) == 1


def test_two_lapses_in_a_row_escalate_to_the_director(director, outbox):
    first, second, third = consultant(), consultant(), consultant()
    case = offered(director, first, second, third)
    sweep(now=timezone.now() + 12 * H + M)
    sweep(now=timezone.now() + 24 * H + 2 * M)
    case.refresh_from_db()
    assert case.status == Status.ESCALATED
    assert case.escalation == Case.Escalation.LAPSES
    # The third is not offered the case: the director decides.
    assert case.offers.get(consultant=third).status == OfferStatus.QUEUED
    assert len(to(director, outbox, "")) >= 2


def test_a_decline_between_two_lapses_breaks_the_run(director):
    a, b, c, d = consultant(), consultant(), consultant(), consultant()
    case = offered(director, a, b, c, d)
    start = timezone.now()
    sweep(now=start + 12 * H + M)  # a lapses
    run(
        offer_decline,
        case_id=case.pk,
        offer_id=case.offers.get(consultant=b).pk,
        user=b,
        reason="On leave",
        now=start + 13 * H,
    )
    sweep(now=start + 26 * H)  # c lapses: one lapse since the decline
    case.refresh_from_db()
    assert case.status == Status.OFFERED
    assert pending(case)[0].consultant == d


def test_after_an_escalation_the_directors_new_offer_starts_a_new_count(director):
    a, b, c = consultant(), consultant(), consultant()
    case = offered(director, a, b)
    start = timezone.now()
    sweep(now=start + 12 * H + M)
    sweep(now=start + 24 * H + 2 * M)
    case.refresh_from_db()
    assert case.status == Status.ESCALATED
    run(case_offer, case_id=case.pk, consultant_ids=[c.pk], actor=director)
    offer = case.offers.get(consultant=c)
    sweep(now=offer.accept_by + M)
    case.refresh_from_db()
    # One lapse of the new round: back to the director as "no reviewer left",
    # not as two lapses in a row.
    assert case.status == Status.MATCHING
    assert case.escalation == Case.Escalation.NO_REVIEWER


def test_a_decline_sends_the_next_ranked(director, outbox):
    first, second = consultant(), consultant()
    case = offered(director, first, second)
    run(
        offer_decline,
        case_id=case.pk,
        offer_id=case.offers.get(consultant=first).pk,
        user=first,
        reason="I know the family",
    )
    case.refresh_from_db()
    assert pending(case)[0].consultant == second
    declined = case.offers.get(consultant=first)
    assert declined.status == OfferStatus.DECLINED
    assert declined.decline_reason == "I know the family"
    assert len(to(director, outbox, "")) == 1
    # The reason stays on the site: no email carries it.
    assert all("family" not in m.body for m in outbox)


# --- parallel offers ---------------------------------------------------------------


def test_parallel_offers_first_to_accept_wins_and_the_other_is_withdrawn(director):
    first, second, third = consultant(), consultant(), consultant()
    case = offered(director, first, second, third, at_once=2)
    assert {o.consultant for o in pending(case)} == {first, second}
    run(
        offer_accept,
        case_id=case.pk,
        offer_id=case.offers.get(consultant=second).pk,
        user=second,
        no_conflict=True,
    )
    with pytest.raises(ValidationError, match="offered to someone else"):
        run(
            offer_accept,
            case_id=case.pk,
            offer_id=case.offers.get(consultant=first).pk,
            user=first,
            no_conflict=True,
        )
    case.refresh_from_db()
    assert case.lead_reviewer == second and case.status == Status.ACCEPTED
    statuses = dict(case.offers.values_list("consultant_id", "status"))
    assert statuses == {
        first.pk: OfferStatus.WITHDRAWN,
        second.pk: OfferStatus.ACCEPTED,
        third.pk: OfferStatus.WITHDRAWN,
    }


def test_a_second_accept_by_the_winner_is_refused(director):
    reviewer = consultant()
    case = offered(director, reviewer)
    offer = case.offers.get()
    run(
        offer_accept,
        case_id=case.pk,
        offer_id=offer.pk,
        user=reviewer,
        no_conflict=True,
    )
    with pytest.raises(ValidationError, match="already answered"):
        run(
            offer_accept,
            case_id=case.pk,
            offer_id=offer.pk,
            user=reviewer,
            no_conflict=True,
        )


def test_parallel_offers_that_both_lapse_reoffer_the_next(director):
    a, b, c = consultant(), consultant(), consultant()
    case = offered(director, a, b, c, at_once=2)
    sweep(now=timezone.now() + 12 * H + M)
    case.refresh_from_db()
    # One round lapsed, not two in a row: the next ranked is offered.
    assert case.status == Status.OFFERED
    assert [o.consultant for o in pending(case)] == [c]


# --- reminders ----------------------------------------------------------------------


def test_offer_reminders_at_half_and_two_hours_before_each_once(director, outbox):
    reviewer = consultant()
    case = offered(director, reviewer)
    start = case.offers.get().offered_at
    for at in (5 * H, 6 * H + M, 6 * H + 6 * M, 9 * H, 10 * H + M, 10 * H + 30 * M):
        sweep(now=start + at)
        if at == 5 * H:
            assert reminders(outbox, case) == []
        if at == 6 * H + 6 * M:
            assert len(reminders(outbox, case)) == 1
    assert len(reminders(outbox, case)) == 2
    assert all(m.to == [reviewer.email] for m in reminders(outbox, case))


def test_delivery_reminders_at_half_and_six_hours_before_each_once(outbox):
    case = case_in(Status.DRAFTING)
    start = case.accepted_at
    for at in (23 * H, 24 * H + M, 30 * H, 42 * H + M, 43 * H, 47 * H):
        sweep(now=start + at)
        if at == 23 * H:
            assert due_reminders(outbox, case) == []
        if at == 30 * H:
            assert len(due_reminders(outbox, case)) == 1
    sent = due_reminders(outbox, case)
    assert len(sent) == 2 and all(m.to == [case.lead_reviewer.email] for m in sent)


def test_expedited_clocks_come_from_settings(director, settings, outbox):
    settings.CONSULT_EXPEDITED_ACCEPT_HOURS = 6
    settings.CONSULT_EXPEDITED_DELIVER_HOURS = 24
    reviewer = consultant()
    case = offered(director, reviewer, urgency=Case.Urgency.EXPEDITED)
    offer = case.offers.get()
    assert offer.accept_by - offer.offered_at == 6 * H
    # Half of 6 h is 3 h; two hours before is 4 h.
    sweep(now=offer.offered_at + 3 * H + M)
    sweep(now=offer.offered_at + 4 * H + M)
    assert len(reminders(outbox, case)) == 2
    run(
        offer_accept,
        case_id=case.pk,
        offer_id=offer.pk,
        user=reviewer,
        no_conflict=True,
        now=offer.offered_at + 5 * H,
    )
    case.refresh_from_db()
    assert case.due_at - case.accepted_at == 24 * H
    sweep(now=case.accepted_at + 12 * H + M)
    sweep(now=case.accepted_at + 18 * H + M)
    assert len(due_reminders(outbox, case)) == 2


def test_when_half_and_two_hours_before_coincide_one_reminder_goes(
    director, settings, outbox
):
    settings.CONSULT_EXPEDITED_ACCEPT_HOURS = 4
    case = offered(director, consultant(), urgency=Case.Urgency.EXPEDITED)
    start = case.offers.get().offered_at
    for at in (2 * H + M, 3 * H, 3 * H + 50 * M):
        sweep(now=start + at)
    assert len(reminders(outbox, case)) == 1


# --- overdue ------------------------------------------------------------------------


def test_an_overdue_report_escalates_once_and_tells_the_director_and_reviewer(
    director, outbox
):
    case = case_in(Status.DRAFTING)
    assert sweep(now=case.due_at + M)["overdue"] == 1
    assert sweep(now=case.due_at + 2 * M)["overdue"] == 0
    case.refresh_from_db()
    assert case.status == Status.ESCALATED
    assert case.escalation == Case.Escalation.OVERDUE
    assert len(to(director, outbox)) == 1
    assert len(to(case.lead_reviewer, outbox)) == 1


def test_a_report_in_sign_off_is_not_overdue(director):
    case = case_in(Status.IN_SIGNOFF)
    assert sweep(now=case.due_at + H)["overdue"] == 0
    case.refresh_from_db()
    assert case.status == Status.IN_SIGNOFF


# --- a sweep that was down -----------------------------------------------------------


def test_a_sweep_down_for_an_hour_sends_only_the_latest_useful_reminder(
    director, outbox
):
    reviewer = consultant()
    case = offered(director, reviewer)
    start = case.offers.get().offered_at
    # Down from 5 h 30 to 10 h 30: both reminders fell due meanwhile.
    sweep(now=start + 5 * H + 30 * M)
    sweep(now=start + 10 * H + 30 * M)
    sweep(now=start + 10 * H + 35 * M)
    assert len(reminders(outbox, case)) == 1
    offer = case.offers.get()
    assert (
        TimerNotice.objects.filter(
            key__in=[f"offer-half:{offer.pk}", f"offer-late:{offer.pk}"]
        ).count()
        == 2
    )


def test_a_sweep_down_over_the_deadline_expires_and_reoffers_from_its_own_time(
    director, outbox
):
    first, second = consultant(), consultant()
    case = offered(director, first, second)
    deadline = case.offers.get(consultant=first).accept_by
    sweep(now=deadline - 30 * M)  # the last sweep before the outage
    back = deadline + 30 * M
    result = sweep(now=back)
    assert result["lapsed"] == 1
    case.refresh_from_db()
    (nxt,) = pending(case)
    assert nxt.consultant == second
    assert (nxt.offered_at, nxt.accept_by) == (back, back + 12 * H)
    # The new offer's reminders are not due yet.
    assert reminders(outbox, case) and all(
        m.to == [first.email] for m in reminders(outbox, case)
    )


def test_a_sweep_down_for_a_whole_window_catches_up_in_one_run(director):
    a, b = consultant(), consultant()
    case = offered(director, a, b)
    back = timezone.now() + 30 * H
    sweep(now=back)
    case.refresh_from_db()
    # a lapsed at 12 h; b's window starts when the sweep came back, not at 12 h.
    assert pending(case)[0].consultant == b
    assert pending(case)[0].accept_by == back + 12 * H


def test_a_sweep_run_twice_changes_nothing_the_second_time(director, outbox):
    first, second = consultant(), consultant()
    case = offered(director, first, second)
    drafting = case_in(Status.DRAFTING)
    later = case.offers.get(consultant=first).accept_by + M
    sweep(now=later)  # a lapse and a re-offer
    # A delivery reminder and the new offer's half-window reminder.
    sweep(now=drafting.accepted_at + 25 * H)
    sent = len(outbox)
    events = case.audit.count() + drafting.audit.count()
    assert sweep(now=drafting.accepted_at + 25 * H) == {
        "lapsed": 0,
        "overdue": 0,
        "reminders": 0,
    }
    assert len(outbox) == sent
    assert case.audit.count() + drafting.audit.count() == events
    assert case.offers.filter(status=OfferStatus.EXPIRED).count() == 1


# --- the pool -----------------------------------------------------------------------


def test_a_consultant_removed_from_the_pool_drops_out_of_a_pending_offer(director):
    first, second = consultant(), consultant()
    case = offered(director, first, second)
    run(consultant_leave_pool, profile_id=first.consultant_profile.pk, actor=director)
    case.refresh_from_db()
    assert case.offers.get(consultant=first).status == OfferStatus.WITHDRAWN
    assert pending(case)[0].consultant == second
    with pytest.raises(ValidationError):
        run(
            offer_accept,
            case_id=case.pk,
            offer_id=case.offers.get(consultant=first).pk,
            user=first,
            no_conflict=True,
        )


def test_a_removed_consultant_waiting_their_turn_is_skipped_at_the_lapse(director):
    first, second, third = consultant(), consultant(), consultant()
    case = offered(director, first, second, third)
    run(consultant_leave_pool, profile_id=second.consultant_profile.pk, actor=director)
    sweep(now=timezone.now() + 12 * H + M)
    case.refresh_from_db()
    assert case.offers.get(consultant=second).status == OfferStatus.WITHDRAWN
    assert pending(case)[0].consultant == third


def test_the_last_candidate_leaving_returns_the_case_to_matching(director, outbox):
    only = consultant()
    case = offered(director, only)
    run(consultant_leave_pool, profile_id=only.consultant_profile.pk, actor=director)
    case.refresh_from_db()
    assert case.status == Status.MATCHING
    assert case.escalation == Case.Escalation.NO_REVIEWER
    assert len(to(director, outbox)) == 1
