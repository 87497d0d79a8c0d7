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
