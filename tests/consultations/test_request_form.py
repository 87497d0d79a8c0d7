"""The request form through HTTP: a new draft, saving and autosave, the privacy
guard on sending, sending and sending again, cancelling, and who may do it."""

import pytest
from django.core import mail
from django.urls import reverse

from consultations.models import AuditEvent, Case, Offer
from tests.community import factories as people
from tests.consultations.factories import case_in, consultant
from tests.consultations.request_helpers import (
    IDENTIFYING,
    REQUEST,
    edit_url,
    post_edit,
)

pytestmark = pytest.mark.django_db
Status = Case.Status


def _draft(member):
    return case_in(Status.DRAFT, requester=member, referral_question="", risk_notes="")


def test_new_request_opens_a_draft_and_goes_to_the_form(client, member):
    client.force_login(member)
    assert client.get(reverse("consultations:new")).status_code == 200
    response = client.post(reverse("consultations:new"))
    case = Case.objects.get(requester=member)
    assert case.status == Status.DRAFT
    assert response.url == edit_url(case)
    page = client.get(edit_url(case))
    assert page.status_code == 200
    assert "never stores the patient" in page.content.decode()


def test_a_visitor_signs_in_and_a_non_member_is_sent_to_join(client, signed_up):
    response = client.post(reverse("consultations:new"))
    assert response.status_code == 302 and "login" in response.url
    client.force_login(signed_up)
    response = client.post(reverse("consultations:new"))
    assert response.status_code == 302 and response.url == reverse("memberships:join")
    assert not Case.objects.exists()


def test_save_draft_keeps_text_with_identifiers_without_blocking(client, member):
    case = _draft(member)
    client.force_login(member)
    response = post_edit(client, case, case_summary=IDENTIFYING)
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.case_summary == IDENTIFYING and case.status == Status.DRAFT


