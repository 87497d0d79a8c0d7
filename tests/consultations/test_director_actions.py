"""The director's actions on a case, through HTTP: the fee waiver, triage,
topics and urgency, the ranked offer, more time after an escalation, and
cancelling. Each is refused to everyone else, and out of order changes nothing."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from consultations.models import AuditEvent, Case, ConsultantAway, Offer
from consultations.timers import sweep
from tests.community import factories as people
from tests.consultations.factories import (
    ConsultantFactory,
    TagFactory,
    case_in,
    consultant,
)

pytestmark = pytest.mark.django_db
Status = Case.Status
CASE_TEXT = ("avoidance of feelings", "withdrawing when close", "No current risk")


def _url(case, action):
    return f"/consultations/director/{case.pk}/{action}/"


@pytest.fixture
def director_client(client, director):
    client.force_login(director)
    return client


def _messages(response):
    return [str(m) for m in response.context["messages"]] if response.context else []


def _assert_no_case_text(outbox):
    for message in outbox:
        for text in CASE_TEXT:
            assert text not in message.subject and text not in message.body


# Who may act ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("action", "data"),
    [
        ("waive-fee", {}),
        ("triage", {"decision": "accept"}),
        ("topics", {"urgency": "standard"}),
        ("offer", {"at_once": 1}),
        ("extend", {"hours": 24}),
        ("cancel", {"cancel-note": "Not for us."}),
    ],
)
@pytest.mark.parametrize("who", ["member", "requester", "consultant", "admin"])
def test_only_the_director_may_act_on_a_case(client, who, action, data):
    case = case_in(Status.TRIAGE)
    user = {
        "member": people.member,
        "requester": lambda: case.requester,
        "consultant": consultant,
        "admin": people.admin,
    }[who]()
    client.force_login(user)
    response = client.post(_url(case, action), data)
    assert response.status_code == 403
    case.refresh_from_db()
    assert case.status == Status.TRIAGE
    assert not AuditEvent.objects.filter(case=case).exists()


def test_a_visitor_is_sent_to_sign_in(client):
    case = case_in(Status.TRIAGE)
    response = client.post(_url(case, "triage"), {"decision": "accept"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    case.refresh_from_db()
    assert case.status == Status.TRIAGE


def test_the_director_part_is_shown_to_the_director_only(client, director):
    case = case_in(Status.TRIAGE)
    client.force_login(director)
    page = client.get(f"/consultations/{case.pk}/").content.decode()
    assert "Accept for matching" in page
    client.force_login(case.requester)
    page = client.get(f"/consultations/{case.pk}/").content.decode()
    assert "Accept for matching" not in page


# The fee and triage ---------------------------------------------------------


def test_waiving_the_fee_releases_the_request_to_triage(director_client):
    case = case_in(Status.SUBMITTED)
    page = director_client.get(f"/consultations/{case.pk}/").content.decode()
    assert "Waive the fee" in page
    response = director_client.post(_url(case, "waive-fee"), follow=True)
    case.refresh_from_db()
    assert case.fee_waived and case.status == Status.TRIAGE
    assert "The fee is waived" in response.content.decode()


def test_waiving_out_of_order_is_refused_with_a_message(director_client):
    case = case_in(Status.MATCHING)
    response = director_client.post(_url(case, "waive-fee"), follow=True)
    case.refresh_from_db()
    assert not case.fee_waived and case.status == Status.MATCHING
    assert any("only a submitted request" in m for m in _messages(response))


def test_accept_for_matching(director_client):
    case = case_in(Status.TRIAGE)
    director_client.post(_url(case, "triage"), {"decision": "accept"})
    case.refresh_from_db()
    assert case.status == Status.MATCHING


@pytest.mark.parametrize(
    ("decision", "status", "subject"),
    [
        ("return", Status.RETURNED, "asks for more information"),
        ("decline", Status.DECLINED, "was not accepted"),
    ],
)
def test_return_and_decline_need_a_note_and_email_without_it(
    director_client, decision, status, subject, django_capture_on_commit_callbacks
):
    case = case_in(Status.TRIAGE)
    response = director_client.post(_url(case, "triage"), {"decision": decision})
    assert response.status_code == 400
    assert "Write a note for the therapist" in response.content.decode()
    case.refresh_from_db()
    assert case.status == Status.TRIAGE

    note = "Please describe the sleeping pattern in more detail."
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        director_client.post(
            _url(case, "triage"), {"decision": decision, f"{decision}-note": note}
        )
    case.refresh_from_db()
    assert case.status == status and case.director_note == note
    [message] = mail.outbox
    assert message.to == [case.requester.email]
    assert subject in message.subject and "note for you on the site" in message.body
    assert "sleeping pattern" not in message.body
    _assert_no_case_text(mail.outbox)


def test_triage_out_of_order_is_refused_and_changes_nothing(director_client):
    case = case_in(Status.MATCHING)
    response = director_client.post(
        _url(case, "triage"),
        {"decision": "decline", "decline-note": "No."},
        follow=True,
    )
    case.refresh_from_db()
    assert case.status == Status.MATCHING and case.director_note == ""
    assert any("cannot be declined" in m for m in _messages(response))


def test_topics_and_urgency_are_set(director_client):
    case = case_in(Status.TRIAGE)
    cbt = TagFactory(name="CBT")
    adults = TagFactory(kind="population", name="Adults")
    director_client.post(
        _url(case, "topics"), {"tags": [cbt.pk, adults.pk], "urgency": "expedited"}
    )
    case.refresh_from_db()
    assert set(case.tags.all()) == {cbt, adults}
    assert case.urgency == Case.Urgency.EXPEDITED


def test_topics_are_kept_once_a_reviewer_has_the_case(director_client):
    case = case_in(Status.DRAFTING)
    tag = TagFactory()
    response = director_client.post(
        _url(case, "topics"), {"tags": [tag.pk], "urgency": "expedited"}, follow=True
    )
    case.refresh_from_db()
    assert not case.tags.exists() and case.urgency == Case.Urgency.STANDARD
    assert any("kept as they were" in m for m in _messages(response))


# Offers -----------------------------------------------------------------------


def _offer_data(ranks: dict, at_once=1):
    data = {"at_once": at_once}
    for user, rank in ranks.items():
        data[f"pick_{user.pk}"] = "on"
        data[f"rank_{user.pk}"] = rank
    return data


def test_the_offer_form_lists_available_candidates_with_their_load(director_client):
    case = case_in(Status.MATCHING)
    fit = ConsultantFactory(user__display_name="Dr Fit", is_attending=True)
    tag = TagFactory(name="Schema therapy")
    fit.specialties.add(tag)
    case.tags.add(tag)
    away = ConsultantFactory(user__display_name="Dr Away")
    today = timezone.localdate()
    ConsultantAway.objects.create(consultant=away, starts_on=today, ends_on=today)
    full = ConsultantFactory(user__display_name="Dr Full", max_open_cases=1)
    case_in(Status.DRAFTING, lead=full.user)
    other = ConsultantFactory(user__display_name="Dr Other")
    page = director_client.get(f"/consultations/{case.pk}/").content.decode()
    assert "Dr Fit" in page and "Dr Other" in page and "Schema therapy" in page
    assert "Attending" in page and "0 of 3" in page
    assert "Dr Away" not in page and "Dr Full" not in page
    assert page.index("Dr Fit") < page.index("Dr Other")
    narrowed = director_client.get(f"/consultations/{case.pk}/?matching=1")
    assert "Dr Other" not in narrowed.content.decode()
    assert other  # in the pool, just not matching


def test_the_offer_goes_by_the_ranks_typed_not_the_order_listed(
    director_client, django_capture_on_commit_callbacks
):
    case = case_in(Status.MATCHING)
    first, second, third = consultant(), consultant(), consultant()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        director_client.post(
            _url(case, "offer"), _offer_data({first: 3, second: 1, third: 2})
        )
    case.refresh_from_db()
    assert case.status == Status.OFFERED
    offers = list(case.offers.order_by("rank"))
    assert [o.consultant for o in offers] == [second, third, first]
    assert [o.status for o in offers] == [
        Offer.Status.PENDING,
        Offer.Status.QUEUED,
        Offer.Status.QUEUED,
    ]
    assert [m.to for m in mail.outbox] == [[second.email]]
    _assert_no_case_text(mail.outbox)


def test_offering_to_several_at_once(director_client):
    case = case_in(Status.MATCHING)
    first, second, third = consultant(), consultant(), consultant()
    director_client.post(
        _url(case, "offer"), _offer_data({first: 1, second: 2, third: 3}, at_once=2)
    )
    pending = set(
        case.offers.filter(status=Offer.Status.PENDING).values_list(
            "consultant", flat=True
        )
    )
    assert pending == {first.pk, second.pk}


def test_an_offer_with_nobody_ticked_is_shown_again_with_the_ranks_typed(
    director_client,
):
    case = case_in(Status.MATCHING)
    reviewer = consultant()
    response = director_client.post(
        _url(case, "offer"), {"at_once": 2, f"rank_{reviewer.pk}": 7}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Tick at least one consultant" in page
    assert f'name="rank_{reviewer.pk}" value="7"' in page
    case.refresh_from_db()
    assert case.status == Status.MATCHING and not case.offers.exists()


def test_an_offer_in_triage_is_refused_with_a_message(director_client):
    case = case_in(Status.TRIAGE)
    reviewer = consultant()
    director_client.post(_url(case, "offer"), _offer_data({reviewer: 1}))
    case.refresh_from_db()
    assert case.status == Status.TRIAGE and not case.offers.exists()


# After an escalation ---------------------------------------------------------


def test_reassigning_an_escalated_case_offers_it_to_the_chosen_reviewer(
    director_client, django_capture_on_commit_callbacks
):
    case = case_in(Status.ESCALATED, escalation=Case.Escalation.OVERDUE)
    previous = case.lead_reviewer
    page = director_client.get(f"/consultations/{case.pk}/").content.decode()
    assert "Reassign" in page and "more time" in page
    other = consultant()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        director_client.post(_url(case, "offer"), _offer_data({other: 1}))
    case.refresh_from_db()
    assert case.status == Status.OFFERED and case.lead_reviewer is None
    assert case.offers.get(status=Offer.Status.PENDING).consultant == other
    # The reviewer who held it is told it has gone to someone else.
    told = {m.to[0]: m.subject for m in mail.outbox}
    assert "another reviewer" in told[previous.email]
    assert other.email in told
    _assert_no_case_text(mail.outbox)


def test_more_time_keeps_the_reviewer_and_sets_a_new_due_time(
    director_client, django_capture_on_commit_callbacks
):
    case = case_in(Status.ESCALATED, escalation=Case.Escalation.OVERDUE)
    lead = case.lead_reviewer
    mail.outbox.clear()
    before = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        director_client.post(_url(case, "extend"), {"hours": 24})
    case.refresh_from_db()
    assert case.status == Status.ACCEPTED and case.lead_reviewer == lead
    assert case.escalation == ""
    assert before + timedelta(hours=24) <= case.due_at
    assert case.due_at <= timezone.now() + timedelta(hours=24)
    assert AuditEvent.objects.filter(case=case, target="reassign").exists()
    [message] = mail.outbox
    assert message.to == [lead.email] and "More time" in message.subject
    _assert_no_case_text(mail.outbox)


@pytest.mark.parametrize("stage", [Status.IN_CONFERENCE, Status.DRAFTING])
def test_more_time_gives_the_case_back_at_the_stage_it_was_escalated_from(
    director_client, stage
):
    case = case_in(stage)
    case.due_at = timezone.now() - timedelta(minutes=1)
    case.save()
    sweep()
    case.refresh_from_db()
    assert case.status == Status.ESCALATED

    director_client.post(_url(case, "extend"), {"hours": 24})
    case.refresh_from_db()
    assert case.status == stage and case.escalation == ""
    if stage == Status.DRAFTING:
        assert case.report.sections["formulation"]["text"] == "A formulation."


def test_more_time_is_refused_out_of_order_or_without_a_reviewer(director_client):
    drafting = case_in(Status.DRAFTING)
    due = drafting.due_at
    director_client.post(_url(drafting, "extend"), {"hours": 24})
    drafting.refresh_from_db()
    assert drafting.status == Status.DRAFTING and drafting.due_at == due

    lapsed = case_in(Status.ESCALATED, escalation=Case.Escalation.LAPSES)
    lapsed.lead_reviewer = None
    lapsed.save()
    response = director_client.post(_url(lapsed, "extend"), {"hours": 24}, follow=True)
    lapsed.refresh_from_db()
    assert lapsed.status == Status.ESCALATED
    assert any("still has its reviewer" in m for m in _messages(response))


def test_more_time_with_a_made_up_number_of_hours_is_shown_again(director_client):
    case = case_in(Status.ESCALATED, escalation=Case.Escalation.OVERDUE)
    response = director_client.post(_url(case, "extend"), {"hours": 5000})
    assert response.status_code == 400
    case.refresh_from_db()
    assert case.status == Status.ESCALATED


# Cancelling -------------------------------------------------------------------


def test_cancel_needs_a_note_withdraws_offers_and_tells_without_case_text(
    director_client, django_capture_on_commit_callbacks
):
    case = case_in(Status.OFFERED)
    reviewer = case.offers.get().consultant
    response = director_client.post(_url(case, "cancel"), {"cancel-note": " "})
    assert response.status_code == 400
    case.refresh_from_db()
    assert case.status == Status.OFFERED

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        director_client.post(
            _url(case, "cancel"), {"cancel-note": "The client moved away."}
        )
    case.refresh_from_db()
    assert case.status == Status.CANCELLED
    assert case.offers.get().status == Offer.Status.WITHDRAWN
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [case.requester.email, reviewer.email]
    )
    assert all("moved away" not in m.body for m in mail.outbox)
    _assert_no_case_text(mail.outbox)


def test_a_delivered_case_cannot_be_cancelled(director_client):
    case = case_in(Status.DELIVERED)
    page = director_client.get(f"/consultations/{case.pk}/").content.decode()
    assert "Cancel the consultation" not in page
    response = director_client.post(
        _url(case, "cancel"), {"cancel-note": "Oops."}, follow=True
    )
    case.refresh_from_db()
    assert case.status == Status.DELIVERED
    assert any("cannot be cancelled" in m for m in _messages(response))
