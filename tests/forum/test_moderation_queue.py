"""The approval queue as a work queue: each post's text on the list, Approve and
Reject on every row, "Approve and next" on a post's page, bulk decisions with one
note for every rejection, oldest first; every decision in the moderation log;
moderators only."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from machina.apps.forum_conversation.models import Post

from forum.models import ModerationDecision, ModerationLogEntry
from tests.community import factories
from tests.forum.conftest import make_topic, reply

pytestmark = pytest.mark.django_db

QUEUE = "forum_moderation:queue"
Action = ModerationLogEntry.Action


def waiting(*, forum, count: int, topic=None) -> list:
    topic = topic or make_topic(forum=forum, poster=factories.member())
    return [
        reply(
            topic=topic,
            poster=factories.member(),
            content=f"Waiting reply number {n}.",
            approved=False,
        )
        for n in range(count)
    ]


def queue_url():
    return reverse(QUEUE)


def approve_url(post):
    return reverse("forum_moderation:approve_queued_post", args=[post.pk])


def reject_url(post):
    return reverse("forum_moderation:disapprove_queued_post", args=[post.pk])


def logged(action) -> set[int]:
    return set(
        ModerationLogEntry.objects.filter(action=action).values_list(
            "post_id", flat=True
        )
    )


def test_the_queue_lists_the_oldest_first_whatever_order_they_were_saved_in(
    client, director, cases
):
    first, second, third = waiting(forum=cases, count=3)
    now = timezone.now()
    # Saved last, written first (an edit, an import): the date decides.
    Post.objects.filter(pk=third.pk).update(created=now - timedelta(days=3))
    Post.objects.filter(pk=first.pk).update(created=now - timedelta(days=2))
    Post.objects.filter(pk=second.pk).update(created=now - timedelta(days=1))
    client.force_login(director)
    response = client.get(queue_url())
    assert [post.pk for post in response.context["posts"]] == [
        third.pk,
        first.pk,
        second.pk,
    ]
    assert "oldest first" in response.content.decode()


def test_each_post_s_text_is_on_the_list_sanitised_as_the_topic_shows_it(
    client, director, cases
):
    topic = make_topic(forum=cases, poster=factories.member())
    reply(
        topic=topic,
        poster=factories.member(),
        content="She **cancels** again.<script>alert('x')</script>",
        approved=False,
    )
    client.force_login(director)
    html = client.get(queue_url()).content.decode()
    assert "<strong>cancels</strong>" in html
    assert "<script>alert" not in html


def test_approve_on_a_row_publishes_that_post_only_and_logs_it(client, director, cases):
    posts = waiting(forum=cases, count=2)
    client.force_login(director)
    html = client.get(queue_url()).content.decode()
    assert f'formaction="{approve_url(posts[0])}"' in html
    assert f'formaction="{reject_url(posts[0])}"' in html
    assert "csrfmiddlewaretoken" in html
    response = client.post(approve_url(posts[0]), {"posts": [str(posts[1].pk)]})
    assert response.status_code == 302
    assert response["Location"] == queue_url()
    assert Post.objects.get(pk=posts[0].pk).approved
    assert not Post.objects.get(pk=posts[1].pk).approved
    assert logged(Action.POST_APPROVED) == {posts[0].pk}


def test_a_second_click_on_approve_logs_and_tells_nobody_twice(
    client, director, cases, django_capture_on_commit_callbacks
):
    (post,) = waiting(forum=cases, count=1)
    client.force_login(director)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(approve_url(post))
        sent = len(mail.outbox)
        client.post(approve_url(post))
    assert len(mail.outbox) == sent
    assert ModerationLogEntry.objects.filter(action=Action.POST_APPROVED).count() == 1


def test_reject_on_a_row_sends_the_note_typed_on_the_list(client, director, cases):
    posts = waiting(forum=cases, count=2)
    client.force_login(director)
    response = client.post(reject_url(posts[1]), {"note": "Take the town out."})
    assert response.status_code == 302
    assert not Post.objects.filter(pk=posts[1].pk).exists()
    assert ModerationDecision.objects.get().note == "Take the town out."
    assert logged(Action.POST_REJECTED) == {posts[1].pk}
    # Without a note: the rejection page asks for one, nothing is decided.
    response = client.post(reject_url(posts[0]), {"note": ""})
    assert response.status_code == 400
    assert Post.objects.filter(pk=posts[0].pk).exists()


def test_bulk_approve_publishes_the_ticked_posts_each_logged_and_told(
    client, director, cases, django_capture_on_commit_callbacks
):
    posts = waiting(forum=cases, count=3)
    ticked = posts[:2]
    client.force_login(director)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            queue_url(),
            {"action": "approve", "posts": [str(p.pk) for p in ticked]},
            follow=True,
        )
    assert response.status_code == 200
    assert "2 posts approved" in response.content.decode()
    assert {
        p.pk for p in Post.objects.filter(approved=True, pk__in=[p.pk for p in posts])
    } == {p.pk for p in ticked}
    assert logged(Action.POST_APPROVED) == {p.pk for p in ticked}
    assert ModerationDecision.objects.filter(action="approved").count() == 2
    told = {address for message in mail.outbox for address in message.to}
    assert {p.poster.email for p in ticked} <= told
    assert posts[2].poster.email not in told


def test_bulk_reject_gives_every_author_the_one_note_where_a_rejection_puts_it(
    client, director, cases
):
    posts = waiting(forum=cases, count=3)
    ticked = posts[1:]
    note = "Please de-identify the family details."
    client.force_login(director)
    response = client.post(
        queue_url(),
        {"action": "reject", "note": note, "posts": [str(p.pk) for p in ticked]},
    )
    assert response.status_code == 302
    assert not Post.objects.filter(pk__in=[p.pk for p in ticked]).exists()
    assert Post.objects.filter(pk=posts[0].pk, approved=False).exists()
    decisions = ModerationDecision.objects.filter(action="rejected")
    assert {d.post_author_id for d in decisions} == {p.poster_id for p in ticked}
    assert {d.note for d in decisions} == {note}
    assert logged(Action.POST_REJECTED) == {p.pk for p in ticked}
    assert {tuple(m.to) for m in mail.outbox} == {(p.poster.email,) for p in ticked}
    # The note (it may quote the case) and the texts stay on the site.
    assert all(
        note not in m.body and "Waiting reply" not in m.body for m in mail.outbox
    )
    author = ticked[0].poster
    client.force_login(author)
    mine = decisions.get(post_author=author)
    page = client.get(reverse("community_forum:decision", args=[mine.pk]))
    assert note in page.content.decode()


def test_bulk_reject_without_a_note_keeps_the_ticks_and_decides_nothing(
    client, director, cases
):
    posts = waiting(forum=cases, count=2)
    client.force_login(director)
    response = client.post(
        queue_url(), {"action": "reject", "note": "  ", "posts": [str(posts[0].pk)]}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Write the note to the authors" in html
    assert f'value="{posts[0].pk}" id="tick-{posts[0].pk}" checked' in html
    assert f'value="{posts[1].pk}" id="tick-{posts[1].pk}">' in html
    assert Post.objects.filter(approved=False).count() == 2
    assert not ModerationLogEntry.objects.exists()


def test_a_bulk_decision_with_nothing_ticked_says_so(client, director, cases):
    waiting(forum=cases, count=1)
    client.force_login(director)
    response = client.post(queue_url(), {"action": "approve", "note": "kept"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Tick the posts to decide first." in html
    assert "kept</textarea>" in html
    assert not Post.objects.filter(approved=True, subject__startswith="Re:").exists()


def test_a_post_decided_meanwhile_is_skipped_and_counted(client, director, cases):
    topic = make_topic(forum=cases, poster=factories.member())
    Post.objects.filter(pk=topic.first_post_id).update(approved=False)
    replies = waiting(forum=cases, count=1, topic=topic)
    client.force_login(director)
    # Rejecting a new topic takes its waiting replies with it.
    response = client.post(
        queue_url(),
        {
            "action": "reject",
            "note": "Not for this forum.",
            "posts": [str(topic.first_post_id), str(replies[0].pk)],
        },
        follow=True,
    )
    html = response.content.decode()
    assert "1 post rejected" in html
    assert "1 of the ticked posts was no longer waiting" in html
    assert logged(Action.POST_REJECTED) == {topic.first_post_id}


def test_approve_and_next_opens_the_next_oldest_then_the_queue(client, director, cases):
    first, second = waiting(forum=cases, count=2)
    client.force_login(director)
    detail = client.get(reverse("forum_moderation:queued_post", args=[first.pk]))
    assert "Approve and next" in detail.content.decode()
    response = client.post(approve_url(first), {"next": "1"})
    assert response["Location"] == reverse(
        "forum_moderation:queued_post", args=[second.pk]
    )
    response = client.post(approve_url(second), {"next": "1"})
    assert response["Location"] == queue_url()
    assert logged(Action.POST_APPROVED) == {first.pk, second.pk}


def test_a_member_can_neither_see_nor_decide_the_queue(client, member, cases):
    posts = waiting(forum=cases, count=2)
    client.force_login(member)
    assert client.get(queue_url()).status_code == 403
    ids = [str(p.pk) for p in posts]
    assert (
        client.post(queue_url(), {"action": "approve", "posts": ids}).status_code == 403
    )
    assert (
        client.post(
            queue_url(), {"action": "reject", "note": "x", "posts": ids}
        ).status_code
        == 403
    )
    assert client.post(approve_url(posts[0]), {"next": "1"}).status_code == 403
    assert client.post(reject_url(posts[0]), {"note": "x"}).status_code == 403
    assert Post.objects.filter(pk__in=ids, approved=False).count() == 2
    assert not ModerationLogEntry.objects.exists()


def test_the_queue_with_its_texts_costs_the_same_queries_for_2_or_20_posts(
    client, director, cases, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(director)
    topic = make_topic(forum=cases, poster=factories.member())
    waiting(forum=cases, count=2, topic=topic)
    client.get(queue_url())
    with CaptureQueriesContext(connection) as small:
        client.get(queue_url())
    waiting(forum=cases, count=18, topic=topic)
    with django_assert_max_num_queries(len(small)):
        response = client.get(queue_url())
    assert len(response.context["posts"]) == 20


def test_a_decision_without_the_csrf_token_is_refused(director, cases):
    from tests.conftest import SignedInClient

    posts = waiting(forum=cases, count=1)
    client = SignedInClient(enforce_csrf_checks=True)
    client.force_login(director)
    ids = [str(posts[0].pk)]
    response = client.post(queue_url(), {"action": "approve", "posts": ids})
    assert response.status_code == 403
    assert client.post(approve_url(posts[0])).status_code == 403
    assert not Post.objects.get(pk=posts[0].pk).approved
