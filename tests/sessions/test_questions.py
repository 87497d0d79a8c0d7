"""Members send, edit, withdraw and up-vote questions before the cutoff."""

import threading
from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from sessions.models import Question, Vote
from sessions.services import questions as question_services
from tests.community import factories

pytestmark = pytest.mark.django_db

QUESTION = {
    "title": "Pacing with a client who floods",
    "body": "How do I slow things down without signalling that her story is too much?",
    "context": "",
}


def detail(session):
    return reverse("coaching_sessions:detail", args=[session.pk])


def test_member_sends_a_question_and_sees_it(client, member, session):
    client.force_login(member)
    response = client.post(detail(session), QUESTION)
    assert response.status_code == 302
    question = Question.objects.get()
    assert question.author == member and question.status == "submitted"
    html = client.get(detail(session)).content.decode()
    assert QUESTION["title"] in html


def test_questions_close_at_the_cutoff_on_the_server(client, member, session):
    client.force_login(member)
    with time_machine.travel(session.questions_close_at + timedelta(seconds=1)):
        response = client.post(detail(session), QUESTION)
    assert response.status_code == 400
    assert "closed" in response.content.decode()
    assert not Question.objects.exists()
    with time_machine.travel(session.questions_close_at - timedelta(seconds=1)):
        assert client.post(detail(session), QUESTION).status_code == 302


def test_at_most_three_questions_per_member(client, member, session, settings):
    settings.SESSION_QUESTIONS_PER_MEMBER = 3
    client.force_login(member)
    for i in range(3):
        client.post(detail(session), {**QUESTION, "title": f"Q{i}"})
    response = client.post(detail(session), {**QUESTION, "title": "Q4"})
    assert response.status_code == 400
    assert "up to 3 questions" in response.content.decode()
    assert "Q4" in response.content.decode()  # what was typed is kept
    assert Question.objects.count() == 3


def test_edit_and_withdraw_until_the_cutoff_and_only_your_own(client, member, session):
    question = question_services.question_submit(
        session=session, author=member, title="Old", body="Old body"
    )
    other = factories.member()
    client.force_login(other)
    edit = reverse("coaching_sessions:question-edit", args=[question.pk])
    assert client.post(edit, {**QUESTION}).status_code == 404
    withdraw = reverse("coaching_sessions:question-withdraw", args=[question.pk])
    assert client.post(withdraw).status_code == 404

    client.force_login(member)
    assert client.post(edit, QUESTION).status_code == 302
    question.refresh_from_db()
    assert question.title == QUESTION["title"]
    with time_machine.travel(session.questions_close_at + timedelta(minutes=1)):
        response = client.post(edit, {**QUESTION, "title": "Too late"})
        assert response.status_code == 400
        client.post(withdraw)
    question.refresh_from_db()
    assert question.title == QUESTION["title"] and question.status == "submitted"
    client.post(withdraw)
    question.refresh_from_db()
    assert question.status == "withdrawn"


def test_privacy_guard_checks_title_question_and_context(client, member, session):
    client.force_login(member)
    data = {**QUESTION, "context": "Her name is Maria Gonzales, DOB 03/14/1987."}
    response = client.post(detail(session), data)
    assert response.status_code == 400
    assert 'class="privacy-match"' in response.content.decode()
    assert not Question.objects.exists()
    response = client.post(detail(session), {**data, "privacy_confirmed": "on"})
    assert response.status_code == 302
    assert Question.objects.get().privacy_confirmed_matches


def test_votes_count_once_and_never_on_your_own(client, member, session):
    author = factories.member()
    question = question_services.question_submit(
        session=session, author=author, title="T", body="B"
    )
    vote = reverse("coaching_sessions:question-vote", args=[question.pk])
    client.force_login(member)
    client.post(vote)
    client.post(vote)  # a second click is not a second vote
    question.refresh_from_db()
    assert question.vote_count == 1 and Vote.objects.count() == 1
    client.force_login(author)
    client.post(vote)
    question.refresh_from_db()
    assert question.vote_count == 1
    client.force_login(member)
    client.post(vote, {"action": "remove"})
    question.refresh_from_db()
    assert question.vote_count == 0


