"""The offer on the case page, as the offered reviewer sees and answers it:
the deadline, the requester's name, the conflict declaration, accept, decline.
Refusals (expired, someone else's, twice, a wrong user) change nothing."""

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from consultations.models import AuditEvent, Case, Offer
from consultations.reviewer_forms import CONFLICT_STATEMENT
from consultations.services.offers import case_offer
from tests.community import factories as people
from tests.consultations.factories import case_in, consultant

pytestmark = pytest.mark.django_db
Status = Case.Status


def case_url(case):
    return reverse("consultations:case", args=[case.pk])


def accept_url(offer):
    return reverse("consultations:offer-accept", args=[offer.case_id, offer.pk])


def decline_url(offer):
    return reverse("consultations:offer-decline", args=[offer.case_id, offer.pk])


def tick(offer):
    return {f"accept-{offer.pk}-no_conflict": "on"}


def reason(offer, text):
    return {f"decline-{offer.pk}-reason": text}


@pytest.fixture
def offer(db):
    case = case_in(
        Status.OFFERED, requester=people.member(user__display_name="Dr Ana Ruiz")
    )
    return case.offers.get()


def test_the_offered_reviewer_sees_the_deadline_the_requester_and_the_statement(
    client, offer
):
    client.force_login(offer.consultant)
    html = client.get(case_url(offer.case)).content.decode()
    assert "This case is offered to you" in html
    assert "Dr Ana Ruiz" in html
    assert CONFLICT_STATEMENT in html
    assert offer.case.case_summary in html  # the request part reads too
    assert f'name="accept-{offer.pk}-no_conflict"' in html
    assert f'name="decline-{offer.pk}-reason"' in html


def test_reading_the_offer_is_recorded(client, offer):
    client.force_login(offer.consultant)
    client.get(case_url(offer.case))
    targets = set(
        AuditEvent.objects.filter(case=offer.case, actor=offer.consultant).values_list(
            "target", flat=True
        )
    )
    assert {"case", "offer"} <= targets


def test_accepting_with_the_declaration_takes_the_case(client, offer):
    client.force_login(offer.consultant)
    response = client.post(accept_url(offer), tick(offer))
    assert response.status_code == 302 and response["Location"] == case_url(offer.case)
    offer.refresh_from_db()
    case = offer.case
    case.refresh_from_db()
    assert offer.status == Offer.Status.ACCEPTED and offer.coi_declared_at
    assert case.status == Status.ACCEPTED and case.lead_reviewer == offer.consultant
    html = client.get(case_url(case)).content.decode()
    assert "You have accepted" in html and "This case is offered to you" not in html


def test_an_email_that_cannot_be_sent_never_blocks_the_acceptance(
    client, offer, monkeypatch, caplog, django_capture_on_commit_callbacks
):
    def mail_server_down(**kwargs):
        raise ConnectionRefusedError("mail server down")

    monkeypatch.setattr(
        "consultations.emails.send_templated_mail", mail_server_down, raising=True
    )
    client.force_login(offer.consultant)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(accept_url(offer), tick(offer))
    assert response.status_code == 302
    offer.case.refresh_from_db()
    assert offer.case.status == Status.ACCEPTED
    failures = [r for r in caplog.records if "Could not queue" in r.getMessage()]
    assert failures  # the requester's and the directors' emails
    for record in caplog.records:
        assert offer.case.case_summary not in record.getMessage()


def test_accepting_without_the_tick_shows_the_error_next_to_it_and_changes_nothing(
    client, offer
):
    client.force_login(offer.consultant)
    response = client.post(accept_url(offer), {})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Tick the statement" in html and CONFLICT_STATEMENT in html
    offer.refresh_from_db()
    assert offer.status == Offer.Status.PENDING


def test_declining_needs_a_reason_and_keeps_the_page(client, offer):
    client.force_login(offer.consultant)
    response = client.post(decline_url(offer), reason(offer, "   "))
    assert response.status_code == 400
    assert "Say briefly why you decline" in response.content.decode()
    offer.refresh_from_db()
    assert offer.status == Offer.Status.PENDING


def test_declining_with_a_reason_sends_the_reviewer_back_to_their_page(client, offer):
    client.force_login(offer.consultant)
    response = client.post(decline_url(offer), reason(offer, "Away this week"))
    assert response.status_code == 302
    assert response["Location"] == reverse("consultations:reviewer")
    offer.refresh_from_db()
    assert offer.status == Offer.Status.DECLINED
    assert offer.decline_reason == "Away this week"
    # The case is no longer theirs to open: an old link says why, and shows
    # nothing of the case.
    response = client.get(case_url(offer.case))
    assert response.status_code == 403
    page = response.content.decode()
    assert "no longer offered to you" in page
    assert offer.case.referral_question not in page
    assert offer.case.case_summary not in page


def test_a_decline_reason_naming_someone_is_held_by_the_privacy_guard(client, offer):
    client.force_login(offer.consultant)
    text = "I treated the client, Margaret Holloway, at 14 Elm Street years ago."
    response = client.post(decline_url(offer), reason(offer, text))
    assert response.status_code == 400
    page = response.content.decode()
    assert "Check for client identifiers" in page
    assert "Margaret Holloway" in page  # what they typed is kept, highlighted
    offer.refresh_from_db()
    assert offer.status == Offer.Status.PENDING

    confirmed = {**reason(offer, text), f"decline-{offer.pk}-privacy_confirmed": "on"}
    assert client.post(decline_url(offer), confirmed).status_code == 302
    offer.refresh_from_db()
    assert offer.status == Offer.Status.DECLINED


