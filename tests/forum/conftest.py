import pytest
from django.urls import reverse
from machina.test.factories.conversation import PostFactory, create_topic

from tests.community import factories


@pytest.fixture
def forums(db):
    from machina.apps.forum.models import Forum

    return {forum.slug: forum for forum in Forum.objects.all()}


@pytest.fixture
def cases(forums):
    return forums["case-discussions"]


@pytest.fixture
def trusted_member(db, settings):
    """A member past pre-moderation (enough approved posts)."""
    settings.FORUM_PREMODERATED_POSTS = 0
    return factories.member()


def make_topic(*, forum, poster, subject="A question about pacing", content="Text."):
    topic = create_topic(forum=forum, poster=poster, subject=subject)
    PostFactory(topic=topic, poster=poster, subject=subject, content=content)
    topic.refresh_from_db()
    return topic


def reply(*, topic, poster, content="A reply.", approved=True):
    return PostFactory(
        topic=topic,
        poster=poster,
        subject=f"Re: {topic.subject}",
        content=content,
        approved=approved,
    )


def topic_url(topic):
    return reverse(
        "forum_conversation:topic",
        args=[topic.forum.slug, topic.forum.pk, topic.slug, topic.pk],
    )


def topic_create_url(forum):
    return reverse("forum_conversation:topic_create", args=[forum.slug, forum.pk])


def post_create_url(topic):
    return reverse(
        "forum_conversation:post_create",
        args=[topic.forum.slug, topic.forum.pk, topic.slug, topic.pk],
    )


def post_update_url(post):
    topic = post.topic
    name = "topic_update" if post.is_topic_head else "post_update"
    args = [topic.forum.slug, topic.forum.pk, topic.slug, topic.pk]
    if not post.is_topic_head:
        args.append(post.pk)
    return reverse(f"forum_conversation:{name}", args=args)


def deny_reading(user, forum) -> None:
    """This member may neither see nor read ``forum`` (machina's per-user rule)."""
    from machina.apps.forum_permission.models import (
        ForumPermission,
        UserForumPermission,
    )

    for permission in ("can_see_forum", "can_read_forum"):
        UserForumPermission.objects.create(
            permission=ForumPermission.objects.get(codename=permission),
            forum=forum,
            user=user,
            has_perm=False,
        )
