"""The director's curation board: accept, decline, merge, defer, order, publish."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse

from sessions.models import CoachingSession, Question, Vote
from sessions.services import questions as question_services
from tests.community import factories

pytestmark = pytest.mark.django_db


def ask(session, author=None, title="Q"):
    return question_services.question_submit(
        session=session, author=author or factories.member(), title=title, body="B"
    )


def act(client, question, action, **data):
    url = reverse("coaching_sessions:question-act", args=[question.pk])
    return client.post(url, {"action": action, **data})


def test_members_cannot_curate(client, member, session):
    question = ask(session)
    client.force_login(member)
    assert (
        client.get(reverse("coaching_sessions:board", args=[session.pk])).status_code
        == 403
    )
    assert act(client, question, "accept").status_code == 403
    agenda = reverse("coaching_sessions:agenda", args=[session.pk])
    assert client.post(agenda, {"publish": "1"}).status_code == 403
    question.refresh_from_db()
    assert question.status == "submitted"


def test_board_lists_questions_by_votes_then_age(client, director, session):
    first, second = ask(session, title="Older"), ask(session, title="Popular")
    question_services.vote_add(question=second, user=factories.member())
    client.force_login(director)
    response = client.get(reverse("coaching_sessions:board", args=[session.pk]))
    titles = [q.title for q in response.context["open_questions"]]
    assert titles == ["Popular", "Older"]
    assert first.title in response.content.decode()


def test_decline_needs_a_note_and_tells_the_author(client, director, session):
    question = ask(session)
    client.force_login(director)
    act(client, question, "decline", note="")
    question.refresh_from_db()
    assert question.status == "submitted"
    act(client, question, "decline", note="Better for the forum.")
    question.refresh_from_db()
    assert question.status == "declined"
    assert mail.outbox[-1].to == [question.author.email]
    # The note stays on the site, on the author's session page only.
    assert "Better for the forum." not in mail.outbox[-1].body
    page = reverse("coaching_sessions:detail", args=[session.pk])
    client.force_login(question.author)
    assert "Better for the forum." in client.get(page).text
    client.force_login(factories.member())
    assert "Better for the forum." not in client.get(page).text


def test_merge_combines_votes_and_authors_and_tells_them(client, director, session):
    a_author, b_author = factories.member(), factories.member()
    source, target = ask(session, a_author, "Dup"), ask(session, b_author, "Main")
    both, only_source = factories.member(), factories.member()
    for voter in (both, only_source):
        question_services.vote_add(question=source, user=voter)
    question_services.vote_add(question=target, user=both)
    client.force_login(director)
    act(client, source, "merge", target=target.pk)
    source.refresh_from_db()
    target.refresh_from_db()
    assert source.status == "merged" and source.merged_into == target
    assert target.vote_count == 2  # "both" counts once
    assert set(Vote.objects.filter(question=target).values_list("user", flat=True)) == {
        both.pk,
        only_source.pk,
    }
    assert a_author in target.co_authors.all()
    assert mail.outbox[-1].to == [a_author.email]


def test_defer_moves_the_question_to_a_later_session(client, director, make_session):
    now_session = make_session()
    later = make_session(starts_in=timedelta(days=21))
    question = ask(now_session)
    client.force_login(director)
    act(client, question, "defer", session=later.pk)
    question.refresh_from_db()
    assert question.session == later and question.status == "submitted"
    assert "moves" in mail.outbox[-1].subject
    # Not to an earlier one.
    act(client, question, "defer", session=now_session.pk)
    question.refresh_from_db()
    assert question.session == later


def test_agenda_order_and_budgets_must_add_up_before_publishing(
    client, director, member, session, django_capture_on_commit_callbacks
):
    one, two = ask(session, title="One"), ask(session, title="Two")
    client.force_login(director)
    act(client, one, "accept")
    act(client, two, "accept")
    agenda = reverse("coaching_sessions:agenda", args=[session.pk])
    client.post(
        agenda,
        {f"position-{one.pk}": 2, f"minutes-{one.pk}": 30,
         f"position-{two.pk}": 1, f"minutes-{two.pk}": 30, "publish": "1"},
    )  # fmt: skip
    session.refresh_from_db()
    assert session.status == "scheduled"  # 60 of 90 minutes: not published
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            agenda,
            {f"position-{one.pk}": 2, f"minutes-{one.pk}": 40,
             f"position-{two.pk}": 1, f"minutes-{two.pk}": 50, "publish": "1"},
        )  # fmt: skip
    session.refresh_from_db()
    assert session.status == CoachingSession.Status.AGENDA_PUBLISHED
    assert member.email in [m.to[0] for m in mail.outbox]

    client.force_login(member)
    html = client.get(reverse("coaching_sessions:detail", args=[session.pk])).content
    html = html.decode()
    assert html.index("Two") < html.index("One")  # the agenda's order
    assert "50 min" in html


def test_bad_curation_input_is_a_message_not_an_error(client, director, session):
    question = ask(session)
    client.force_login(director)
    assert act(client, question, "merge", target="nope").status_code == 404
    assert act(client, question, "defer", session="").status_code == 404
    response = act(client, question, "explode")
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.status == Question.Status.SUBMITTED


def test_board_queries_stay_flat_as_questions_grow(client, director, session):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url = reverse("coaching_sessions:board", args=[session.pk])
    client.force_login(director)

    def count():
        with CaptureQueriesContext(connection) as captured:
            client.get(url)
        return len(captured)

    def add(n):
        for _ in range(n):
            question = ask(session)
            question_services.vote_add(question=question, user=factories.member())

    add(2)
    client.force_login(director)
    small = count()
    add(15)
    assert count() == small


def test_after_the_session_answered_are_marked_and_the_rest_move_on(
    client, director, make_session
):
    import time_machine

    session = make_session(starts_in=timedelta(days=3))
    following = make_session(starts_in=timedelta(days=17))
    done, missed = ask(session, title="Done"), ask(session, title="Missed")
    client.force_login(director)
    for question in (done, missed):
        act(client, question, "accept")
    with time_machine.travel(session.ends_at + timedelta(minutes=5)):
        client.force_login(director)
        client.post(
            reverse("coaching_sessions:close", args=[session.pk]),
            {f"answered-{done.pk}": "1", f"minute-{done.pk}": "12",
             "recording_url": "https://videos.example.org/rec1"},
        )  # fmt: skip
    session.refresh_from_db()
    done.refresh_from_db()
    missed.refresh_from_db()
    assert session.status == "done" and session.recording_url.endswith("rec1")
    assert done.status == "answered" and done.recording_minute == 12
    assert missed.session == following and missed.status == "submitted"


def test_director_turns_a_forum_topic_into_a_question(
    client, director, member, session
):
    from machina.apps.forum.models import Forum

    from tests.forum.conftest import make_topic, topic_url

    forum = Forum.objects.get(slug="case-discussions")
    topic = make_topic(forum=forum, poster=member, subject="Silence in sessions")
    url = reverse("coaching_sessions:from-topic", args=[topic.pk])
    client.force_login(member)
    assert client.post(url, {"session": session.pk}).status_code == 403
    client.force_login(director)
    assert (
        "Bring this topic to a session" in client.get(topic_url(topic)).content.decode()
    )
    client.post(url, {"session": session.pk})
    client.post(url, {"session": session.pk})  # twice: still one question
    question = Question.objects.get(source_topic=topic)
    assert question.author == member and question.session == session
    assert mail.outbox[-1].to == [member.email]
    html = client.get(topic_url(topic)).content.decode()
    assert "Brought to the live session" in html
    client.force_login(member)
    page = client.get(reverse("coaching_sessions:detail", args=[session.pk]))
    assert "From the forum" in page.content.decode()


def test_admins_curate_too(client, site_admin, session):
    question = ask(session)
    client.force_login(site_admin)
    assert (
        client.get(reverse("coaching_sessions:board", args=[session.pk])).status_code
        == 200
    )
    act(client, question, "accept")
    question.refresh_from_db()
    assert question.status == "accepted"


def test_the_board_merge_form_folds_one_question_into_another(
    client, director, session
):
    source, target = ask(session, title="Duplicate"), ask(session, title="Original")
    client.force_login(director)
    board = client.get(reverse("coaching_sessions:board", args=[session.pk]))
    assert (
        board.content.decode().count('name="target"') == 1
    )  # one form, not one per card
    url = reverse("coaching_sessions:merge", args=[session.pk])
    response = client.post(url, {"source": source.pk, "target": target.pk}, follow=True)
    assert "Merged; votes and authors are combined." in response.content.decode()
    source.refresh_from_db()
    assert source.status == "merged" and source.merged_into == target


def test_the_merge_form_refuses_members_and_other_sessions_questions(
    client, member, director, session, make_session
):
    source = ask(session, title="Here")
    elsewhere = ask(make_session(starts_in=timedelta(days=20)), title="Elsewhere")
    url = reverse("coaching_sessions:merge", args=[session.pk])
    client.force_login(member)
    assert (
        client.post(url, {"source": source.pk, "target": source.pk}).status_code == 403
    )
    client.force_login(director)
    response = client.post(url, {"source": source.pk, "target": elsewhere.pk})
    assert response.status_code == 404
    same = client.post(url, {"source": source.pk, "target": source.pk}, follow=True)
    assert "Merge into another question" in same.content.decode()
    source.refresh_from_db()
    assert source.status == "submitted"