@pytest.mark.django_db(transaction=True)
def test_two_votes_arriving_at_once_count_once(make_session):
    if connection.vendor == "sqlite":
        pytest.skip("SQLite serialises writers; the constraint is tested below")
    session = make_session()
    author, voter = factories.member(), factories.member()
    question = question_services.question_submit(
        session=session, author=author, title="T", body="B"
    )
    barrier = threading.Barrier(2)
    results = []

    def vote():
        barrier.wait()
        results.append(question_services.vote_add(question=question, user=voter))
        connection.close()

    threads = [threading.Thread(target=vote) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    question.refresh_from_db()
    assert sorted(results) == [False, True]
    assert question.vote_count == 1


def test_the_database_refuses_a_duplicate_vote(session):
    from django.db import IntegrityError, transaction

    question = question_services.question_submit(
        session=session, author=factories.member(), title="T", body="B"
    )
    voter = factories.member()
    Vote.objects.create(question=question, user=voter)
    with pytest.raises(IntegrityError), transaction.atomic():
        Vote.objects.create(question=question, user=voter)


def test_hidden_names_are_hidden_from_members_but_not_the_director(
    client, member, director, session
):
    author = factories.member(user__display_name="Secret Author")
    question_services.question_submit(
        session=session, author=author, title="T", body="B", hide_name=True
    )
    client.force_login(member)
    assert "Secret Author" not in client.get(detail(session)).content.decode()
    client.force_login(director)
    assert "Secret Author" in client.get(detail(session)).content.decode()


def test_join_button_shows_from_15_minutes_before_the_start(client, member, session):
    client.force_login(member)
    with time_machine.travel(session.starts_at - timedelta(minutes=16)):
        assert (
            "Join the live session" not in client.get(detail(session)).content.decode()
        )
    with time_machine.travel(session.starts_at - timedelta(minutes=15)):
        assert "Join the live session" in client.get(detail(session)).content.decode()


def test_sessions_are_shown_in_the_members_time_zone(client, member, make_session):
    from datetime import UTC, datetime

    starts = datetime(2030, 1, 10, 20, 0, tzinfo=UTC)
    session = make_session(starts_in=starts - timezone.now())
    member.time_zone = "America/Los_Angeles"
    member.save()
    client.force_login(member)
    html = client.get(reverse("coaching_sessions:list")).content.decode()
    assert "Thursday 10 January 2030, 12:00" in html
    member.time_zone = "Europe/Berlin"
    member.save()
    html = client.get(detail(session)).content.decode()
    assert "Thursday 10 January 2030, 21:00" in html


def test_sessions_pages_are_for_members_only(client, lapsed, session):
    for path in [reverse("coaching_sessions:list"), detail(session)]:
        assert "/accounts/login/" in client.get(path)["Location"]
    client.force_login(lapsed)
    for path in [reverse("coaching_sessions:list"), detail(session)]:
        assert client.get(path)["Location"] == "/join/"


def test_session_page_queries_stay_flat_as_questions_grow(client, member, session):
    def count():
        client.get(detail(session))
        with CaptureQueriesContext(connection) as captured:
            client.get(detail(session))
        return len(captured)

    def add(n):
        for _ in range(n):
            q = question_services.question_submit(
                session=session, author=factories.member(), title="T", body="B"
            )
            question_services.vote_add(question=q, user=member)

    client.force_login(member)
    add(3)
    small = count()
    add(20)
    assert count() == small


def test_sessions_list_queries_stay_flat_as_sessions_grow(client, member, make_session):
    def count():
        client.get(reverse("coaching_sessions:list"))
        with CaptureQueriesContext(connection) as captured:
            client.get(reverse("coaching_sessions:list"))
        return len(captured)

    def add(n, offset):
        for i in range(n):
            s = make_session(starts_in=timedelta(days=offset + i))
            question_services.question_submit(
                session=s, author=member, title="Mine", body="B"
            )

    client.force_login(member)
    add(2, 5)
    small = count()
    add(10, 20)
    assert count() == small


def test_voting_with_htmx_returns_just_the_updated_card(client, member, session):
    question = question_services.question_submit(
        session=session, author=factories.member(), title="Card", body="B"
    )
    client.force_login(member)
    url = reverse("coaching_sessions:question-vote", args=[question.pk])
    response = client.post(url, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200
    assert f'id="question-{question.pk}"' in html and "<html" not in html
    assert "1 “me too”" in html and 'aria-pressed="true"' in html
    response = client.post(url, HTTP_HX_REQUEST="true")
    assert "already said" in response.content.decode()
