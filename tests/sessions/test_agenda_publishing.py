"""Publishing the agenda says what it does: questions stay open until the cutoff
(new ones reach the board, marked), and every page agrees on open or closed."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from sessions.models import CoachingSession, Question, SentReminder
from sessions.reminders import due_sessions
from sessions.services import curation
from sessions.services import questions as question_services
from tests.community import factories

pytestmark = pytest.mark.django_db

AFTER_PUBLICATION = "Sent after the agenda was published"


def published(session, *, title="On the agenda"):
    """The session with one accepted question filling it, agenda published."""
    # Created directly: the session may be past its cutoff already.
    question = Question.objects.create(
        session=session, author=factories.member(), title=title, body="B"
    )
    curation.question_accept(question=question)
    curation.agenda_save(session=session, plan={question.pk: (1, 90)})
    curation.agenda_publish(session=session)
    session.refresh_from_db()
    return session


def detail(session):
    return reverse("coaching_sessions:detail", args=[session.pk])


def send(client, session, title="Late question"):
    return client.post(detail(session), {"title": title, "body": "What to do?"})


def test_publishing_by_the_director_keeps_questions_open_and_says_so(
    client, director, session, django_capture_on_commit_callbacks
):
    question = question_services.question_submit(
        session=session, author=factories.member(), title="First", body="B"
    )
    client.force_login(director)
    board = reverse("coaching_sessions:board", args=[session.pk])
    client.post(
        reverse("coaching_sessions:question-act", args=[question.pk]),
        {"action": "accept"},
    )
    assert "Questions stay open until the cutoff" in client.get(board).text
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("coaching_sessions:agenda", args=[session.pk]),
            {f"position-{question.pk}": 1, f"minutes-{question.pk}": 90, "publish": 1},
            follow=True,
        )
    session.refresh_from_db()
    assert session.status == CoachingSession.Status.AGENDA_PUBLISHED
    assert session.agenda_published_at is not None
    assert session.accepts_questions(timezone.now())
    assert "Questions stay open until the cutoff." in response.text


def test_a_member_still_sends_a_question_after_publication(client, member, session):
    published(session)
    client.force_login(member)
    page = client.get(detail(session)).text
    assert "Send my question" in page
    assert "The agenda is published; a question sent now still reaches" in page
    response = send(client, session)
    assert response.status_code == 302
    late = Question.objects.get(title="Late question")
    assert late.session == session and late.status == Question.Status.SUBMITTED


def test_a_question_sent_after_publication_is_marked_on_the_board(
    client, director, member, session
):
    before = question_services.question_submit(
        session=session, author=factories.member(), title="Before", body="B"
    )
    published(session)
    later = timezone.now() + timedelta(minutes=5)
    late = question_services.question_submit(
        session=session, author=member, title="After", body="B", now=later
    )
    Question.objects.filter(pk=late.pk).update(created_at=later)
    client.force_login(director)
    html = client.get(reverse("coaching_sessions:board", args=[session.pk])).text
    card = html[html.index(f'id="q-{late.pk}"') :]
    assert card[: card.index("</article>")].count(AFTER_PUBLICATION) == 1
    early = html[html.index(f'id="q-{before.pk}"') :]
    assert AFTER_PUBLICATION not in early[: early.index("</article>")]


def test_a_member_never_sees_the_board_of_a_published_session(client, member, session):
    published(session)
    client.force_login(member)
    board = reverse("coaching_sessions:board", args=[session.pk])
    assert client.get(board).status_code == 403


def test_republishing_keeps_the_first_publication_time(session):
    first = published(session).agenda_published_at
    assert curation.agenda_publish(session=session) is False
    session.refresh_from_db()
    assert session.agenda_published_at == first


def test_after_the_cutoff_a_question_is_refused_with_the_reason_and_the_next_session(
    client, member, make_session
):
    closed = published(make_session(starts_in=timedelta(hours=30)))
    following = make_session(starts_in=timedelta(days=14), title="Next one")
    client.force_login(member)
    response = send(client, closed, title="Typed before the refusal")
    assert response.status_code == 400
    assert "Typed before the refusal" in response.text  # what was typed is kept
    assert not Question.objects.filter(title="Typed before the refusal").exists()
    page = client.get(detail(closed)).text
    assert "Send my question" not in page
    assert "closed on" in page and "the agenda is published" in page
    assert detail(following) + "#ask-title" in page


def test_the_dashboard_invites_a_question_while_a_published_session_is_open(
    client, member, session
):
    published(session)
    client.force_login(member)
    html = client.get("/").text
    assert "Send a question" in html
    assert "The agenda is published" in html


def test_the_dashboard_after_the_cutoff_says_why_and_where_the_next_session_is(
    client, member, make_session
):
    closed = published(make_session(starts_in=timedelta(hours=30)))
    following = make_session(starts_in=timedelta(days=14), title="Next one")
    client.force_login(member)
    html = client.get("/").text
    assert detail(closed) in html
    assert "Send a question" not in html
    assert "Questions for this session closed on" in html
    assert detail(following) + "#ask-title" in html


def test_the_dashboard_says_when_no_next_session_is_scheduled(
    client, member, make_session
):
    make_session(starts_in=timedelta(hours=30))
    client.force_login(member)
    html = client.get("/").text
    assert "Send a question" not in html
    assert "The next session is not scheduled yet" in html


def _topic():
    from machina.apps.forum.models import Forum

    from tests.forum.conftest import make_topic

    forum = Forum.objects.get(slug="case-discussions")
    return make_topic(forum=forum, poster=factories.member(), subject="Pacing")


def test_bring_a_topic_offers_a_published_session_that_still_takes_questions(
    client, director, session
):
    published(session)
    topic = _topic()
    client.force_login(director)
    url = reverse("coaching_sessions:from-topic", args=[topic.pk])
    html = client.get(url).text
    assert f'<option value="{session.pk}">' in html
    assert "(agenda published)" in html
    client.post(url, {"session": session.pk})
    assert session.questions.filter(source_topic=topic).exists()


def test_bring_a_topic_says_why_a_closed_session_is_missing_and_refuses_it(
    client, director, make_session
):
    closed = published(make_session(starts_in=timedelta(hours=30)))
    following = make_session(starts_in=timedelta(days=14))
    topic = _topic()
    client.force_login(director)
    url = reverse("coaching_sessions:from-topic", args=[topic.pk])
    html = client.get(url).text
    assert f'<option value="{closed.pk}">' not in html
    assert f'<option value="{following.pk}">' in html
    assert "Questions for this session closed on" in html
    response = client.post(url, {"session": closed.pk}, follow=True)
    assert "Questions for this session are closed" in response.text
    assert not closed.questions.filter(source_topic=topic).exists()


def test_a_member_cannot_bring_a_topic_to_a_session(client, member, session):
    topic = _topic()
    client.force_login(member)
    url = reverse("coaching_sessions:from-topic", args=[topic.pk])
    assert client.post(url, {"session": session.pk}).status_code == 403
    assert not session.questions.filter(source_topic=topic).exists()


def test_the_agenda_email_says_questions_stay_open_and_carries_no_question(
    session, django_capture_on_commit_callbacks
):
    reader = factories.member()
    with django_capture_on_commit_callbacks(execute=True):
        published(session, title="A confidential case title")
    sent = [m for m in mail.outbox if m.to == [reader.email]]
    assert len(sent) == 1
    assert "Questions stay open until" in sent[0].body
    assert "A confidential case title" not in sent[0].body + sent[0].subject


def test_the_questions_closing_reminder_still_goes_after_publication(make_session):
    session = published(make_session(starts_in=timedelta(hours=60)))
    assert session in due_sessions(SentReminder.Kind.QUESTIONS_CLOSING, timezone.now())
