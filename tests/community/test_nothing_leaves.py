"""Titles stay on the site: no email and no calendar entry carries what a member
wrote (a topic's subject, a question's title, text or case context, a post).

An author may confirm a client detail past the privacy guard, and a subject line
or a calendar event lives on mail and calendar providers' servers. Every email
template is rendered with markers in each member-written field, and the real
flows that send something run with markers in their titles.
"""

from datetime import UTC, datetime, timedelta
from pathlib import Path

import icalendar
import pytest
import time_machine
from django.conf import settings
from django.core import mail
from django.template import engines
from django.urls import reverse
from django.utils import timezone

from community.mail import send_templated_mail
from forum import services as forum_services
from sessions import calendar
from sessions.models import CalendarToken, CoachingSession, Question
from sessions.reminders import send_due_reminders
from sessions.services import curation
from sessions.services import schedule as schedule_services
from tests.community import factories

MARK = "SECRET-"
# What members write. Each field renders as its own marker, e.g.
# "SECRET-QUESTION.TITLE-7f3a", so a failure names the field that leaked.
MEMBER_WRITTEN = {"subject", "topic_subject", "title", "body", "context", "content"}
# Objects whose ``title`` the director writes: a session's may go out.
SESSIONS = {"session", "next_session", "old_session"}
DATES = {"starts_at", "questions_close_at", "old_starts_at", "trial_end"}
WHEN = datetime(2031, 3, 12, 18, 0, tzinfo=UTC)


def marker(path: str) -> str:
    return f"{MARK}{path.upper()}-7f3a"


class Thing:
    """Any object a template may be given: member-written attributes are markers,
    dates are real datetimes, the time zone is real, the rest is neutral."""

    def __init__(self, path: str):
        self._path = path

    def __getattr__(self, name: str):
        if name.startswith("_"):
            raise AttributeError(name)
        path = f"{self._path}.{name}"
        if name in DATES:
            return WHEN
        if name == "time_zone":
            return "Europe/Berlin"
        if name == "count":
            return 2
        if name == "title" and self._path.split(".")[-1] in SESSIONS:
            return "Group coaching session"
        if name in MEMBER_WRITTEN:
            return marker(path)
        return Thing(path)

    def __str__(self) -> str:
        return f"neutral {self._path}"


def email_templates() -> list[str]:
    root = Path(settings.BASE_DIR) / "templates"
    found = sorted(
        str(subject.parent.relative_to(root))
        for subject in root.glob("**/email/*/subject.txt")
    )
    assert len(found) >= 20, found  # the glob found the templates
    return found


def any_context() -> dict:
    """Every name an email template is given, by any app."""
    names = [
        "user", "session", "next_session", "old_session", "question", "target",
        "topic", "decision", "membership", "author", "note",
    ]  # fmt: skip
    return {
        **{name: Thing(name) for name in names},
        "access_until": WHEN,
        "old_starts_at": WHEN - timedelta(days=1),
        "trial_end": WHEN,
        "time_zone": "Europe/Berlin",
        "count": 3,
        "question_count": 2,
        "retention_days": 30,
        "question_titles": [marker("question_titles.0"), marker("question_titles.1")],
        "topics": [Thing("topics.0"), Thing("topics.1")],
        "new_pending": 1,
        "new_flags": 2,
        "returning": False,
        "url": "https://site.test/link/",
        "next_url": "https://site.test/next/",
        "queue_url": "https://site.test/queue/",
        "billing_url": "https://site.test/billing/",
        "join_url": "https://site.test/join/",
        # Consultations: a neutral case reference and a deadline, nothing else.
        "reference": "C-2026-0001",
        "deadline": WHEN,
        # Announcements carry the director's own words (the issue allows it:
        # they are not a member's); the video digest, the library's titles.
        "subject": "News from the director",
        "text": "The director's announcement.",
        "videos": [{"title": "A library video", "url": "https://site.test/v/"}],
        "unsubscribe_url": "https://site.test/unsubscribe/",
    }


@pytest.fixture
def missing_names_show(monkeypatch):
    """A name a template uses and the context lacks shows, instead of rendering
    as nothing (and hiding a field this test does not know of yet)."""
    engine = engines["django"].engine
    monkeypatch.setattr(engine, "string_if_invalid", "MISSING(%s)")


