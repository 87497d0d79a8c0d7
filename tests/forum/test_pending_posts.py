"""Posts waiting for the director's approval: their author sees, edits and
withdraws them; nobody else sees them anywhere; counts never go negative."""

import html

import pytest
from django.urls import reverse
from machina.apps.forum_conversation.models import Post, Topic

from forum.overrides.forum_conversation.views import PENDING_MESSAGE
from tests.community import factories
from tests.forum.conftest import (
    make_topic,
    post_create_url,
    post_update_url,
    reply,
    topic_create_url,
    topic_url,
)

pytestmark = pytest.mark.django_db

WAITING = "Waiting for the director's approval"
SUBJECT = "Pacing with a slow-warming client"
TEXT = "How do you pace the quarrelsomeflamingo phase?"
MACHINA_WARNING = "This message will be validated before appearing on the forum."


@pytest.fixture
def newcomer(db, settings):
    """A member whose first posts wait for approval."""
    settings.FORUM_PREMODERATED_POSTS = 3
    return factories.member()


@pytest.fixture
def other(db):
    return factories.member()


def start_topic(client, forum, subject=SUBJECT, content=TEXT):
    return client.post(
        topic_create_url(forum),
        {"subject": subject, "content": content, "topic_type": Topic.TOPIC_POST},
        follow=True,
    )


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def forum_url(forum):
    return reverse("forum:forum", args=[forum.slug, forum.pk])


def my_posts_url(user):
    return reverse("forum_member:user_posts", args=[user.pk])


def delete_url(post):
    topic = post.topic
    return reverse(
        "forum_conversation:post_delete",
        args=[topic.forum.slug, topic.forum.pk, topic.slug, topic.pk, post.pk],
    )


@pytest.fixture
def pending_topic(client, newcomer, cases):
    client.force_login(newcomer)
    start_topic(client, cases)
    topic = Topic.objects.get(subject=SUBJECT)
    assert not topic.approved
    return topic


def test_her_new_topic_opens_for_her_marked_with_no_reply_and_one_message(
    client, newcomer, cases
):
    client.force_login(newcomer)
    response = start_topic(client, cases)
    topic = Topic.objects.get(subject=SUBJECT)
    assert response.redirect_chain[-1][0] == topic_url(topic)
    page = response.content.decode()
    assert TEXT in page
    assert WAITING in page
    assert "0 replies" in page
    assert "-1 repl" not in page
    assert messages_of(response) == [PENDING_MESSAGE]


def test_a_published_post_gets_the_usual_message_only(client, trusted_member, cases):
    client.force_login(trusted_member)
    response = start_topic(client, cases)
    assert messages_of(response) == ["This message has been posted successfully."]
    assert WAITING not in response.content.decode()


def test_her_pending_topic_is_listed_in_the_forum_for_her(client, pending_topic, cases):
    page = client.get(forum_url(cases)).content.decode()
    assert SUBJECT in page
    assert WAITING in page
    assert "There are no topics in this forum yet." not in page
    assert '<td class="col-count">0</td>' in page
    assert "-1 repl" not in page and ">-1<" not in page


def test_her_followed_topics_show_it_waiting_with_no_negative_count(
    client, pending_topic
):
    page = client.get(reverse("forum_member:user_subscriptions")).content.decode()
    assert SUBJECT in page
    assert WAITING in page
    assert "0 replies" in page
    assert "-1 repl" not in page and ">-1<" not in page


def test_no_other_member_sees_a_pending_topic_anywhere(
    client, pending_topic, newcomer, other, cases
):
    client.force_login(other)
    assert client.get(topic_url(pending_topic)).status_code == 404
    assert SUBJECT not in client.get(forum_url(cases)).content.decode()
    search = client.get("/forum/search/", {"q": "quarrelsomeflamingo"})
    assert search.context["result_count"] == 0
    assert SUBJECT not in client.get("/").content.decode()
    posts_page = client.get(my_posts_url(newcomer))
    assert SUBJECT not in posts_page.content.decode()
    assert "No posts yet." in posts_page.content.decode()
    # Nor can they reply to it or follow it by its address.
    assert client.get(post_create_url(pending_topic)).status_code == 403
    subscribe = reverse("forum_member:topic_subscribe", args=[pending_topic.pk])
    assert client.post(subscribe).status_code == 403
    assert not pending_topic.subscribers.filter(pk=other.pk).exists()


