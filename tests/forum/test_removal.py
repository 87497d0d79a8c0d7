"""Removing a flagged post keeps the thread; deleting a topic is confirmed; both
are kept in the moderation log, which holds no post text."""

import pytest
from django.core import mail
from django.db import connection
from django.urls import reverse
from machina.apps.forum_conversation.models import Post, Topic

from forum import services
from forum.models import ModerationLogEntry, PostFlag, PostRevision
from forum.search import search_posts
from tests.community import factories
from tests.forum.conftest import make_topic, reply, topic_url

pytestmark = pytest.mark.django_db

SECRET = "My client Maria Delgado works at the bakery on Elm Street."
TITLE = "Cancellations after the holidays"


@pytest.fixture
def flagged_head(cases, member):
    author = factories.member()
    topic = make_topic(forum=cases, poster=author, subject=TITLE, content=SECRET)
    head = topic.first_post
    PostRevision.objects.create(
        post=head, subject=TITLE, content="An earlier draft.", edited_by=author
    )
    replies = [
        reply(topic=topic, poster=factories.member(), content=f"Reply {n}")
        for n in range(2)
    ]
    services.flag_create(post=head, user=member, reason="identifiable")
    return head, replies


def remove_url(post):
    return reverse("community_forum:resolve-flags", args=[post.pk])


def test_removing_a_flagged_opening_post_keeps_the_topic_and_the_replies(
    client, director, flagged_head
):
    head, replies = flagged_head
    client.force_login(director)
    response = client.post(
        remove_url(head), {"action": "remove", "reason": "identifiable"}
    )
    assert response.status_code == 302

    assert Topic.objects.filter(pk=head.topic_id).exists()
    assert set(Post.objects.filter(pk__in=[r.pk for r in replies])) == set(replies)
    head.refresh_from_db()
    assert head.content.raw == services.REMOVED_TEXT == "Removed by the director"
    assert not PostRevision.objects.filter(post=head).exists()
    assert not PostFlag.objects.filter(post=head, status="open").exists()

    html = client.get(topic_url(head.topic)).content.decode()
    assert "Removed by the director" in html and SECRET not in html
    assert "Reply 0" in html and "Reply 1" in html


def test_a_removed_post_is_no_longer_found_by_its_old_words(
    director, member, flagged_head
):
    from machina.apps.forum.models import Forum

    head, _ = flagged_head
    services.post_remove(post=head, moderator=director, reason="identifiable")
    found = search_posts(query="bakery Delgado", readable_forums=Forum.objects.all())
    assert head.pk not in [result.post.pk for result in found]
    if connection.vendor == "postgresql":  # the stored vector follows the text
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT search_vector::text FROM forum_conversation_post WHERE id = %s",
                [head.pk],
            )
            assert "bakeri" not in cursor.fetchone()[0]


def test_the_author_is_told_once_without_the_text_or_title(
    client, director, flagged_head
):
    head, _ = flagged_head
    client.force_login(director)
    mail.outbox.clear()
    client.post(remove_url(head), {"action": "remove", "reason": "identifiable"})
    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.to == [head.poster.email]
    for secret in (SECRET, "Maria", TITLE):
        assert secret not in email.subject
        assert secret not in email.body
    assert "It may identify a client" in email.body
    assert f"http://testserver/forum/topics/{head.topic_id}/" in email.body


def test_the_removal_is_logged_without_any_text(client, director, flagged_head):
    head, _ = flagged_head
    client.force_login(director)
    client.post(remove_url(head), {"action": "remove", "reason": "identifiable"})
    entry = ModerationLogEntry.objects.get()
    assert entry.action == ModerationLogEntry.Action.POST_REMOVED
    assert (entry.actor, entry.post_author) == (director, head.poster)
    assert (entry.post_id, entry.topic_id, entry.reason) == (
        head.pk,
        head.topic_id,
        "identifiable",
    )
    stored = " ".join(str(value) for value in vars(entry).values())
    assert "Maria" not in stored and TITLE not in stored

    page = client.get(reverse("community_forum:moderation-log"))
    assert page.status_code == 200
    assert "Post removed" in page.content.decode()


def test_removing_needs_a_known_reason(client, director, flagged_head):
    head, _ = flagged_head
    client.force_login(director)
    response = client.post(remove_url(head), {"action": "remove", "reason": "nope"})
    assert response.status_code == 400
    head.refresh_from_db()
    assert head.content.raw == SECRET
    assert not ModerationLogEntry.objects.exists()


def test_a_member_can_neither_remove_a_post_nor_delete_a_topic(
    client, member, flagged_head
):
    head, _ = flagged_head
    client.force_login(member)
    response = client.post(
        remove_url(head), {"action": "remove", "reason": "identifiable"}
    )
    assert response.status_code == 403
    delete = reverse(
        "forum_moderation:topic_delete", args=[head.topic.slug, head.topic_id]
    )
    assert client.post(delete, {"reason": "identifiable"}).status_code == 403
    assert client.get(reverse("community_forum:moderation-log")).status_code == 403
    head.refresh_from_db()
    assert head.content.raw == SECRET
    assert Topic.objects.filter(pk=head.topic_id).exists()
    assert not ModerationLogEntry.objects.exists()


def test_deleting_a_topic_asks_first_and_is_logged(client, director, flagged_head):
    head, replies = flagged_head
    topic = head.topic
    delete = reverse("forum_moderation:topic_delete", args=[topic.slug, topic.pk])
    client.force_login(director)

    page = client.get(delete)
    assert page.status_code == 200
    assert 'method="post"' in page.content.decode()
    assert Topic.objects.filter(pk=topic.pk).exists()  # asking deletes nothing

    response = client.post(delete, {"reason": "nope"})
    assert response.status_code == 400
    assert Topic.objects.filter(pk=topic.pk).exists()

    response = client.post(delete, {"reason": "safety"})
    assert response.status_code == 302
    assert not Topic.objects.filter(pk=topic.pk).exists()
    entry = ModerationLogEntry.objects.get()
    assert entry.action == ModerationLogEntry.Action.TOPIC_DELETED
    assert (entry.actor, entry.post_author, entry.topic_id, entry.reason) == (
        director,
        head.poster,
        topic.pk,
        "safety",
    )


def test_the_flag_queue_offers_the_topic_deletion_for_an_opening_post(
    client, director, flagged_head
):
    head, _ = flagged_head
    client.force_login(director)
    html = client.get(reverse("community_forum:flags")).content.decode()
    assert (
        reverse("forum_moderation:topic_delete", args=[head.topic.slug, head.topic_id])
        in html
    )


def test_the_log_is_part_of_the_authors_and_the_directors_data(director, flagged_head):
    from community.data_rights import erase_all, export_all

    head, _ = flagged_head
    author = head.poster
    services.post_remove(post=head, moderator=director, reason="identifiable")
    mine = export_all(user=author)["forum"]["moderation_of_my_posts"]
    assert [row["action"] for row in mine] == ["post_removed"]
    assert export_all(user=director)["forum"]["moderation_actions_taken"] == [
        {
            "action": "post_removed",
            "reason": "identifiable",
            "post_id": head.pk,
            "topic_id": head.topic_id,
            "at": ModerationLogEntry.objects.get().created_at.isoformat(),
        }
    ]

    # Accounts are kept as tombstones: both links stay, the author's reading
    # "Deleted member", as on the author's published posts.
    erase_all(user=director)
    erase_all(user=author)
    entry = ModerationLogEntry.objects.get()
    assert (entry.actor_id, entry.post_author_id) == (director.pk, author.pk)
