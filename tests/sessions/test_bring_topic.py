"""Bringing a forum topic to a session: the director edits the wording first,
the question links to the topic (a real link, from the stored topic), a second
time says "already added", and Announcements are never offered."""

import pytest
from django.core import mail
from django.urls import reverse
from machina.apps.forum.models import Forum

from sessions.models import Question
from sessions.services import curation
from tests.community import factories
from tests.forum.conftest import make_topic, topic_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def topic(db):
    return make_topic(
        forum=Forum.objects.get(slug="case-discussions"),
        poster=factories.member(),
        subject="Silence in sessions",
    )


@pytest.fixture
def announcement(director):
    return make_topic(
        forum=Forum.objects.get(slug="announcements"),
        poster=director,
        subject="New dates for the spring",
    )


def bring_url(topic):
    return reverse("coaching_sessions:from-topic", args=[topic.pk])


def link_to(topic):
    return f'href="{reverse("community_forum:topic-link", args=[topic.pk])}"'


def test_the_form_starts_with_the_topics_wording(client, director, topic, session):
    client.force_login(director)
    html = client.get(bring_url(topic)).text
    assert 'value="Silence in sessions"' in html
    assert "From the forum topic “Silence in sessions”." in html
    assert "http" not in html.split('name="body"')[1].split("</textarea>")[0]


def test_the_directors_wording_is_stored_and_the_topic_is_a_link(
    client, director, member, topic, session
):
    client.force_login(director)
    response = client.post(
        bring_url(topic),
        {"session": session.pk, "title": "When a client goes quiet",
         "body": "How long to let a silence run?"},
    )  # fmt: skip
    assert response.status_code == 302
    question = Question.objects.get(source_topic=topic)
    assert question.title == "When a client goes quiet"
    assert question.body == "How long to let a silence run?"
    assert "http" not in question.body  # the link is the stored topic, not text
    board = client.get(reverse("coaching_sessions:board", args=[session.pk])).text
    assert link_to(topic) in board
    assert "“Silence in sessions”</a>" in board
    # Members see it too, and the link leads to the topic.
    client.force_login(member)
    page = client.get(reverse("coaching_sessions:detail", args=[session.pk])).text
    assert link_to(topic) in page
    followed = client.get(
        reverse("community_forum:topic-link", args=[topic.pk]), follow=True
    )
    assert followed.redirect_chain[-1][0].startswith(topic_url(topic))


def test_the_agenda_links_the_topic_once_the_question_is_on_it(
    client, director, member, topic, session
):
    question, _ = curation.question_from_topic(topic=topic, session=session)
    curation.question_accept(question=question)
    curation.agenda_save(session=session, plan={question.pk: (1, 90)})
    curation.agenda_publish(session=session)
    client.force_login(director)
    board = client.get(reverse("coaching_sessions:board", args=[session.pk])).text
    agenda = board[board.index('id="agenda"') : board.index("</section>")]
    assert link_to(topic) in agenda
    client.force_login(member)
    page = client.get(reverse("coaching_sessions:detail", args=[session.pk])).text
    agenda = page[page.index('id="agenda-title"') :]
    assert link_to(topic) in agenda[: agenda.index("</section>")]


def test_a_second_time_says_already_added(client, director, topic, session):
    client.force_login(director)
    client.post(bring_url(topic), {"session": session.pk})
    mail.outbox.clear()
    response = client.post(bring_url(topic), {"session": session.pk}, follow=True)
    assert "Already added: this topic is a question for that session." in (
        response.text
    )
    assert Question.objects.filter(source_topic=topic).count() == 1
    assert mail.outbox == []  # the author is not told twice
    html = client.get(bring_url(topic)).text
    assert "Already added to the session of" in html
    assert "(already added)</option>" in html
    topic_page = client.get(topic_url(topic)).text
    assert "Brought to the live session of" in topic_page
    assert "Bring this topic to another session" in topic_page


def test_the_wording_cannot_be_emptied(client, director, topic, session):
    client.force_login(director)
    response = client.post(
        bring_url(topic), {"session": session.pk, "title": " ", "body": ""}
    )
    assert response.status_code == 400
    assert "There is a problem" in response.text
    assert not Question.objects.filter(source_topic=topic).exists()


def test_announcements_are_not_offered(client, director, announcement, session):
    client.force_login(director)
    assert (
        "Bring this topic to a session" not in client.get(topic_url(announcement)).text
    )
    response = client.get(bring_url(announcement))
    assert response.status_code == 400
    assert "Announcements cannot be brought to a session" in response.text
    response = client.post(bring_url(announcement), {"session": session.pk})
    assert response.status_code == 400
    assert not Question.objects.filter(source_topic=announcement).exists()


def test_other_topics_still_offer_it(client, director, topic):
    client.force_login(director)
    assert "Bring this topic to a session" in client.get(topic_url(topic)).text


def test_a_member_cannot_bring_a_topic(client, member, topic, session):
    client.force_login(member)
    assert client.get(bring_url(topic)).status_code == 403
    response = client.post(
        bring_url(topic), {"session": session.pk, "title": "T", "body": "B"}
    )
    assert response.status_code == 403
    assert not Question.objects.filter(source_topic=topic).exists()


def test_the_email_to_the_author_carries_no_wording(client, director, topic, session):
    client.force_login(director)
    client.post(
        bring_url(topic),
        {"session": session.pk, "title": "A private wording",
         "body": "A confidential detail"},
    )  # fmt: skip
    sent = mail.outbox[-1]
    assert sent.to == [topic.poster.email]
    for text in ("A private wording", "A confidential detail"):
        assert text not in sent.subject + sent.body