def test_the_director_still_opens_a_pending_topic(client, pending_topic, director):
    client.force_login(director)
    assert client.get(topic_url(pending_topic)).status_code == 200


def test_a_pending_reply_shows_to_its_author_only(client, newcomer, other, cases):
    topic = make_topic(forum=cases, poster=other, subject="Endings")
    client.force_login(newcomer)
    response = client.post(
        post_create_url(topic),
        {"subject": "Re: Endings", "content": TEXT},
        follow=True,
    )
    assert messages_of(response) == [PENDING_MESSAGE]
    assert TEXT in response.content.decode()
    assert WAITING in response.content.decode()

    client.force_login(other)
    page = client.get(topic_url(topic)).content.decode()
    assert TEXT not in page
    assert "0 replies" in page  # the pending reply is not counted
    assert "1 reply" not in client.get(forum_url(cases)).content.decode()


def test_my_posts_lists_her_pending_posts_with_edit_and_withdraw(
    client, pending_topic, newcomer
):
    post = pending_topic.first_post
    page = client.get(my_posts_url(newcomer)).content.decode()
    assert SUBJECT in page
    assert WAITING in page
    assert "1 post, newest first." in page
    assert post_update_url(post) in page
    assert delete_url(post) in page


def test_she_edits_her_pending_topic_and_it_still_waits(client, pending_topic):
    post = pending_topic.first_post
    response = client.post(
        post_update_url(post),
        {"subject": SUBJECT, "content": "A clearer question.", "topic_type": 0},
        follow=True,
    )
    post.refresh_from_db()
    assert post.content.raw == "A clearer question."
    assert not post.approved
    assert messages_of(response) == [PENDING_MESSAGE]


def test_she_withdraws_her_pending_topic_after_confirming(client, pending_topic, cases):
    post = pending_topic.first_post
    confirm = client.get(delete_url(post))
    assert confirm.status_code == 200
    assert "Withdraw topic" in confirm.content.decode()
    assert Topic.objects.filter(pk=pending_topic.pk).exists()  # GET changes nothing

    response = client.post(delete_url(post), {"post": "yes"}, follow=True)
    assert response.redirect_chain[-1][0] == forum_url(cases)
    assert messages_of(response) == ["Your topic is withdrawn."]
    assert not Topic.objects.filter(pk=pending_topic.pk).exists()
    assert not Post.objects.filter(pk=post.pk).exists()


def test_she_withdraws_a_pending_reply_and_the_topic_stays(
    client, newcomer, other, cases
):
    topic = make_topic(forum=cases, poster=other, subject="Endings")
    client.force_login(newcomer)
    client.post(post_create_url(topic), {"subject": "Re: Endings", "content": TEXT})
    pending = Post.objects.get(topic=topic, approved=False)
    assert "Withdraw post" in client.get(delete_url(pending)).content.decode()
    response = client.post(delete_url(pending), {"post": "yes"}, follow=True)
    assert response.redirect_chain[-1][0] == topic_url(topic)
    assert messages_of(response) == ["Your post is withdrawn."]
    assert not Post.objects.filter(pk=pending.pk).exists()
    assert Topic.objects.filter(pk=topic.pk).exists()


def test_another_member_can_neither_edit_nor_withdraw_a_pending_post(
    client, pending_topic, other
):
    post = pending_topic.first_post
    client.force_login(other)
    assert client.get(post_update_url(post)).status_code in (403, 404)
    edit = client.post(
        post_update_url(post),
        {"subject": "Taken over", "content": "Mine now.", "topic_type": 0},
    )
    assert edit.status_code in (403, 404)
    assert client.get(delete_url(post)).status_code in (403, 404)
    assert client.post(delete_url(post), {"post": "yes"}).status_code in (403, 404)
    post.refresh_from_db()
    assert post.content.raw == TEXT
    assert (
        html.escape(TEXT) not in client.get(my_posts_url(post.poster)).content.decode()
    )


def test_the_author_reads_her_pending_posts_history_and_others_do_not(client, cases):
    from forum.services import post_record_revision

    author = factories.member()
    topic = make_topic(forum=cases, poster=factories.member())
    pending = reply(topic=topic, poster=author, approved=False)
    post_record_revision(post_id=pending.pk, editor=author)
    url = reverse("community_forum:post-history", args=[pending.pk])
    client.force_login(author)
    assert client.get(url).status_code == 200
    client.force_login(factories.member())
    assert client.get(url).status_code == 404
