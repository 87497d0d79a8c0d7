"""Withdrawing a question asks first: a confirmation page (no JavaScript
needed), and only its POST withdraws; nobody else's question can be touched."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse

from sessions.models import Question
from sessions.services import questions as question_services

pytestmark = pytest.mark.django_db


@pytest.fixture
def question(session, member):
    return question_services.question_submit(
        session=session, author=member, title="Pacing a first session", body="B"
    )


def withdraw_url(question):
    return reverse("coaching_sessions:question-withdraw", args=[question.pk])


def test_the_session_page_links_to_a_confirmation_instead_of_withdrawing(
    client, member, question
):
    client.force_login(member)
    page = client.get(reverse("coaching_sessions:detail", args=[question.session_id]))
    html = page.text
    assert f'<a class="button button--quiet" href="{withdraw_url(question)}">' in html
    assert f'action="{withdraw_url(question)}"' not in html


def test_the_confirmation_page_withdraws_nothing_by_itself(client, member, question):
    client.force_login(member)
    response = client.get(withdraw_url(question))
    assert response.status_code == 200
    assert "Withdraw your question?" in response.text
    assert "Pacing a first session" in response.text
    assert "Keep it" in response.text
    question.refresh_from_db()
    assert question.status == Question.Status.SUBMITTED


def test_confirming_withdraws(client, member, question):
    client.force_login(member)
    response = client.post(withdraw_url(question), follow=True)
    assert "Your question is withdrawn." in response.text
    question.refresh_from_db()
    assert question.status == Question.Status.WITHDRAWN


def test_another_member_can_neither_see_nor_confirm_it(client, question):
    from tests.community import factories

    client.force_login(factories.member())
    assert client.get(withdraw_url(question)).status_code == 404
    assert client.post(withdraw_url(question)).status_code == 404
    question.refresh_from_db()
    assert question.status == Question.Status.SUBMITTED


def test_after_the_cutoff_the_page_says_it_is_too_late(
    client, member, question, session
):
    with time_machine.travel(session.questions_close_at + timedelta(minutes=1)):
        client.force_login(member)
        response = client.get(withdraw_url(question))
        assert response.status_code == 200
        assert "can no longer be withdrawn" in response.text
        assert "Withdraw my question" not in response.text
        posted = client.post(withdraw_url(question), follow=True)
        assert posted.status_code == 200
    question.refresh_from_db()
    assert question.status == Question.Status.SUBMITTED


def test_a_withdrawn_question_cannot_be_withdrawn_again(client, member, question):
    client.force_login(member)
    client.post(withdraw_url(question))
    response = client.get(withdraw_url(question))
    assert "can no longer be withdrawn: it is withdrawn" in response.text
    response = client.post(withdraw_url(question), follow=True)
    assert response.status_code == 200
    assert "cannot be withdrawn" in response.text
