"""The director's flag and approval queues come a page at a time, oldest first,
and cost the same number of queries whatever their length."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from machina.apps.forum_conversation.models import Post

from forum import services
from forum.models import PostFlag
from tests.community import factories
from tests.forum.conftest import make_topic, reply

pytestmark = pytest.mark.django_db

PER_PAGE = 25


def queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def flag_posts(*, forum, count: int, flagger) -> list:
    poster = factories.member()
    topic = make_topic(forum=forum, poster=poster)
    posts = [topic.first_post] + [
        reply(topic=topic, poster=poster, content=f"Reply {n}")
        for n in range(count - 1)
    ]
    for post in posts:
        services.flag_create(post=post, user=flagger, reason="spam")
    return posts


def queue_posts(*, forum, count: int) -> list:
    topic = make_topic(forum=forum, poster=factories.member())
    posters = [factories.member() for _ in range(3)]
    return [
        reply(topic=topic, poster=posters[n % 3], content=f"Wait {n}", approved=False)
        for n in range(count)
    ]


def test_the_flag_queue_shows_25_a_page_oldest_first_with_the_total(
    client, director, member, cases
):
    posts = flag_posts(forum=cases, count=PER_PAGE + 2, flagger=member)
    client.force_login(director)
    url = reverse("community_forum:flags")
    first = client.get(url)
    shown = [post.pk for post in first.context["page_obj"]]
    assert shown == [post.pk for post in posts[:PER_PAGE]]
    assert f"{PER_PAGE + 2} flagged posts" in first.content.decode()
    second = client.get(url, {"page": 2})
    assert [post.pk for post in second.context["page_obj"]] == [
        post.pk for post in posts[PER_PAGE:]
    ]
    assert client.get(url, {"page": "x"}).status_code == 200  # no 500 on odd input


def test_the_flag_queue_costs_the_same_queries_for_3_or_30_posts(
    client, director, cases
):
    flaggers = [factories.member() for _ in range(2)]
    client.force_login(director)
    url = reverse("community_forum:flags")
    for flagger in flaggers:
        flag_posts(forum=cases, count=3, flagger=flagger)
    small = queries(client, url)
    for flagger in flaggers:
        flag_posts(forum=cases, count=27, flagger=flagger)
    assert PostFlag.objects.count() > 2 * PER_PAGE
    assert queries(client, url) == small


def test_the_approval_queue_shows_25_a_page_oldest_first_with_the_total(
    client, director, cases
):
    posts = queue_posts(forum=cases, count=PER_PAGE + 3)
    client.force_login(director)
    url = reverse("forum_moderation:queue")
    first = client.get(url)
    assert [post.pk for post in first.context["posts"]] == [
        post.pk for post in posts[:PER_PAGE]
    ]
    assert f"{PER_PAGE + 3} posts waiting for approval" in first.content.decode()
    second = client.get(url, {"page": 2})
    assert [post.pk for post in second.context["posts"]] == [
        post.pk for post in posts[PER_PAGE:]
    ]


def test_the_approval_queue_costs_the_same_queries_for_3_or_30_posts(
    client, director, cases
):
    client.force_login(director)
    url = reverse("forum_moderation:queue")
    queue_posts(forum=cases, count=3)
    client.get(url)
    small = queries(client, url)
    queue_posts(forum=cases, count=30)
    assert Post.objects.filter(approved=False).count() > PER_PAGE
    assert queries(client, url) == small


def test_members_see_neither_queue(client, member, cases):
    queue_posts(forum=cases, count=1)
    client.force_login(member)
    assert client.get(reverse("community_forum:flags")).status_code == 403
    assert client.get(reverse("forum_moderation:queue")).status_code == 403
