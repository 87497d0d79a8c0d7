"""Reply emails (immediate or daily digest) that never carry the case text."""

import contextlib

import pytest
from django.core import mail

from community.models import NotificationPreferences
from forum import services
from forum.models import DigestItem
from tests.community import factories
from tests.forum.conftest import make_topic, post_create_url, reply

pytestmark = pytest.mark.django_db

SECRET_TEXT = "The client's sister works at the same hospital."


def follower(topic, delivery):
    user = factories.member()
    NotificationPreferences.objects.create(user=user, forum_replies=delivery)
    topic.subscribers.add(user)
    return user


def test_subscribers_are_told_by_their_preference_and_the_author_is_not(
    client, trusted_member, cases, django_capture_on_commit_callbacks
):
    topic = make_topic(
        forum=cases, poster=factories.member(), subject="Rupture and repair"
    )
    now = follower(topic, "immediate")
    later = follower(topic, "digest")
    never = follower(topic, "off")
    topic.subscribers.add(trusted_member)
    client.force_login(trusted_member)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            post_create_url(topic), {"subject": "Re", "content": SECRET_TEXT}
        )
    assert response.status_code == 302

    assert [m.to for m in mail.outbox] == [[now.email]]
    email = mail.outbox[0]
    assert email.subject == "New reply in a topic you follow"
    assert "Rupture and repair" not in email.subject + email.body
    assert trusted_member.display_name in email.body
    assert "http://testserver/forum/" in email.body
    assert SECRET_TEXT not in email.body and SECRET_TEXT not in email.subject
    assert DigestItem.objects.filter(user=later).count() == 1
    assert not DigestItem.objects.filter(user=never).exists()


def test_the_daily_digest_sends_one_email_per_member_once(trusted_member, cases):
    topic = make_topic(forum=cases, poster=factories.member(), subject="Grief work")
    later = follower(topic, "digest")
    for text in ["First reply", SECRET_TEXT]:
        post = reply(topic=topic, poster=trusted_member, content=text)
        services.post_published(post_id=post.pk)
    assert services.send_digests() == 1
    assert len(mail.outbox) == 1
    digest = mail.outbox[0]
    assert digest.to == [later.email]
    assert "Grief work" not in digest.body and "2 new replies" in digest.body
    assert SECRET_TEXT not in digest.body
    assert services.send_digests() == 0  # nothing is sent twice
    assert len(mail.outbox) == 1


def test_lapsed_subscribers_get_no_email(trusted_member, cases):
    topic = make_topic(forum=cases, poster=factories.member())
    gone = factories.lapsed_member()
    topic.subscribers.add(gone)
    post = reply(topic=topic, poster=trusted_member)
    services.post_published(post_id=post.pk)
    assert mail.outbox == []


def test_an_email_failure_never_loses_the_post(
    client, trusted_member, cases, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "community.mail.QueuedEmailBackend"
    settings.QUEUED_EMAIL_BACKEND = "tests.forum.test_notifications.BrokenBackend"
    topic = make_topic(forum=cases, poster=factories.member())
    follower(topic, "immediate")
    client.force_login(trusted_member)
    # Inline django-q2 lets the task's error through; a worker would retry.
    with contextlib.suppress(OSError), django_capture_on_commit_callbacks(execute=True):
        client.post(post_create_url(topic), {"subject": "Re", "content": "Kept."})
    assert topic.posts.filter(content="Kept.").exists()


class BrokenBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise OSError("mail server down")


def test_the_posting_request_only_enqueues_the_fan_out_by_post_id(
    client, trusted_member, cases, monkeypatch, django_capture_on_commit_callbacks
):
    """With a real worker the task runs later: the request itself sends nothing,
    and what goes to the broker is the post's id, never its text."""
    queued = []
    monkeypatch.setattr(
        "forum.services.posting.async_task",
        lambda func, *args, **kwargs: queued.append((func, args, kwargs)),
    )
    topic = make_topic(forum=cases, poster=factories.member(), subject="Grief work")
    now = follower(topic, "immediate")
    later = follower(topic, "digest")
    client.force_login(trusted_member)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            post_create_url(topic), {"subject": "Re", "content": SECRET_TEXT}
        )
    assert response.status_code == 302
    assert mail.outbox == []
    assert not DigestItem.objects.exists()
    post = topic.posts.get(content=SECRET_TEXT)
    [(func, args, kwargs)] = queued
    assert func == "forum.tasks.notify_subscribers"
    assert args == (post.pk,)
    assert SECRET_TEXT not in repr(args) + repr(kwargs)
    assert "Grief work" not in repr(args) + repr(kwargs)

    # Run twice, or by two workers: each subscriber is told once.
    from forum import tasks

    tasks.notify_subscribers(post.pk)
    tasks.notify_subscribers(post.pk)
    assert [m.to for m in mail.outbox] == [[now.email]]
    assert DigestItem.objects.filter(user=later, post=post).count() == 1
    assert services.send_digests() == 1


def test_a_subscriber_claimed_by_another_worker_is_not_emailed_again(
    trusted_member, cases
):
    from forum.models import PostNotification

    topic = make_topic(forum=cases, poster=factories.member())
    first, second = follower(topic, "immediate"), follower(topic, "immediate")
    post = reply(topic=topic, poster=trusted_member)
    # The other worker got to the first subscriber a moment earlier.
    PostNotification.objects.create(post=post, user=first)
    services.post_published(post_id=post.pk)
    assert [m.to for m in mail.outbox] == [[second.email]]
    assert PostNotification.objects.filter(post=post).count() == 2
