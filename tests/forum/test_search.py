"""Forum search: ranked, highlighted, only what the member may read."""

import pytest

from tests.community import factories
from tests.forum.conftest import make_topic, reply

pytestmark = pytest.mark.django_db


@pytest.fixture
def corpus(cases):
    poster = factories.member()
    strong = make_topic(
        forum=cases,
        poster=poster,
        subject="Alliance rupture after a missed session",
        content="We talked about the rupture and the alliance. Rupture again.",
    )
    weak = make_topic(
        forum=cases,
        poster=poster,
        subject="Scheduling question",
        content="A small note: there was a rupture once.",
    )
    reply(topic=weak, poster=poster, content="Hidden rupture text", approved=False)
    make_topic(forum=cases, poster=poster, subject="Unrelated", content="Dreams.")
    return strong, weak


def test_results_are_ranked_and_highlighted(client, member, corpus):
    strong, weak = corpus
    client.force_login(member)
    response = client.get("/forum/search/", {"q": "rupture"})
    assert response.status_code == 200
    results = response.context["results"]
    subjects = [r.post.topic.subject for r in results]
    assert subjects[0] == strong.subject
    assert weak.subject in subjects
    assert "Unrelated" not in subjects
    assert "Hidden rupture text" not in response.content.decode()  # unapproved
    assert "<mark>rupture</mark>" in response.content.decode().lower()


def test_every_word_must_match(client, member, corpus):
    client.force_login(member)
    results = client.get("/forum/search/", {"q": "rupture alliance"}).context["results"]
    assert [r.post.topic.subject for r in results] == [corpus[0].subject]


@pytest.mark.parametrize(
    "query", ["", "a", "<script>", "'; DROP TABLE x; --", "x" * 500]
)
def test_odd_queries_get_a_page_not_an_error(client, member, corpus, query):
    client.force_login(member)
    response = client.get("/forum/search/", {"q": query})
    assert response.status_code == 200
    assert "<script>" not in response.content.decode().split("</header>", 1)[-1]


@pytest.fixture
def few_newest(monkeypatch):
    """A cap of 3 newest matches stands for the real 2,000."""
    from forum import search

    monkeypatch.setattr(search, "NEWEST_MATCHES", 3)
    return 3


def test_newer_matches_the_member_cannot_read_do_not_hide_an_older_one(
    client, member, cases, forums, few_newest
):
    from machina.apps.forum_permission.models import (
        ForumPermission,
        UserForumPermission,
    )

    poster = factories.member()
    readable = make_topic(
        forum=cases, poster=poster, subject="Pacing", content="Slow titration works."
    )
    closed = forums["technique-and-theory"]
    for permission in ("can_see_forum", "can_read_forum"):
        UserForumPermission.objects.create(
            permission=ForumPermission.objects.get(codename=permission),
            forum=closed,
            user=member,
            has_perm=False,
        )
    for n in range(few_newest + 2):
        make_topic(
            forum=closed, poster=poster, subject=f"Closed {n}", content="Titration."
        )
    client.force_login(member)
    results = client.get("/forum/search/", {"q": "titration"}).context["results"]
    assert [r.post.pk for r in results] == [readable.first_post.pk]


def test_newer_unapproved_matches_do_not_hide_an_older_one_and_never_show(
    client, member, cases, few_newest
):
    poster = factories.member()
    readable = make_topic(
        forum=cases, poster=poster, subject="Pacing", content="Slow titration works."
    )
    for n in range(few_newest + 2):
        reply(topic=readable, poster=poster, content=f"Titration {n}", approved=False)
    hidden_topic = make_topic(forum=cases, poster=poster, subject="Waiting")
    hidden_topic.approved = False
    hidden_topic.save()
    reply(topic=hidden_topic, poster=poster, content="Titration in a waiting topic")
    client.force_login(member)
    response = client.get("/forum/search/", {"q": "titration"})
    assert [r.post.pk for r in response.context["results"]] == [readable.first_post.pk]
    assert "Titration 0" not in response.content.decode()
    assert "waiting topic" not in response.content.decode()