def test_autosave_with_htmx_saves_and_answers_with_a_status_line(client, member):
    case = _draft(member)
    client.force_login(member)
    url = reverse("consultations:request-autosave", args=[case.pk])
    response = client.post(
        url, {**REQUEST, "case_summary": IDENTIFYING}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    assert response.content.decode().startswith("Saved <time")
    case.refresh_from_db()
    assert case.case_summary == IDENTIFYING


def test_autosave_without_htmx_is_the_save_draft_button(client, member):
    case = _draft(member)
    client.force_login(member)
    url = reverse("consultations:request-autosave", args=[case.pk])
    response = client.post(url, {**REQUEST, "tried": "Nothing yet."})
    assert response.status_code == 302 and response.url == edit_url(case)
    case.refresh_from_db()
    assert case.tried == "Nothing yet."


def test_a_bad_field_is_shown_and_the_rest_is_saved(client, member):
    case = _draft(member)
    client.force_login(member)
    response = post_edit(client, case, modality="x" * 201, tried="Kept.")
    assert response.status_code == 400
    body = response.content.decode()
    assert "x" * 201 in body  # what was typed is still on the page
    case.refresh_from_db()
    assert case.tried == "Kept."
    htmx = client.post(
        reverse("consultations:request-autosave", args=[case.pk]),
        {**REQUEST, "modality": "y" * 201, "tried": "Also kept."},
        headers={"HX-Request": "true"},
    )
    assert htmx.status_code == 200 and "fields marked" in htmx.content.decode()
    case.refresh_from_db()
    assert case.tried == "Also kept."


def test_sending_with_identifiers_highlights_keeps_and_waits_for_confirmation(
    client, member
):
    case = _draft(member)
    client.force_login(member)
    response = post_edit(client, case, action="submit", case_summary=IDENTIFYING)
    assert response.status_code == 400
    body = response.content.decode()
    assert 'class="privacy-match"' in body
    assert "Maria Gonzales" in body  # kept in the form, highlighted
    case.refresh_from_db()
    assert case.status == Status.DRAFT
    assert case.case_summary == IDENTIFYING  # saved as a draft all the same

    response = post_edit(
        client, case, action="submit", case_summary=IDENTIFYING, privacy_confirmed="on"
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == Status.SUBMITTED and case.submitted_at
    stored = case.privacy_confirmed_matches
    assert stored and {m["field"] for m in stored} == {"case_summary"}
    assert "Maria" not in str(stored)  # categories and offsets, never the text


def test_an_edit_that_removes_the_identifiers_sends_without_confirmation(
    client, member
):
    case = _draft(member)
    client.force_login(member)
    assert (
        post_edit(client, case, action="submit", case_summary=IDENTIFYING).status_code
        == 400
    )
    response = post_edit(client, case, action="submit")
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == Status.SUBMITTED and case.privacy_confirmed_matches == []


def test_sending_needs_the_required_fields(client, member):
    case = _draft(member)
    client.force_login(member)
    response = post_edit(client, case, action="submit", referral_question="")
    assert response.status_code == 400
    assert "Say what you would like help with." in response.content.decode()
    case.refresh_from_db()
    assert case.status == Status.DRAFT


def test_sending_from_the_case_page_checks_what_is_stored(client, member):
    case = _draft(member)
    client.force_login(member)
    post_edit(client, case, case_summary=IDENTIFYING)
    send = reverse("consultations:request-submit", args=[case.pk])
    response = client.post(send)
    assert (
        response.status_code == 400
        and 'class="privacy-match"' in response.content.decode()
    )
    response = client.post(send, {"privacy_confirmed": "on"})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == Status.SUBMITTED


def test_sending_tells_the_director_with_no_case_text(
    client, member, django_capture_on_commit_callbacks
):
    director = people.director()
    case = _draft(member)
    client.force_login(member)
    with django_capture_on_commit_callbacks(execute=True):
        post_edit(client, case, action="submit")
    case.refresh_from_db()
    sent = [m for m in mail.outbox if director.email in m.to]
    assert len(sent) == 1
    message = sent[0]
    assert case.reference in message.subject
    text = message.subject + message.body
    for value in REQUEST.values():
        if len(value) > 8:
            assert value not in text
    assert AuditEvent.objects.filter(case=case, target="submit").exists()


def test_a_waived_fee_sends_the_request_straight_to_triage(client, member):
    case = _draft(member)
    Case.objects.filter(pk=case.pk).update(fee_waived=True)
    client.force_login(member)
    post_edit(client, case, action="submit")
    case.refresh_from_db()
    assert case.status == Status.TRIAGE


def test_a_returned_request_is_edited_and_sent_again(
    client, member, django_capture_on_commit_callbacks
):
    people.director()
    case = case_in(
        Status.RETURNED, requester=member, director_note="Say more about risk."
    )
    client.force_login(member)
    page = client.get(edit_url(case))
    assert page.status_code == 200 and "Say more about risk." in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = post_edit(
            client, case, action="submit", risk_notes="Passive ideation, a safety plan."
        )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == Status.SUBMITTED
    assert case.risk_notes == "Passive ideation, a safety plan."
    assert any("sent again" in m.subject for m in mail.outbox)


def test_a_sent_request_can_no_longer_be_edited(client, member):
    case = case_in(Status.TRIAGE, requester=member)
    client.force_login(member)
    response = client.get(edit_url(case))
    assert response.status_code == 302 and response.url == case.get_absolute_url()
    response = post_edit(client, case, referral_question="Changed")
    assert response.status_code == 302
    htmx = client.post(
        reverse("consultations:request-autosave", args=[case.pk]),
        {**REQUEST, "referral_question": "Changed"},
        headers={"HX-Request": "true"},
    )
    assert "Not saved" in htmx.content.decode()
    case.refresh_from_db()
    assert case.referral_question != "Changed"


@pytest.mark.parametrize(
    "who", ["other_member", "consultant", "offered", "admin", "visitor"]
)
def test_only_the_requester_may_edit_autosave_send_or_cancel(client, member, who):
    case = _draft(member)
    if who == "offered":
        case = case_in(Status.OFFERED, requester=member)
        Case.objects.filter(pk=case.pk).update(status=Status.DRAFT)
        user = Offer.objects.get(case=case).consultant
    else:
        user = {
            "other_member": people.member,
            "consultant": consultant,
            "admin": people.admin,
            "visitor": lambda: None,
        }[who]()
    if user:
        client.force_login(user)
    urls = [
        ("get", edit_url(case)),
        ("post", edit_url(case)),
        ("post", reverse("consultations:request-autosave", args=[case.pk])),
        ("post", reverse("consultations:request-submit", args=[case.pk])),
        ("get", reverse("consultations:request-cancel", args=[case.pk])),
        ("post", reverse("consultations:request-cancel", args=[case.pk])),
    ]
    for method, url in urls:
        data = (
            {**REQUEST, "referral_question": "Hijacked"} if method == "post" else None
        )
        response = getattr(client, method)(url, data, headers={"HX-Request": "true"})
        if who == "visitor":
            assert response.status_code == 302 and "login" in response.url
        elif who == "offered":
            assert response.status_code == 403, url
        else:
            assert response.status_code == 404, url
    case.refresh_from_db()
    assert case.status == Status.DRAFT and case.referral_question != "Hijacked"


def test_cancel_asks_first_then_withdraws_open_offers(
    client, member, django_capture_on_commit_callbacks
):
    case = case_in(Status.OFFERED, requester=member)
    offer = Offer.objects.get(case=case)
    client.force_login(member)
    url = reverse("consultations:request-cancel", args=[case.pk])
    page = client.get(url)
    assert page.status_code == 200 and "Yes, cancel it" in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)
    assert response.url == reverse("consultations:mine")
    case.refresh_from_db()
    offer.refresh_from_db()
    assert case.status == Status.CANCELLED and case.closed_at
    assert offer.status == Offer.Status.WITHDRAWN
    withdrawn = [m for m in mail.outbox if offer.consultant.email in m.to]
    assert len(withdrawn) == 1
    assert case.case_summary not in withdrawn[0].body


def test_cancel_is_refused_once_a_reviewer_has_the_case(client, member):
    case = case_in(Status.ACCEPTED, requester=member)
    client.force_login(member)
    response = client.post(reverse("consultations:request-cancel", args=[case.pk]))
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == Status.ACCEPTED
    follow = client.get(response.url)
    assert "can no longer be cancelled" in follow.content.decode()
