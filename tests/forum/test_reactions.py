"""Reactions on posts: "Helpful" and "Thank you", one of each per member;
counts and who reacted on the topic page; the author told in the notification
centre once a day per post; a member who cannot read the post is refused; the
topic page's queries do not grow with the posts and their reactions."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from forum.models import PostReaction
from forum.services import reactions
from notifications.models import Kind, Notification
from tests.community import factories
from tests.forum.conftest import make_topic, reply, topic_url

pytestmark = pytest.mark.django_db


def _react(client, post, kind="helpful", action="add", **headers):
    return client.post(
        reverse("community_forum:react", args=[post.pk]),
        {"kind": kind, "action": action},
        **headers,
    )


def test_a_reaction_twice_is_one_and_the_author_hears_once(client, cases):
    author, reader = factories.member(), factories.member()
    topic = make_topic(forum=cases, poster=author)
    post = topic.first_post
    client.force_login(reader)
    assert _react(client, post).status_code == 302
    assert _react(client, post).status_code == 302
    assert _react(client, post, "thanks").status_code == 302
    assert PostReaction.objects.filter(post=post).count() == 2
    other = factories.member()
    client.force_login(other)
    _react(client, post)
    (entry,) = Notification.objects.filter(user=author, kind=Kind.REACTION)
    assert entry.title == "Members reacted to your post"
    assert not Notification.objects.filter(user=reader).exists()


def test_the_topic_page_shows_counts_and_who_reacted(client, cases):
    author = factories.member()
    reader = factories.member(user__display_name="Dr. Ana Reyes")
    topic = make_topic(forum=cases, poster=author)
    reactions.reaction_add(post=topic.first_post, user=reader, kind="helpful")
    client.force_login(factories.member())
    page = client.get(topic_url(topic)).content.decode()
    assert "Dr. Ana Reyes" in page
    assert 'role="tooltip"' in page
    assert 'aria-pressed="false"' in page


def test_taking_a_reaction_back_with_htmx_returns_the_buttons(client, cases):
    topic = make_topic(forum=cases, poster=factories.member())
    reader = factories.member()
    reactions.reaction_add(post=topic.first_post, user=reader, kind="thanks")
    client.force_login(reader)
    response = _react(
        client, topic.first_post, "thanks", "remove", HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    assert 'id="reactions-' in response.content.decode()
    assert not PostReaction.objects.exists()


def test_own_posts_unknown_kinds_and_unreadable_posts_are_refused(client, cases):
    author = factories.member()
    topic = make_topic(forum=cases, poster=author)
    client.force_login(author)
    assert _react(client, topic.first_post).status_code == 400
    client.force_login(factories.member())
    assert _react(client, topic.first_post, "love").status_code == 400
    client.force_login(factories.lapsed_member())
    assert _react(client, topic.first_post).status_code in (302, 403)
    assert not PostReaction.objects.exists()
    pending = reply(topic=topic, poster=factories.member(), approved=False)
    client.force_login(factories.member())
    assert _react(client, pending).status_code == 404


def test_topic_page_queries_do_not_grow_with_posts_and_reactions(client, cases):
    topic = make_topic(forum=cases, poster=factories.member())
    readers = [factories.member() for _ in range(3)]
    viewer = factories.member()
    client.force_login(viewer)

    def count():
        client.get(topic_url(topic))
        with CaptureQueriesContext(connection) as captured:
            assert client.get(topic_url(topic)).status_code == 200
        return len(captured)

    for _ in range(2):
        post = reply(topic=topic, poster=factories.member())
        for reader in readers:
            reactions.reaction_add(post=post, user=reader, kind="helpful")
    few = count()
    for _ in range(12):
        post = reply(topic=topic, poster=factories.member())
        for reader in readers:
            reactions.reaction_add(post=post, user=reader, kind="thanks")
    assert count() <= few + 1  # one page either way; the counts are one query
