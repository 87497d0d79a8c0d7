"""The director emails an Announcements topic to the members who want
announcements, from a task, once each however often it runs; every email
has List-Unsubscribe headers and a signed link that turns off that kind only,
without signing in; a forged or expired link changes nothing. The weekly
digest of new videos goes once a week to those who asked for it."""

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from machina.apps.forum.models import Forum

from announcements import services
from announcements.models import Announcement, BulkEmailClaim
from community import unsubscribe
from community.models import NotificationPreferences
from courses.models import VideoPage
from tests.community import factories as people
from tests.courses.conftest import add_video
from tests.forum.conftest import make_topic

pytestmark = pytest.mark.django_db
TEXT = "The next cohort starts in January; the course gains a module on endings."


@pytest.fixture
def announcement_topic(db):
    forum = Forum.objects.get(slug="announcements")
    return make_topic(
        forum=forum,
        poster=people.director(),
        subject="News for January",
        content=TEXT,
    )


def _announce(client, topic, user=None, confirm="yes"):
    client.force_login(user or topic.poster)
    return client.post(
        reverse("announcements:announce", args=[topic.pk]), {"confirm": confirm}
    )


def test_the_director_emails_an_announcement_to_those_who_want_it_once_each(
    client, announcement_topic, django_capture_on_commit_callbacks
):
    keeps = people.member()
    also = people.member()
    NotificationPreferences.objects.create(user=also, forum_announcements=True)
    off = people.member()
    NotificationPreferences.objects.create(user=off, forum_announcements=False)
    lapsed = people.lapsed_member()

    with django_capture_on_commit_callbacks(execute=True):
        response = _announce(client, announcement_topic)
    assert response.status_code == 302

    to = sorted(m.to[0] for m in mail.outbox)
    assert keeps.email in to and also.email in to
    assert off.email not in to
    assert lapsed.email not in to
    assert len(to) == len(set(to))
    email = next(m for m in mail.outbox if m.to == [keeps.email])
    assert email.subject == "News for January"
    assert TEXT in email.body
    assert email.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    link = email.extra_headers["List-Unsubscribe"].strip("<>")
    assert link in email.body

    # A second run (a retried task, a second worker) sends nobody anything.
    before = len(mail.outbox)
    announcement = Announcement.objects.get()
    assert services.announcement_send(announcement_id=announcement.pk) == 0
    assert len(mail.outbox) == before
    announcement.refresh_from_db()
    assert announcement.recipients == before and announcement.finished_at
    # And the same topic is not emailed twice.
    with django_capture_on_commit_callbacks(execute=True):
        again = _announce(client, announcement_topic)
    assert again.status_code == 302
    assert Announcement.objects.count() == 1
    assert len(mail.outbox) == before


def test_nothing_is_sent_without_the_confirmation(
    client, announcement_topic, django_capture_on_commit_callbacks
):
    people.member()
    with django_capture_on_commit_callbacks(execute=True):
        response = _announce(client, announcement_topic, confirm="")
    assert response.status_code == 302
    assert not Announcement.objects.exists() and not mail.outbox


def test_only_the_director_emails_and_only_an_announcements_topic(
    client, announcement_topic, django_capture_on_commit_callbacks
):
    member = people.member()
    with django_capture_on_commit_callbacks(execute=True):
        response = _announce(client, announcement_topic, user=member)
    assert response.status_code == 403
    assert not Announcement.objects.exists()

    cases = Forum.objects.get(slug="case-discussions")
    topic = make_topic(forum=cases, poster=people.director())
    with django_capture_on_commit_callbacks(execute=True):
        _announce(client, topic)
    assert not Announcement.objects.exists()
    assert not mail.outbox


def test_the_unsubscribe_link_turns_off_that_kind_only_without_signing_in(client):
    member = people.member()
    NotificationPreferences.objects.create(user=member, new_videos=True)
    link = unsubscribe.link_for(member, "announcements")
    path = link.removeprefix("http://testserver")

    page = client.get(path)
    assert page.status_code == 200
    assert "Unsubscribe" in page.content.decode()
    prefs = NotificationPreferences.objects.get(user=member)
    assert prefs.forum_announcements  # a GET changes nothing (link scanners)

    done = client.post(path)  # RFC 8058's one-click POST: no CSRF token
    assert done.status_code == 200
    prefs.refresh_from_db()
    assert not prefs.forum_announcements
    assert prefs.new_videos  # the other kind stays on


