"""The questions thread between the case team and the requesting therapist."""

import pytest
from django.core import mail
from django.urls import reverse

from consultations.models import AuditEvent, Case, CaseMessage
from tests.community import factories as people
from tests.consultations.factories import attending, case_in, consultant, panel_member

pytestmark = pytest.mark.django_db
Status = Case.Status
QUESTION = "Has the client ever spoken about how the sessions end?"
IDENTIFIED = "Her name is Maria Gonzales, DOB 03/14/1987, and she asked about it."


def url(case):
    return reverse("consultations:questions", args=[case.pk])


def post(client, case, body, **extra):
    return client.post(url(case), {"questions-body": body, **extra})


def thread(case):
    return CaseMessage.objects.filter(case=case, thread="questions")


@pytest.fixture
def case(db):
    return case_in(Status.IN_CONFERENCE)


def test_the_lead_asks_and_the_therapist_is_emailed_a_link_without_the_text(
    client, case, django_capture_on_commit_callbacks
):
    client.force_login(case.lead_reviewer)
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, case, QUESTION)
    assert response.status_code == 302
    assert response.url.endswith(f"/consultations/{case.pk}/#questions")
    message = thread(case).get()
    assert (message.author, message.body) == (case.lead_reviewer, QUESTION)
    assert [m.to for m in mail.outbox] == [[case.requester.email]]
    email = mail.outbox[0]
    assert email.subject == f"A new message on consultation {case.reference}"
    assert f"/consultations/{case.pk}/" in email.body
    assert QUESTION not in email.body and "sessions end" not in email.subject
    assert case.case_summary not in email.body


def test_the_therapist_answers_on_the_case_page_and_the_lead_is_told(
    client, case, django_capture_on_commit_callbacks
):
    client.force_login(case.requester)
    page = client.get(case.get_absolute_url())
    assert page.status_code == 200
    assert "Send your answer" in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        assert (
            post(client, case, "Yes: she leaves early most weeks.").status_code == 302
        )
    assert [m.to for m in mail.outbox] == [[case.lead_reviewer.email]]
    assert "leaves early" not in mail.outbox[0].body
    page = client.get(case.get_absolute_url()).content.decode()
    assert "she leaves early most weeks" in page and "(requesting therapist)" in page


def test_a_panel_member_and_an_attending_take_part(client, case):
    member_of_panel = panel_member(case)
    client.force_login(member_of_panel)
    assert post(client, case, QUESTION).status_code == 302
    client.force_login(attending())
    response = client.get(url(case))
    assert response.status_code == 200 and QUESTION in response.content.decode()


def test_the_guard_highlights_keeps_the_text_and_saves_only_on_confirmation(
    client, case
):
    client.force_login(case.requester)
    response = post(client, case, IDENTIFIED)
    assert response.status_code == 400
    html = response.content.decode()
    assert 'class="privacy-match"' in html
    assert "Maria Gonzales, DOB 03/14/1987" in html  # kept in the textarea
    assert not thread(case).exists()
    response = post(client, case, IDENTIFIED, **{"questions-privacy_confirmed": "on"})
    assert response.status_code == 302
    assert thread(case).get().privacy_confirmed_matches
    stored = str(thread(case).get().privacy_confirmed_matches)
    assert "Gonzales" not in stored


def test_an_empty_message_comes_back_with_an_error(client, case):
    client.force_login(case.requester)
    response = post(client, case, "   ")
    assert response.status_code == 400
    assert 'class="errorlist' in response.content.decode()
    assert not thread(case).exists()


@pytest.mark.parametrize("status", [Status.DELIVERED, Status.CLOSED])
def test_the_thread_is_read_only_after_delivery(client, status):
    case = case_in(status)
    CaseMessage.objects.create(
        case=case, thread="questions", author=case.lead_reviewer, body=QUESTION
    )
    client.force_login(case.requester)
    page = client.get(case.get_absolute_url()).content.decode()
    assert QUESTION in page and "This thread is closed" in page
    assert 'name="questions-body"' not in page
    response = post(client, case, "One more thing.")
    assert response.status_code == 400
    assert "read-only" in response.content.decode()
    assert thread(case).count() == 1


def test_no_questions_before_a_reviewer_holds_the_case(client):
    case = case_in(Status.TRIAGE)
    client.force_login(case.requester)
    page = client.get(case.get_absolute_url()).content.decode()
    assert "Once a reviewer has taken the case on" in page
    assert post(client, case, QUESTION).status_code == 400
    assert not thread(case).exists()


@pytest.mark.parametrize(
    "status", [Status.ACCEPTED, Status.DRAFTING, Status.IN_SIGNOFF, Status.ESCALATED]
)
def test_posting_is_open_while_the_team_works_on_the_case(client, status):
    case = case_in(status)
    client.force_login(case.requester)
    assert post(client, case, "An answer.").status_code == 302


def test_the_thread_page_is_recorded_in_the_trail(client, case):
    client.force_login(case.requester)
    assert client.get(url(case)).status_code == 200
    assert AuditEvent.objects.filter(
        case=case, actor=case.requester, action="view", target="questions"
    ).exists()


@pytest.mark.parametrize(
    "who", ["other_member", "other_consultant", "admin", "other_panel"]
)
def test_people_the_case_is_nothing_to_get_404(client, case, who):
    if who == "other_member":
        user = people.member()
    elif who == "other_consultant":
        user = consultant()
    elif who == "admin":
        user = people.admin()
    else:
        user = panel_member(case_in(Status.IN_CONFERENCE))
    client.force_login(user)
    assert client.get(url(case)).status_code in (302, 404)
    assert post(client, case, QUESTION).status_code in (302, 404)
    assert client.get(case.get_absolute_url()).status_code in (302, 404)
    assert not thread(case).exists()


def test_a_visitor_is_sent_to_sign_in(client, case):
    response = post(client, case, QUESTION)
    assert response.status_code == 302 and "login" in response.url
    assert not thread(case).exists()


def test_a_reviewer_with_an_open_offer_is_not_in_the_thread(client):
    reviewer = consultant()
    case = case_in(Status.OFFERED, lead=reviewer)
    client.force_login(reviewer)
    assert client.get(url(case)).status_code == 403
    assert post(client, case, QUESTION).status_code == 403
