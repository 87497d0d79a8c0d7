""" "My consultations": the member's cases with status, deadlines and what is
asked of them, in a flat number of queries; and who lands where."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from consultations.models import Case, CaseMessage, ConsentRecord
from tests.community import factories as people
from tests.consultations.factories import case_in, consultant

pytestmark = pytest.mark.django_db
Status = Case.Status
MINE = "/consultations/"


def test_the_url_is_the_area_root():
    assert reverse("consultations:mine") == MINE


def test_the_member_sees_only_their_own_cases_with_what_is_asked(client, member):
    draft = case_in(Status.DRAFT, requester=member)
    returned = case_in(Status.RETURNED, requester=member)
    delivered = case_in(Status.DELIVERED, requester=member)
    drafting = case_in(Status.DRAFTING, requester=member)
    CaseMessage.objects.create(
        case=drafting, thread="questions", author=drafting.lead_reviewer, body="Q?"
    )
    others = case_in(Status.TRIAGE)
    client.force_login(member)
    page = client.get(MINE).content.decode()
    for case in (draft, returned, delivered, drafting):
        assert case.reference in page
    assert others.reference not in page
    assert "Finish your request and send it" in page
    assert "returned it with a note" in page
    assert "Your report is ready to read" in page
    assert "The case team has asked you a question" in page
    assert "Report due" in page  # the drafting case's due time
    assert "New request" in page


def test_an_answered_question_asks_nothing_more(client, member):
    case = case_in(Status.DRAFTING, requester=member)
    question = CaseMessage.objects.create(
        case=case, thread="questions", author=case.lead_reviewer, body="Q?"
    )
    answer = CaseMessage.objects.create(
        case=case, thread="questions", author=member, body="A."
    )
    CaseMessage.objects.filter(pk=answer.pk).update(
        created_at=question.created_at + timedelta(minutes=5)
    )
    CaseMessage.objects.create(
        case=case, thread="conference", author=case.lead_reviewer, body="Team only"
    )
    client.force_login(member)
    page = client.get(MINE).content.decode()
    assert "asked you a question" not in page
    assert "Nothing for now" in page


def test_an_interview_without_consent_asks_for_it(client, member):
    case = case_in(Status.DRAFT, requester=member, interview_requested=True)
    client.force_login(member)
    assert "Record the patient" in client.get(MINE).content.decode()
    ConsentRecord.objects.create(
        case=case,
        kind="given",
        consent_version="2026-1",
        consent_text="…",
        obtained_on=timezone.localdate(),
        method="video",
    )
    assert "Record the patient" not in client.get(MINE).content.decode()


def _cases(member, n):
    statuses = [Status.DRAFT, Status.RETURNED, Status.DRAFTING, Status.DELIVERED]
    for i in range(n):
        case = case_in(statuses[i % len(statuses)], requester=member)
        CaseMessage.objects.create(case=case, thread="questions", author=None, body="Q")


def test_the_query_count_is_flat_in_the_number_of_cases(
    client, member, django_assert_max_num_queries
):
    client.force_login(member)
    _cases(member, 3)
    client.get(MINE)  # warm the caches a first request fills
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        assert client.get(MINE).status_code == 200
    _cases(member, 12)
    with django_assert_max_num_queries(len(few)):
        response = client.get(MINE)
    assert response.content.decode().count("<tr>") == 16  # header + 15 cases


def test_a_consultant_who_is_not_a_member_goes_to_their_reviewer_page(client):
    client.force_login(consultant())
    response = client.get(MINE)
    assert response.status_code == 302 and response.url == reverse(
        "consultations:reviewer"
    )


def test_a_former_member_still_reads_their_cases_but_cannot_start_one(client):
    lapsed = people.lapsed_member()
    case = case_in(Status.DELIVERED, requester=lapsed)
    client.force_login(lapsed)
    page = client.get(MINE)
    assert page.status_code == 200
    body = page.content.decode()
    assert case.reference in body and "needs a membership" in body
    response = client.post(reverse("consultations:new"))
    assert (
        response.status_code == 302 and not Case.objects.filter(status="draft").exists()
    )


def test_a_visitor_signs_in_and_a_signed_up_user_is_sent_to_join(client, signed_up):
    response = client.get(MINE)
    assert response.status_code == 302 and "login" in response.url
    client.force_login(signed_up)
    response = client.get(MINE)
    assert response.status_code == 302 and response.url == reverse("memberships:join")


def test_an_admin_sees_no_one_else_s_cases(client, member):
    case = case_in(Status.TRIAGE, requester=member)
    client.force_login(people.admin())
    response = client.get(MINE)
    assert case.reference not in response.content.decode()
