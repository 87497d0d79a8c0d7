"""Forum pages cost the same number of queries however many topics and posts."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from forum import services
from tests.community import factories
from tests.forum.conftest import make_topic, reply, topic_url

pytestmark = pytest.mark.django_db


def queries(client, url) -> int:
    """Queries of a repeat visit (the first one also records what was read)."""
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def fill_forum(forum, topics: int, posters: list) -> None:
    for i in range(topics):
        topic = make_topic(forum=forum, poster=posters[i % len(posters)])
        reply(topic=topic, poster=posters[(i + 1) % len(posters)])


def test_index_and_forum_pages_stay_flat_as_topics_grow(client, member, cases):
    posters = [factories.member() for _ in range(4)]
    client.force_login(member)
    forum_url = reverse("forum:forum", args=[cases.slug, cases.pk])
    fill_forum(cases, 3, posters)
    small = (
        queries(client, "/forum/"),
        queries(client, forum_url),
        queries(client, "/"),
    )
    fill_forum(cases, 20, posters)
    large = (
        queries(client, "/forum/"),
        queries(client, forum_url),
        queries(client, "/"),
    )
    assert small == large


def test_topic_page_stays_flat_as_posts_grow(client, member, director, cases):
    posters = [factories.member() for _ in range(5)]
    topic = make_topic(forum=cases, poster=posters[0])
    for i in range(2):
        post = reply(topic=topic, poster=posters[i + 1])
        services.flag_create(post=post, user=member, reason="spam")
    for viewer in (member, director):
        client.force_login(viewer)
        small = queries(client, topic_url(topic))
        for i in range(12):
            reply(topic=topic, poster=posters[i % 5])
        assert queries(client, topic_url(topic)) == small
