"""The director's tools: the approval queue with notes, flags, batched alerts."""

import pytest
from django.core import mail
from django.urls import reverse
from machina.apps.forum_conversation.models import Post, Topic

from forum import services
from forum.models import ModerationDecision, PostFlag
from tests.community import factories
from tests.forum.conftest import make_topic, reply, topic_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def pending_reply(cases):
    author = factories.member()
    topic = make_topic(forum=cases, poster=factories.member())
    post = reply(topic=topic, poster=author, content="My first reply.", approved=False)
    return post


def test_the_queue_lists_pending_posts_for_the_director_only(
    client, director, member, pending_reply
):
    client.force_login(director)
    response = client.get(reverse("forum_moderation:queue"))
    assert response.status_code == 200
    assert pending_reply.topic.subject in response.content.decode()
    client.force_login(member)
    assert client.get(reverse("forum_moderation:queue")).status_code == 403
    approve = reverse("forum_moderation:approve_queued_post", args=[pending_reply.pk])
    assert client.post(approve).status_code == 403
    pending_reply.refresh_from_db()
    assert not pending_reply.approved


def test_approving_publishes_and_tells_author_and_subscribers(
    client, director, pending_reply, django_capture_on_commit_callbacks
):
    subscriber = pending_reply.topic.poster
    pending_reply.topic.subscribers.add(subscriber)
    client.force_login(director)
    approve = reverse("forum_moderation:approve_queued_post", args=[pending_reply.pk])
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(approve).status_code == 302
    pending_reply.refresh_from_db()
    assert pending_reply.approved
    recipients = {tuple(m.to) for m in mail.outbox}
    assert (pending_reply.poster.email,) in recipients
    assert (subscriber.email,) in recipients
    assert ModerationDecision.objects.get().action == "approved"


def test_rejecting_needs_a_note_and_keeps_the_text_for_its_author(
    client, director, pending_reply
):
    author = pending_reply.poster
    client.force_login(director)
    reject = reverse("forum_moderation:disapprove_queued_post", args=[pending_reply.pk])
    response = client.post(reject, {"note": ""})
    assert response.status_code == 400
    assert Post.objects.filter(pk=pending_reply.pk).exists()

    response = client.post(reject, {"note": "Please remove the town name."})
    assert response.status_code == 302
    assert not Post.objects.filter(pk=pending_reply.pk).exists()
    decision = ModerationDecision.objects.get()
    email = mail.outbox[-1]
    assert email.to == [author.email]
    # The note (which may quote the case) and the text stay on the site.
    assert "Please remove the town name." not in email.body
    assert "My first reply." not in email.body

    page = reverse("community_forum:decision", args=[decision.pk])
    client.force_login(author)
    html = client.get(page).content.decode()
    assert "My first reply." in html and "Please remove the town name." in html
    client.force_login(factories.member())
    assert client.get(page).status_code == 404


def test_members_flag_a_post_once_and_the_director_sees_count_and_reasons(
    client, member, director, cases
):
    topic = make_topic(forum=cases, poster=factories.member())
    post = topic.first_post
    flag_url = reverse("community_forum:flag", args=[post.pk])
    client.force_login(member)
    assert client.get(flag_url).status_code == 200
    client.post(flag_url, {"reason": "identifiable", "note": "Names the clinic."})
    client.post(flag_url, {"reason": "spam"})  # a second open flag: refused
    other = factories.member()
    client.force_login(other)
    client.post(flag_url, {"reason": "safety"})
    assert PostFlag.objects.filter(post=post).count() == 2

    client.force_login(director)
    html = client.get(reverse("community_forum:flags")).content.decode()
    assert "2 flags" in html
    assert "It may identify a client" in html and "Names the clinic." in html

    resolve = reverse("community_forum:resolve-flags", args=[post.pk])
    client.post(resolve, {"action": "dismiss"})
    assert not PostFlag.objects.filter(status="open").exists()
    assert Post.objects.filter(pk=post.pk).exists()


def test_director_removes_a_flagged_reply_and_its_place_stays(
    client, member, director, cases
):
    topic = make_topic(forum=cases, poster=factories.member())
    post = reply(topic=topic, poster=factories.member(), content="Rude words.")
    services.flag_create(post=post, user=member, reason="disrespectful")
    client.force_login(director)
    client.post(
        reverse("community_forum:resolve-flags", args=[post.pk]),
        {"action": "remove", "reason": "disrespectful"},
    )
    post.refresh_from_db()
    assert post.content.raw == services.REMOVED_TEXT
    assert Topic.objects.filter(pk=topic.pk).exists()
    assert PostFlag.objects.get(post=post).status == "actioned"


def test_bad_flag_input_is_a_clear_400(client, member, cases):
    post = make_topic(forum=cases, poster=factories.member()).first_post
    client.force_login(member)
    response = client.post(
        reverse("community_forum:flag", args=[post.pk]), {"reason": "nonsense"}
    )
    assert response.status_code == 400
    assert not PostFlag.objects.exists()
    assert client.get(reverse("community_forum:flag", args=[999999])).status_code == 404


def test_members_cannot_open_the_director_tools(client, member):
    client.force_login(member)
    for name in ["community_forum:flags", "community_forum:moderation"]:
        assert client.get(reverse(name)).status_code == 403


def test_directors_get_one_alert_for_new_flags_and_pending_posts(
    director, member, cases, pending_reply
):
    services.send_moderation_alerts()  # first run: state is created, a day back
    mail.outbox.clear()
    assert services.send_moderation_alerts() == 0  # nothing new: no email
    post = make_topic(forum=cases, poster=factories.member()).first_post
    services.flag_create(post=post, user=member, reason="spam")
    reply(topic=post.topic, poster=factories.member(), approved=False)
    assert services.send_moderation_alerts() == 1
    assert mail.outbox[-1].to == [director.email]
    assert "1 post to approve, 1 new flag" in mail.outbox[-1].subject


def test_queue_detail_shows_the_post_in_its_context(client, director, pending_reply):
    client.force_login(director)
    url = reverse("forum_moderation:queued_post", args=[pending_reply.pk])
    html = client.get(url).content.decode()
    assert "My first reply." in html
    assert "Earlier in" in html  # the topic's earlier posts, for context


def test_the_flag_form_quotes_the_post_has_no_blank_reason_and_is_not_offered_twice(
    client, member, cases
):
    # Issue #19: "---------" was preselected, the post was not shown, and a
    # member could open the form again for a post she had flagged.
    topic = make_topic(forum=cases, poster=factories.member())
    post = topic.first_post
    flag_url = reverse("community_forum:flag", args=[post.pk])
    client.force_login(member)
    page = client.get(flag_url).content.decode()
    assert "---------" not in page
    assert 'aria-label="The post you are flagging"' in page
    assert "checked" not in page.split('name="reason"', 1)[1].split("</fieldset>")[0]
    client.post(flag_url, {"reason": "spam"})
    again = client.get(flag_url, follow=True)
    assert "You have already flagged this post" in again.content.decode()
    assert PostFlag.objects.filter(post=post).count() == 1
    # The topic page no longer offers the link; another member still gets it.
    topic_page = client.get(topic_url(topic)).content.decode()
    assert flag_url not in topic_page and "Flagged by you" in topic_page
    client.force_login(factories.member())
    assert flag_url in client.get(topic_url(topic)).content.decode()