def assert_nothing_leaves(messages):
    assert messages, "nothing was sent"
    for message in messages:
        assert MARK not in message.subject, message.subject
        assert MARK not in message.body, message.body


# (a) Every template ----------------------------------------------------------


@pytest.mark.parametrize("template", email_templates())
def test_no_email_template_carries_member_written_text(
    template, settings, missing_names_show
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    send_templated_mail(template=template, to=["a@example.org"], context=any_context())
    [message] = mail.outbox
    assert_nothing_leaves([message])
    assert "MISSING(" not in message.subject + message.body
    assert settings.COMMUNITY_NAME in message.body  # it rendered for real


def test_the_probe_finds_a_title_in_a_template(settings):
    """The marker context would catch a template that names a question."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    rendered = engines["django"].from_string("{{ question.title }}")
    assert rendered.render(any_context()) == marker("question.title")


@pytest.mark.django_db
def test_no_task_argument_and_no_sent_outbox_row_keeps_what_an_email_said(
    settings, django_capture_on_commit_callbacks
):
    """Whatever a message says, the task broker and django-q2's tables are
    given the outbox row's id only, and the sent row keeps no body."""
    from django_q.models import Task

    from community.models import OutgoingEmail

    settings.EMAIL_BACKEND = "community.mail.QueuedEmailBackend"
    settings.QUEUED_EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with django_capture_on_commit_callbacks(execute=True):
        mail.send_mail("Hello", marker("body"), None, ["a@example.org"])
    assert mail.outbox[0].body == marker("body")  # it went out
    for task in Task.objects.all():
        assert MARK not in f"{task.name} {task.args} {task.kwargs} {task.result}"
        assert all(type(arg) is int for arg in task.args or ())
    assert not OutgoingEmail.objects.filter(body__contains=MARK).exists()


# (a) The real flows ----------------------------------------------------------


@pytest.fixture
def cases(db):
    from machina.apps.forum.models import Forum

    return Forum.objects.get(slug="case-discussions")


@pytest.fixture
def topic(cases, settings):
    from tests.forum.conftest import make_topic

    settings.FORUM_PREMODERATED_POSTS = 0
    return make_topic(
        forum=cases,
        poster=factories.member(),
        subject=marker("topic"),
        content=marker("first-post"),
    )


def follower(topic, delivery):
    from community.models import NotificationPreferences

    user = factories.member()
    NotificationPreferences.objects.create(user=user, forum_replies=delivery)
    topic.subscribers.add(user)
    return user


def test_forum_reply_digest_approval_and_rejection_emails_name_no_topic(topic):
    from tests.forum.conftest import reply

    now, later = follower(topic, "immediate"), follower(topic, "digest")
    poster, director = factories.member(), factories.director()
    published = reply(topic=topic, poster=poster, content=marker("reply"))
    forum_services.post_published(post_id=published.pk)
    assert forum_services.send_digests() == 1
    waiting = reply(topic=topic, poster=poster, content=marker("w1"), approved=False)
    forum_services.post_approve(post=waiting, moderator=director)
    refused = reply(topic=topic, poster=poster, content=marker("w2"), approved=False)
    forum_services.post_reject(post=refused, moderator=director, note="Too specific.")

    assert {tuple(m.to) for m in mail.outbox} >= {
        (now.email,),
        (later.email,),
        (poster.email,),
    }
    assert_nothing_leaves(mail.outbox)
    subjects = {m.subject for m in mail.outbox}
    assert "New reply in a topic you follow" in subjects
    assert "Your forum post is published" in subjects
    assert "Your forum post was not published" in subjects


def test_forum_links_in_emails_carry_no_slug_of_the_title(topic):
    from tests.forum.conftest import reply

    follower(topic, "immediate")
    post = reply(topic=topic, poster=factories.member())
    forum_services.post_published(post_id=post.pk)
    assert_nothing_leaves(mail.outbox)
    for message in mail.outbox:
        assert MARK.lower() not in message.body.lower()


def secret_question(session, author, name="q") -> Question:
    return Question.objects.create(
        session=session,
        author=author,
        title=marker(f"{name}-title"),
        body=marker(f"{name}-body"),
        context=marker(f"{name}-context"),
    )


def make_session(starts_at=None, **fields) -> CoachingSession:
    starts_at = starts_at or timezone.now() + timedelta(days=7)
    return CoachingSession.objects.create(
        title="Group coaching session",
        topic="Working with shame in the room.",
        starts_at=starts_at,
        questions_close_at=starts_at - timedelta(hours=48),
        meeting_url="https://meet.example.org/coaching",
        duration_minutes=90,
        **fields,
    )


@pytest.mark.django_db
def test_curation_emails_name_no_question_and_no_topic(topic):
    session = make_session()
    later = make_session(starts_at=session.starts_at + timedelta(days=14))
    author, other = factories.member(), factories.member()
    main = secret_question(session, other, "main")
    curation.question_decline(
        question=secret_question(session, author, "declined"), note="Not this time."
    )
    curation.question_merge(source=secret_question(session, author, "dup"), target=main)
    curation.question_defer(
        question=secret_question(session, author, "moved"), to_session=later
    )
    curation.question_from_topic(topic=topic, session=session)
    accepted = curation.question_accept(question=main)
    curation.agenda_save(session=session, plan={accepted.pk: (1, 90)})
    factories.member()  # someone to receive the agenda
    curation.agenda_publish(session=session)

    assert_nothing_leaves(mail.outbox)
    subjects = {m.subject for m in mail.outbox}
    assert any(s.startswith("Your question for the session of") for s in subjects)
    assert "Your question was merged with a similar one" in subjects
    assert "Your question moves to a later session" in subjects
    assert "Your forum topic is coming to a live session" in subjects


@pytest.mark.django_db
def test_moving_and_cancelling_a_session_name_no_question():
    director, author = factories.director(), factories.member()
    session = make_session()
    make_session(starts_at=session.starts_at + timedelta(days=14))
    secret_question(session, author, "first")
    secret_question(session, author, "second")
    schedule_services.session_update(
        session=session,
        moderator=director,
        title=session.title,
        topic=session.topic,
        duration_minutes=90,
        meeting_url=session.meeting_url,
        recording_url="",
        notes="",
        starts_at=session.starts_at + timedelta(hours=1),
    )
    schedule_services.session_cancel(session=session, moderator=director)

    assert len(mail.outbox) == 2
    assert_nothing_leaves(mail.outbox)
    assert "2 questions" in mail.outbox[0].body
    assert "2 questions moved to the next session" in mail.outbox[1].body


@pytest.mark.django_db
def test_reminders_name_no_question():
    member = factories.member()
    session = make_session(starts_at=timezone.now() + timedelta(hours=30))
    secret_question(session, member)
    with time_machine.travel(session.questions_close_at - timedelta(hours=23)):
        send_due_reminders()
    with time_machine.travel(session.starts_at - timedelta(hours=23)):
        send_due_reminders()
    with time_machine.travel(session.starts_at - timedelta(minutes=50)):
        send_due_reminders()
    assert len(mail.outbox) == 3
    assert_nothing_leaves(mail.outbox)


# (b) Calendars ---------------------------------------------------------------


def unfolded(ics: bytes) -> str:
    """The calendar text with folded lines joined: a marker split across a fold
    would otherwise slip past."""
    return ics.decode().replace("\r\n ", "").replace("\r\n\t", "")


def assert_calendar_clean(ics: bytes):
    text = unfolded(ics)
    assert MARK not in text, text
    for event in icalendar.Calendar.from_ical(ics).walk("VEVENT"):
        for field in ("SUMMARY", "DESCRIPTION", "LOCATION", "URL"):
            assert MARK not in str(event.get(field, ""))


@pytest.mark.django_db
def test_session_download_and_private_feed_carry_no_question_title(client):
    member = factories.member()
    session = make_session()
    secret_question(session, member, "mine")
    accepted = secret_question(session, member, "accepted")
    accepted.status = Question.Status.ACCEPTED
    accepted.save()
    secret_question(session, factories.member(), "theirs")
    client.force_login(member)

    download = client.get(
        reverse("coaching_sessions:session-ics", args=[session.pk])
    ).content
    token = CalendarToken.objects.get_or_create(user=member)[0].token
    client.logout()
    feed = client.get(
        reverse("coaching_sessions:calendar-feed", kwargs={"token": token})
    ).content

    for ics in (download, feed, calendar.session_ics(session, for_user=member)):
        assert_calendar_clean(ics)
        [event] = icalendar.Calendar.from_ical(ics).walk("VEVENT")
        assert "Your questions: 1 submitted, 1 on the agenda" in str(
            event["DESCRIPTION"]
        )
