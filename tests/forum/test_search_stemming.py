"""Forum search finds a word in its other forms ("cancelling" finds "cancels"),
on SQLite (Snowball stems in Python) as on PostgreSQL (the english config), and
still only in posts the member may read."""

import pytest

from forum.search import stem
from tests.community import factories
from tests.forum.conftest import deny_reading, make_topic, reply

pytestmark = pytest.mark.django_db


def subjects(response):
    return [r.post.topic.subject for r in response.context["results"]]


@pytest.fixture
def corpus(cases):
    poster = factories.member()
    return {
        "cancels": make_topic(
            forum=cases,
            poster=poster,
            subject="Late notice",
            content="She cancels whenever the work gets close.",
        ),
        "cancelled": make_topic(
            forum=cases,
            poster=poster,
            subject="Two sessions lost",
            content="He cancelled twice in March.",
        ),
        "space": make_topic(
            forum=cases,
            poster=poster,
            subject="Room",
            content="The space we meet in is loud.",
        ),
        "happiness": make_topic(
            forum=cases,
            poster=poster,
            subject="Goals",
            content="What would happiness look like for him?",
        ),
    }


def test_stems_are_snowball_english():
    assert stem("cancelling") == stem("cancels") == stem("cancelled") == "cancel"
    assert stem("Happy") == stem("happiness")


def test_cancelling_finds_cancels_and_cancelled(client, member, corpus):
    client.force_login(member)
    response = client.get("/forum/search/", {"q": "cancelling"})
    assert response.status_code == 200
    assert sorted(subjects(response)) == ["Late notice", "Two sessions lost"]
    html = response.content.decode()
    assert "<mark>cancels</mark>" in html
    assert "<mark>cancelled</mark>" in html


def test_a_stem_that_changes_letters_still_matches(client, member, corpus):
    client.force_login(member)
    response = client.get("/forum/search/", {"q": "happy"})
    assert subjects(response) == ["Goals"]


def test_a_word_inside_another_word_is_not_a_match(client, member, corpus):
    client.force_login(member)
    assert subjects(client.get("/forum/search/", {"q": "pace"})) == []
    assert subjects(client.get("/forum/search/", {"q": "spaces"})) == ["Room"]


def test_every_word_must_match_in_some_form(client, member, corpus):
    client.force_login(member)
    response = client.get("/forum/search/", {"q": "cancelling march"})
    assert subjects(response) == ["Two sessions lost"]


def test_other_forms_in_forums_the_member_cannot_read_are_not_found(
    client, member, forums, corpus
):
    closed = forums["technique-and-theory"]
    deny_reading(member, closed)
    make_topic(
        forum=closed,
        poster=factories.member(),
        subject="Closed forum",
        content="Cancellation policy.",
    )
    client.force_login(member)
    response = client.get("/forum/search/", {"q": "cancelling"})
    assert "Closed forum" not in subjects(response)


def test_other_forms_in_pending_posts_are_not_found(client, member, corpus):
    topic = corpus["space"]
    reply(topic=topic, poster=factories.member(), content="Cancels", approved=False)
    client.force_login(member)
    response = client.get("/forum/search/", {"q": "cancelling"})
    assert [r.post.topic_id for r in response.context["results"]].count(topic.pk) == 0
