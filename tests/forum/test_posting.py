"""Posting in the forum: who may do what, pre-moderation, the privacy guard."""

import pytest
from django.urls import reverse
from machina.apps.forum_conversation.models import Post, Topic

from forum.models import PostPrivacyConfirmation
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

CASE = (
    "My client, a woman in her forties, keeps cancelling after sessions where we "
    "touch on her father's illness. How would you name the pattern with her?"
)


def start_topic(client, forum, subject="Cancellations after hard sessions", **extra):
    return client.post(
        topic_create_url(forum),
        {"subject": subject, "content": CASE, "topic_type": Topic.TOPIC_POST, **extra},
    )


def test_forum_index_lists_the_seeded_forums_for_members(client, member, forums):
    client.force_login(member)
    html = client.get("/forum/").content.decode()
    for name in [
        "Announcements",
        "Case discussions",
        "Technique and theory",
        "Practice and professional life",
        "Introductions",
    ]:
        assert name in html


def test_member_starts_a_topic_and_replies(client, trusted_member, cases):
    client.force_login(trusted_member)
    response = start_topic(client, cases)
    assert response.status_code == 302
    topic = Topic.objects.get(subject="Cancellations after hard sessions")
    assert topic.approved and topic.poster == trusted_member
    assert trusted_member in topic.subscribers.all()  # authors follow their topics

    response = client.post(
        post_create_url(topic), {"subject": "Re: it", "content": "A follow-up thought."}
    )
    assert response.status_code == 302
    assert topic.posts.count() == 2


def test_only_the_director_starts_announcements(
    client, trusted_member, director, forums
):
    announcements = forums["announcements"]
    client.force_login(trusted_member)
    assert client.get(topic_create_url(announcements)).status_code == 403
    assert start_topic(client, announcements).status_code == 403
    assert not Topic.objects.exists()

    client.force_login(director)
    assert (
        start_topic(client, announcements, subject="Next session moved").status_code
        == 302
    )
    topic = Topic.objects.get()
    # Members may reply to announcements.
    client.force_login(trusted_member)
    response = client.post(
        post_create_url(topic), {"subject": "Re", "content": "Thanks!"}
    )
    assert response.status_code == 302


def test_members_edit_their_own_posts_but_not_others(client, trusted_member, cases):
    other = factories.member()
    topic = make_topic(forum=cases, poster=other)
    mine = reply(topic=topic, poster=trusted_member)
    client.force_login(trusted_member)
    response = client.post(
        post_update_url(mine), {"subject": mine.subject, "content": "Edited text."}
    )
    assert response.status_code == 302
    mine.refresh_from_db()
    assert mine.content.raw == "Edited text."
    # Someone else's post: refused, nothing changed.
    head = topic.first_post
    response = client.post(
        post_update_url(head), {"subject": "Hijack", "content": "Not mine."}
    )
    assert response.status_code == 403
    head.refresh_from_db()
    assert head.subject != "Hijack"


def test_director_moderates_lock_and_delete(client, director, trusted_member, cases):
    topic = make_topic(forum=cases, poster=trusted_member)
    client.force_login(director)
    lock = reverse("forum_moderation:topic_lock", args=[topic.slug, topic.pk])
    assert client.post(lock).status_code == 302
    topic.refresh_from_db()
    assert topic.is_locked
    # A locked topic takes no member replies.
    client.force_login(trusted_member)
    assert (
        client.post(
            post_create_url(topic), {"subject": "x", "content": "y"}
        ).status_code
        == 403
    )
    # Members cannot use moderation tools.
    delete = reverse("forum_moderation:topic_delete", args=[topic.slug, topic.pk])
    assert client.post(delete).status_code == 403
    assert Topic.objects.filter(pk=topic.pk).exists()
    client.force_login(director)
    assert client.post(delete).status_code == 400  # a reason is asked for
    assert Topic.objects.filter(pk=topic.pk).exists()
    assert client.post(delete, {"reason": "other"}).status_code == 302
    assert not Topic.objects.filter(pk=topic.pk).exists()


def test_visitors_and_lapsed_members_never_reach_machina_views(client, lapsed, cases):
    topic = make_topic(forum=cases, poster=factories.member())
    for path in [
        "/forum/",
        topic_url(topic),
        topic_create_url(cases),
        "/forum/search/?q=x",
    ]:
        response = client.get(path)
        assert (
            response.status_code == 302 and "/accounts/login/" in response["Location"]
        )
    client.force_login(lapsed)
    for path in ["/forum/", topic_url(topic), post_create_url(topic)]:
        assert client.get(path)["Location"] == "/join/"


def test_unknown_topic_is_a_404(client, member, cases):
    client.force_login(member)
    url = reverse(
        "forum_conversation:topic", args=[cases.slug, cases.pk, "nope", 99999]
    )
    assert client.get(url).status_code == 404


def test_empty_and_oversized_posts_are_refused_and_nothing_is_saved(
    client, trusted_member, cases, settings
):
    client.force_login(trusted_member)
    response = client.post(
        topic_create_url(cases), {"subject": "Empty", "content": "   ", "topic_type": 0}
    )
    assert response.status_code == 200
    assert not Topic.objects.exists()
    settings.FORUM_POST_MAX_LENGTH = 100
    response = client.post(
        topic_create_url(cases),
        {"subject": "Long", "content": "x" * 101, "topic_type": 0},
    )
    assert "Posts can be up to 100 characters" in response.content.decode()
    assert not Topic.objects.exists()


