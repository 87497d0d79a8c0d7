"""@mentions: a member who can read the forum is told (in the notification
centre, and by email unless they turned it off), once however often the task
runs; "@Dana Reyes" is Dana Reyes, not a Dana; a member who cannot read the
forum is told nothing. The autocomplete offers only members who can read it."""

import pytest
from django.core import mail
from django.urls import reverse

from community.models import NotificationPreferences
from forum import mentions
from forum.services import posting
from notifications.models import Kind, Notification
from tests.community import factories
from tests.forum.conftest import make_topic, post_create_url, reply

pytestmark = pytest.mark.django_db


def test_a_mention_tells_the_member_once_in_the_centre_and_by_email(cases):
    dana = factories.member(user__display_name="Dana Reyes")
    factories.member(user__display_name="Dana")
    author = factories.member(user__display_name="Sam Lee")
    topic = make_topic(forum=cases, poster=author)
    post = reply(topic=topic, poster=author, content="Thanks, @dana reyes, that helps.")
    posting.post_published(post_id=post.pk)
    posting.post_published(post_id=post.pk)
    (entry,) = Notification.objects.filter(kind=Kind.MENTION)
    assert entry.user == dana
    assert entry.title == "Sam Lee mentioned you in a post"
    emails = [m for m in mail.outbox if m.to == [dana.email]]
    assert len(emails) == 1
    assert "that helps" not in emails[0].body


def test_a_member_who_turned_mention_emails_off_gets_the_entry_only(cases):
    dana = factories.member(user__display_name="Dana Reyes")
    NotificationPreferences.objects.create(user=dana, forum_mentions=False)
    author = factories.member()
    topic = make_topic(forum=cases, poster=author, content="Hello @Dana Reyes")
    posting.post_published(post_id=topic.first_post.pk)
    assert Notification.objects.filter(user=dana, kind=Kind.MENTION).exists()
    assert not [m for m in mail.outbox if m.to == [dana.email]]


def test_a_member_who_cannot_read_the_forum_is_not_told(cases):
    lapsed = factories.lapsed_member(user__display_name="Lee Park")
    author = factories.member()
    topic = make_topic(forum=cases, poster=author, content="Ask @Lee Park.")
    readers, others = mentions.split_by_access(
        topic.first_post.content.raw, cases, author=author
    )
    assert readers == [] and others == [lapsed]
    posting.post_published(post_id=topic.first_post.pk)
    assert not Notification.objects.filter(user=lapsed).exists()
    assert not mail.outbox


def test_the_autocomplete_offers_only_readers_of_the_forum(client, cases):
    factories.member(user__display_name="Dana Reyes")
    factories.lapsed_member(user__display_name="Dana Lapsed")
    me = factories.member(user__display_name="Dana Me")
    client.force_login(me)
    url = reverse("community_forum:mention-candidates")
    page = client.get(url, {"forum": cases.pk, "q": "dana"}).content.decode()
    assert "@Dana Reyes" in page
    assert "Dana Lapsed" not in page and "Dana Me" not in page
    assert client.get(url, {"forum": 999999, "q": "dana"}).status_code == 404
    client.force_login(factories.lapsed_member())
    assert client.get(url, {"forum": cases.pk, "q": "dana"}).status_code in (302, 403)


def test_the_author_is_told_who_was_not_notified(client, cases, trusted_member):
    factories.lapsed_member(user__display_name="Lee Park")
    topic = make_topic(forum=cases, poster=factories.member())
    client.force_login(trusted_member)
    response = client.post(
        post_create_url(topic),
        {"subject": "Re", "content": "Perhaps @Lee Park knows."},
        follow=True,
    )
    assert response.status_code == 200
    assert "Not told of your mention" in response.content.decode()
    assert "Lee Park" in response.content.decode()


def test_a_name_that_ends_in_a_full_stop_is_mentioned(cases):
    dana = factories.member(user__display_name="Dana R.")
    sam = factories.member(user__display_name="Sam Lee")
    text = "Thanks @Dana R. for this, and @sam lee."
    assert {u.pk for u in mentions.mentioned(text)} == {dana.pk, sam.pk}
