"""Each source adds its entry once, with a neutral title: a reply in a followed
topic (the task run twice), a consultation step (the email's subject: a case
reference, no case text), a session question declined (its email's subject)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from consultations import emails as consultation_emails
from forum.services import posting
from notifications.models import Kind, Notification
from sessions.models import CoachingSession
from sessions.services.curation import question_decline
from sessions.services.questions import question_submit
from tests.community import factories as people
from tests.consultations.factories import case_in
from tests.forum.conftest import make_topic, reply

pytestmark = pytest.mark.django_db


def test_a_consultation_step_adds_an_entry_with_the_emails_subject(
    django_capture_on_commit_callbacks,
):
    case = case_in("triage")
    reviewer = people.member()
    with django_capture_on_commit_callbacks(execute=True):
        consultation_emails.notify(kind="offer", user=reviewer, case=case)
    (entry,) = Notification.objects.filter(user=reviewer)
    assert entry.kind == Kind.CONSULTATION
    assert case.reference in entry.title
    assert entry.url == f"/consultations/{case.pk}/"
    for text in (case.referral_question, case.case_summary, case.risk_notes):
        assert text not in entry.title


def test_a_reply_in_a_followed_topic_adds_one_entry_however_often_the_task_runs():
    from machina.apps.forum.models import Forum

    forum = Forum.objects.get(slug="case-discussions")
    follower, author = people.member(), people.member()
    topic = make_topic(forum=forum, poster=follower, subject="Private title")
    topic.subscribers.add(follower)
    post = reply(topic=topic, poster=author, content="Private words")
    posting.post_published(post_id=post.pk)
    posting.post_published(post_id=post.pk)
    (entry,) = Notification.objects.filter(user=follower)
    assert entry.kind == Kind.FORUM_REPLY
    assert "Private" not in entry.title
    assert entry.url == f"/forum/topics/{topic.pk}/?post={post.pk}"
    assert not Notification.objects.filter(user=author).exists()


def _session() -> CoachingSession:
    starts_at = timezone.now() + timedelta(days=5)
    return CoachingSession.objects.create(
        title="Group coaching session",
        starts_at=starts_at,
        questions_close_at=starts_at - timedelta(hours=48),
        duration_minutes=90,
    )


def test_a_declined_question_adds_an_entry():
    session = _session()
    question = question_submit(
        session=session, author=people.member(), title="Secret title", body="B"
    )
    question_decline(question=question, note="Outside the session's theme.")
    (entry,) = Notification.objects.filter(user=question.author)
    assert entry.kind == Kind.QUESTION
    assert "declined" in entry.title
    assert "Secret" not in entry.title
    assert entry.url == f"/sessions/{session.pk}/"


def test_an_accepted_and_then_answered_question_tells_its_author_once_each():
    from sessions.services.curation import question_accept, session_close

    session = _session()
    question = question_submit(
        session=session, author=people.member(), title="Secret title", body="B"
    )
    question_accept(question=question)
    question_accept(question=question)
    session_close(session=session, answered={question.pk: 12})
    titles = list(
        Notification.objects.filter(user=question.author)
        .order_by("pk")
        .values_list("title", flat=True)
    )
    assert len(titles) == 2
    assert "on the agenda" in titles[0] and "answered" in titles[1]
    assert not any("Secret" in title for title in titles)


def test_an_approved_and_a_rejected_post_tell_their_authors():
    from machina.apps.forum.models import Forum

    from forum.services import post_approve, post_reject

    forum = Forum.objects.get(slug="case-discussions")
    director = people.director()
    author = people.member()
    topic = make_topic(forum=forum, poster=people.member())
    waiting = reply(topic=topic, poster=author, approved=False)
    post_approve(post=waiting, moderator=director)
    other = reply(topic=topic, poster=author, approved=False)
    post_reject(post=other, moderator=director, note="Please remove the town.")
    titles = list(
        Notification.objects.filter(user=author, kind=Kind.POST_REVIEWED)
        .order_by("pk")
        .values_list("title", flat=True)
    )
    assert titles == [
        "The director approved your post: it is published",
        "The director did not publish your post and left you a note",
    ]
