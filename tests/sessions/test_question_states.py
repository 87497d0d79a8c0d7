"""A question's status moves only as the one transitions table allows, whoever
acts; a refused move from the curation board is a message, never a 500."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse

from sessions import question_states
from sessions.models import Question
from sessions.services import curation
from sessions.services import questions as question_services
from tests.community import factories

pytestmark = pytest.mark.django_db

Status = Question.Status


def ask(session, author=None, title="Q", **fields):
    question = question_services.question_submit(
        session=session, author=author or factories.member(), title=title, body="B"
    )
    if fields:
        Question.objects.filter(pk=question.pk).update(**fields)
        question.refresh_from_db()
    return question


def act(client, question, action, **data):
    url = reverse("coaching_sessions:question-act", args=[question.pk])
    return client.post(url, {"action": action, **data}, follow=True)


def test_the_table_covers_every_status():
    sources = {s for move in question_states.TRANSITIONS.values() for s in move.sources}
    targets = {move.target for move in question_states.TRANSITIONS.values()}
    assert sources | question_states.FINAL == set(Status.values)
    assert not sources & question_states.FINAL  # nothing leaves a final status
    assert targets <= set(Status.values)
    # Every status can be reached (submitted is where a question starts).
    assert targets | {Status.SUBMITTED} == set(Status.values)


@pytest.mark.parametrize("status", sorted(question_states.FINAL))
@pytest.mark.parametrize("action", sorted(question_states.TRANSITIONS))
def test_no_action_moves_a_settled_question(status, action):
    question = Question(status=status)
    with pytest.raises(question_states.InvalidTransition):
        question_states.transition(question, action)
    assert question.status == status


def test_a_withdrawn_question_cannot_be_deferred(
    client, director, session, make_session
):
    later = make_session(starts_in=timedelta(days=20))
    question = ask(session)
    question_services.question_withdraw(question=question, user=question.author)
    mail.outbox.clear()
    client.force_login(director)

    response = act(client, question, "defer", session=later.pk)

    assert response.status_code == 200  # back on the board, with the reason
    assert "withdrawn and cannot be moved to a later session" in response.text
    question.refresh_from_db()
    assert question.status == Status.WITHDRAWN and question.session == session
    assert mail.outbox == []


def test_an_answered_question_cannot_be_declined(client, director, session):
    question = ask(session, status=Status.ANSWERED, agenda_position=1)
    client.force_login(director)

    response = act(client, question, "decline", note="Not for this group.")

    assert response.status_code == 200
    assert "answered and cannot be declined" in response.text
    question.refresh_from_db()
    assert question.status == Status.ANSWERED and question.director_note == ""
    assert mail.outbox == []


@pytest.mark.parametrize("status", [Status.DECLINED, Status.WITHDRAWN])
def test_settled_questions_cannot_go_on_the_agenda_or_be_merged(
    client, director, session, status
):
    settled, other = ask(session, status=status), ask(session, title="Open")
    client.force_login(director)
    act(client, settled, "accept")
    act(client, settled, "merge", target=other.pk)
    act(client, other, "merge", target=settled.pk)
    settled.refresh_from_db()
    other.refresh_from_db()
    assert settled.status == status and other.status == Status.SUBMITTED
    assert other.merged_into is None


def test_a_declined_question_cannot_be_withdrawn_into_another_status(client, session):
    question = ask(session, status=Status.DECLINED)
    client.force_login(question.author)
    response = client.post(
        reverse("coaching_sessions:question-withdraw", args=[question.pk]),
        follow=True,
    )
    assert response.status_code == 200
    assert "declined and cannot be withdrawn" in response.text
    question.refresh_from_db()
    assert question.status == Status.DECLINED


def test_a_deferred_question_shows_on_the_next_board_and_can_be_accepted(
    client, director, session
):
    question = ask(session, status=Status.DEFERRED)
    client.force_login(director)
    board = client.get(reverse("coaching_sessions:board", args=[session.pk]))
    assert question in board.context["open_questions"]
    act(client, question, "accept")
    question.refresh_from_db()
    assert question.status == Status.ACCEPTED


def test_closing_the_session_answers_only_what_was_on_the_agenda(director, session):
    accepted = ask(session, status=Status.ACCEPTED, agenda_position=1)
    withdrawn = ask(session, status=Status.WITHDRAWN)
    curation.session_close(session=session, answered={accepted.pk: 3, withdrawn.pk: 5})
    accepted.refresh_from_db()
    withdrawn.refresh_from_db()
    assert accepted.status == Status.ANSWERED
    assert withdrawn.status == Status.WITHDRAWN


def test_the_services_refuse_with_a_validation_error(session, make_session):
    later = make_session(starts_in=timedelta(days=20))
    answered = ask(session, status=Status.ANSWERED)
    open_one = ask(session, title="Open")
    with pytest.raises(question_states.InvalidTransition):
        curation.question_defer(question=answered, to_session=later)
    with pytest.raises(question_states.InvalidTransition):
        curation.question_merge(source=open_one, target=answered)
    with pytest.raises(question_states.InvalidTransition):
        curation.question_accept(question=answered)