# --- pre-moderation -------------------------------------------------------------------


def test_a_new_members_first_posts_wait_for_approval(client, member, cases, settings):
    settings.FORUM_PREMODERATED_POSTS = 3
    client.force_login(member)
    start_topic(client, cases, subject="First topic")
    topic = Topic.objects.get(subject="First topic")
    assert not topic.approved
    # Other members do not see it.
    other = factories.member()
    client.force_login(other)
    assert (
        "First topic"
        not in client.get(
            reverse("forum:forum", args=[cases.slug, cases.pk])
        ).content.decode()
    )

    # After three approved posts the member posts straight away.
    for _ in range(3):
        reply(topic=make_topic(forum=cases, poster=other), poster=member, approved=True)
    client.force_login(member)
    start_topic(client, cases, subject="Fourth post")
    assert Topic.objects.get(subject="Fourth post").approved


def test_the_director_is_never_premoderated(client, director, cases, settings):
    settings.FORUM_PREMODERATED_POSTS = 3
    client.force_login(director)
    start_topic(client, cases, subject="From the director")
    assert Topic.objects.get(subject="From the director").approved


def test_posting_is_rate_limited(client, trusted_member, cases, settings):
    settings.ACCOUNT_RATE_LIMITS = {
        **settings.ACCOUNT_RATE_LIMITS,
        "forum_post": "2/10m/user",
    }
    topic = make_topic(forum=cases, poster=trusted_member)
    client.force_login(trusted_member)
    for i in range(2):
        client.post(post_create_url(topic), {"subject": "r", "content": f"reply {i}"})
    response = client.post(post_create_url(topic), {"subject": "r", "content": "third"})
    assert response.status_code == 200
    assert "You are posting very quickly" in response.content.decode()
    assert "third" in response.content.decode()  # what was typed is kept
    assert topic.posts.count() == 3


# --- the privacy guard ----------------------------------------------------------------

IDENTIFYING = (
    "My client Maria Gonzales (DOB 03/14/1987) was admitted on 2024-01-05 and "
    "you can reach her at 555-201-7788."
)


def test_identifiers_are_highlighted_and_nothing_is_saved_until_edited(
    client, trusted_member, cases
):
    client.force_login(trusted_member)
    response = start_topic(client, cases, content=IDENTIFYING)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="privacy-match"' in html
    assert "Maria Gonzales" in html and "03/14/1987" in html
    assert "I confirm this is de-identified" in html
    assert not Topic.objects.exists()

    # Edited out: saved, no confirmation needed.
    response = start_topic(client, cases, content=CASE)
    assert response.status_code == 302
    assert not PostPrivacyConfirmation.objects.exists()


def test_confirming_saves_the_post_and_moderators_see_the_confirmation(
    client, trusted_member, director, cases
):
    client.force_login(trusted_member)
    response = start_topic(client, cases, content=IDENTIFYING, privacy_confirmed="on")
    assert response.status_code == 302
    post = Post.objects.get()
    confirmation = PostPrivacyConfirmation.objects.get(post=post)
    assert confirmation.confirmed_by == trusted_member
    assert {m["category"] for m in confirmation.matches} >= {"name", "date", "phone"}

    client.force_login(director)
    html = client.get(topic_url(post.topic)).content.decode()
    assert "confirmed this post is de-identified" in html
    client.force_login(factories.member())
    html = client.get(topic_url(post.topic)).content.decode()
    assert "confirmed this post is de-identified" not in html


def test_a_reply_can_quote_a_post(client, trusted_member, cases):
    author = factories.member(user__display_name="Tomás V.")
    topic = make_topic(forum=cases, poster=author, content="Line one.\nLine two.")
    client.force_login(trusted_member)
    response = client.get(post_create_url(topic) + f"?quote={topic.first_post.pk}")
    html = response.content.decode()
    assert "&gt; **Tomás V. wrote:**" in html
    assert "&gt; Line one." in html and "&gt; Line two." in html


def test_edits_keep_the_post_history(client, trusted_member, director, cases):
    topic = make_topic(forum=cases, poster=trusted_member, content="First version.")
    post = topic.first_post
    client.force_login(trusted_member)
    client.post(
        post_update_url(post),
        {"subject": post.subject, "content": "Second version.", "topic_type": 0},
    )
    post.refresh_from_db()
    assert post.content.raw == "Second version."
    history = reverse("community_forum:post-history", args=[post.pk])
    assert "First version." in client.get(history).content.decode()
    client.force_login(director)
    assert "First version." in client.get(history).content.decode()
    client.force_login(factories.member())
    assert client.get(history).status_code == 404


def test_admins_moderate_too(client, site_admin, trusted_member, cases):
    topic = make_topic(forum=cases, poster=trusted_member)
    client.force_login(site_admin)
    lock = reverse("forum_moderation:topic_lock", args=[topic.slug, topic.pk])
    assert client.post(lock).status_code == 302
    topic.refresh_from_db()
    assert topic.is_locked
    assert client.get(reverse("community_forum:flags")).status_code == 200