def test_a_forged_or_expired_link_says_so_and_changes_nothing(client):
    member = people.member()
    NotificationPreferences.objects.create(user=member)
    token = unsubscribe.token_for(member, "announcements")
    forged = token[:-2] + ("aa" if not token.endswith("aa") else "bb")
    response = client.post(reverse("unsubscribe", args=[forged]))
    assert response.status_code == 400
    assert "not valid" in response.content.decode()

    with time_machine.travel(timezone.now() + timedelta(days=200)):
        expired = client.post(reverse("unsubscribe", args=[token]))
    assert expired.status_code == 400
    assert "expired" in expired.content.decode()
    assert NotificationPreferences.objects.get(user=member).forum_announcements


def _published(video, at=None):
    """As publishing in the Wagtail admin leaves it."""
    VideoPage.objects.filter(pk=video.pk).update(
        first_published_at=at or timezone.now()
    )


def test_the_weekly_video_digest_goes_once_a_week_to_those_who_asked(library):
    wants = people.member()
    NotificationPreferences.objects.create(user=wants, new_videos=True)
    people.member()  # the default: no digest
    assert services.video_digest_send() == 0  # nothing new: no email
    _published(add_video(library[1], title="Working with shame"))
    assert services.video_digest_send() == 1
    assert services.video_digest_send() == 0  # the same week
    (email,) = mail.outbox
    assert email.to == [wants.email]
    assert "Working with shame" in email.body
    assert "List-Unsubscribe" in email.extra_headers
    assert BulkEmailClaim.objects.filter(user=wants).count() == 1
    next_week = timezone.now() + timedelta(days=7)
    _published(add_video(library[1], title="Endings"), at=next_week)
    with time_machine.travel(next_week):
        assert services.video_digest_send() == 1


@pytest.mark.parametrize(
    ("kind", "field", "off"),
    [
        ("agenda", "session_agenda_published", False),
        ("reminder_hour", "session_reminder_hour", False),
        ("digest", "forum_replies", "off"),
    ],
)
def test_each_bulk_kind_unsubscribes_from_that_kind_only(client, kind, field, off):
    member = people.member()
    NotificationPreferences.objects.create(user=member)
    response = client.post(
        reverse("unsubscribe", args=[unsubscribe.token_for(member, kind)])
    )
    assert response.status_code == 200
    prefs = NotificationPreferences.objects.get(user=member)
    assert getattr(prefs, field) == off
    assert prefs.forum_announcements  # untouched


def test_the_agenda_email_and_the_forum_digest_carry_the_headers(
    django_capture_on_commit_callbacks,
):
    from forum.models import DigestItem
    from forum.services import send_digests
    from sessions.services.emails import send_session_email
    from tests.forum.conftest import reply

    member = people.member()
    session = _a_session()
    send_session_email(kind="agenda", user=member, session=session, url="https://x/")
    forum = Forum.objects.get(slug="case-discussions")
    topic = make_topic(forum=forum, poster=people.member())
    DigestItem.objects.create(
        user=member, post=reply(topic=topic, poster=people.member())
    )
    send_digests()
    agenda, digest = mail.outbox[-2:]
    for email, kind in ((agenda, "agenda"), (digest, "digest")):
        link = email.extra_headers["List-Unsubscribe"].strip("<>")
        assert (
            email.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        )
        assert link in email.body
        assert unsubscribe.read(link.rstrip("/").rpartition("/")[2]) == (
            member.pk,
            kind,
        )


def _a_session():
    from sessions.models import CoachingSession

    starts_at = timezone.now() + timedelta(days=5)
    return CoachingSession.objects.create(
        title="Group coaching session",
        starts_at=starts_at,
        questions_close_at=starts_at - timedelta(hours=48),
        duration_minutes=90,
    )


def test_a_link_used_again_says_it_is_done_and_asks_nothing(client):
    member = people.member()
    path = reverse("unsubscribe", args=[unsubscribe.token_for(member, "videos")])
    NotificationPreferences.objects.create(user=member, new_videos=True)
    client.post(path)
    again = client.get(path).content.decode()
    assert "you will not get the weekly digest" in again
    assert "<form" not in again.split('<main id="main"', 1)[1]
