"""A rejected post's text is kept for its author for a while, then deleted."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django_q.models import Schedule

from forum import services, tasks
from forum.models import ModerationDecision
from forum.setup import ensure_schedules
from tests.community import factories
from tests.forum.conftest import make_topic, reply

pytestmark = pytest.mark.django_db

TEXT = "My client Maria came in on 12 March 2023."


def rejected(*, author, days_ago: float, content: str = TEXT) -> ModerationDecision:
    decision = ModerationDecision.objects.create(
        action=ModerationDecision.Action.REJECTED,
        post_author=author,
        topic_subject="Cancellations",
        content=content,
        note="Please remove the name.",
    )
    # decided_at is auto_now_add: move it back as the clock would have.
    ModerationDecision.objects.filter(pk=decision.pk).update(
        decided_at=timezone.now() - timedelta(days=days_ago)
    )
    return decision


def test_texts_past_the_retention_are_blanked_and_fresh_ones_kept(settings, member):
    settings.FORUM_REJECTED_RETENTION_DAYS = 30
    due = rejected(author=member, days_ago=31)
    fresh = rejected(author=member, days_ago=29)

    assert services.rejected_texts_expire() == 1

    due.refresh_from_db()
    fresh.refresh_from_db()
    assert due.content == "" and fresh.content == TEXT
    # The decision itself stays in the moderation log.
    assert due.note == "Please remove the name." and due.topic_subject


def test_running_twice_or_on_two_workers_changes_nothing_more(settings, member):
    settings.FORUM_REJECTED_RETENTION_DAYS = 30
    due = rejected(author=member, days_ago=40)
    fresh = rejected(author=member, days_ago=1)

    assert tasks.expire_rejected_texts() == 1
    assert tasks.expire_rejected_texts() == 0  # the second run, or worker, finds none

    due.refresh_from_db()
    fresh.refresh_from_db()
    assert (due.content, fresh.content) == ("", TEXT)


def test_the_setting_and_a_moved_clock_decide_what_is_due(settings, member):
    settings.FORUM_REJECTED_RETENTION_DAYS = 7
    decision = rejected(author=member, days_ago=3)

    assert services.rejected_texts_expire() == 0
    later = timezone.now() + timedelta(days=5)
    assert services.rejected_texts_expire(now=later) == 1
    decision.refresh_from_db()
    assert decision.content == ""


def test_an_expired_text_is_gone_from_its_authors_page(
    client, settings, director, cases
):
    settings.FORUM_REJECTED_RETENTION_DAYS = 30
    author = factories.member()
    topic = make_topic(forum=cases, poster=factories.member())
    post = reply(topic=topic, poster=author, content=TEXT, approved=False)
    decision = services.post_reject(
        post=post, moderator=director, note="Please remove the name."
    )
    page = reverse("community_forum:decision", args=[decision.pk])
    client.force_login(author)
    assert "Maria" in client.get(page).content.decode()

    services.rejected_texts_expire(now=timezone.now() + timedelta(days=31))

    html = client.get(page).content.decode()
    assert "Maria" not in html and "12 March 2023" not in html
    assert "Please remove the name." in html


def test_the_daily_expiry_is_scheduled_once():
    ensure_schedules()
    ensure_schedules()  # every migrate runs it again
    schedules = Schedule.objects.filter(func="forum.tasks.expire_rejected_texts")
    assert schedules.count() == 1
    assert schedules.get().schedule_type == Schedule.DAILY