def test_accepting_an_expired_offer_is_refused_with_a_message(client, offer):
    client.force_login(offer.consultant)
    with time_machine.travel(offer.accept_by + timedelta(minutes=1)):
        response = client.post(accept_url(offer), tick(offer), follow=True)
    assert response.status_code == 200
    assert "This offer has expired" in response.content.decode()
    offer.refresh_from_db()
    offer.case.refresh_from_db()
    assert offer.case.status == Status.OFFERED and offer.case.lead_reviewer is None


def test_a_lapsed_offer_shows_no_accept_button_before_the_sweep(client, offer):
    client.force_login(offer.consultant)
    with time_machine.travel(offer.accept_by + timedelta(minutes=1)):
        html = client.get(case_url(offer.case)).content.decode()
    assert "has passed" in html and "Accept the case" not in html


def test_accepting_after_the_sweep_expired_it_is_refused_and_changes_nothing(
    client, offer
):
    offer.status = Offer.Status.EXPIRED
    offer.save()
    client.force_login(offer.consultant)
    response = client.post(accept_url(offer), tick(offer), follow=True)
    assert "This offer has expired" in response.content.decode()
    offer.case.refresh_from_db()
    assert offer.case.status == Status.OFFERED and offer.case.lead_reviewer is None


def test_accepting_twice_is_refused(client, offer):
    client.force_login(offer.consultant)
    client.post(accept_url(offer), tick(offer))
    response = client.post(accept_url(offer), tick(offer), follow=True)
    assert "already answered" in response.content.decode()
    assert Offer.objects.get(pk=offer.pk).status == Offer.Status.ACCEPTED


def test_in_parallel_offers_the_second_accept_is_refused(client):
    first, second = consultant(), consultant()
    case = case_in(Status.MATCHING)
    case_offer(
        case_id=case.pk,
        consultant_ids=[first.pk, second.pk],
        at_once=2,
        actor=people.director(),
    )
    one, two = case.offers.order_by("rank")
    client.force_login(first)
    client.post(accept_url(one), tick(one))
    client.force_login(second)
    response = client.post(accept_url(two), tick(two), follow=True)
    assert "offered to someone else" in response.content.decode()
    case.refresh_from_db()
    assert case.lead_reviewer == first


def test_another_offered_consultant_cannot_answer_someone_elses_offer(client):
    first, second = consultant(), consultant()
    case = case_in(Status.MATCHING)
    case_offer(
        case_id=case.pk,
        consultant_ids=[first.pk, second.pk],
        at_once=2,
        actor=people.director(),
    )
    theirs = case.offers.get(consultant=first)
    client.force_login(second)
    assert client.post(accept_url(theirs), tick(theirs)).status_code == 403
    assert client.post(decline_url(theirs), reason(theirs, "No")).status_code == 403
    theirs.refresh_from_db()
    assert theirs.status == Offer.Status.PENDING


@pytest.mark.parametrize("who", ["other_consultant", "member", "requester", "admin"])
def test_wrong_users_cannot_answer_an_offer(client, offer, who):
    user = {
        "other_consultant": consultant,
        "member": people.member,
        "requester": lambda: offer.case.requester,
        "admin": people.admin,
    }[who]()
    client.force_login(user)
    for url, data in (
        (accept_url(offer), tick(offer)),
        (decline_url(offer), reason(offer, "x")),
    ):
        assert client.post(url, data).status_code in (403, 404)
    offer.refresh_from_db()
    assert offer.status == Offer.Status.PENDING


def test_a_visitor_is_sent_to_sign_in(client, offer):
    response = client.post(accept_url(offer), tick(offer))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    offer.refresh_from_db()
    assert offer.status == Offer.Status.PENDING


def test_an_offer_on_another_case_is_not_found(client, offer):
    other = case_in(Status.OFFERED, lead=offer.consultant)
    client.force_login(offer.consultant)
    url = reverse("consultations:offer-accept", args=[other.pk, offer.pk])
    assert client.post(url, tick(offer)).status_code == 404


def test_answers_are_post_only(client, offer):
    client.force_login(offer.consultant)
    assert client.get(accept_url(offer)).status_code == 405


def test_the_offer_part_is_not_shown_to_the_lead_or_the_requester(client):
    case = case_in(Status.ACCEPTED)
    for user in (case.lead_reviewer, case.requester):
        client.force_login(user)
        assert (
            "This case is offered to you"
            not in client.get(case_url(case)).content.decode()
        )


def test_the_emails_of_accepting_carry_no_case_text(
    client, offer, django_capture_on_commit_callbacks
):
    client.force_login(offer.consultant)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(accept_url(offer), tick(offer))
    assert mail.outbox  # the requester is told a reviewer was found
    case = offer.case
    for message in mail.outbox:
        text = message.subject + message.body
        for clinical in (case.referral_question, case.case_summary, case.risk_notes):
            assert clinical not in text


def test_a_consultant_who_is_not_a_member_can_answer_an_offer(client, offer):
    from community.access import has_member_access

    assert not has_member_access(offer.consultant)
    client.force_login(offer.consultant)
    assert client.post(accept_url(offer), tick(offer)).status_code == 302
    assert Case.objects.get(pk=offer.case_id).lead_reviewer == offer.consultant
