"""Two task workers sending the same announcement at once (PostgreSQL: SQLite
runs one write transaction at a time): every opted-in member gets it once."""

import pytest
from django.core import mail
from django.db import connection
from machina.apps.forum.models import Forum

from announcements import services
from announcements.models import Announcement, BulkEmailClaim
from community.models import NotificationPreferences
from tests.community import factories as people
from tests.consultations.test_timers_postgres import two_workers
from tests.forum.conftest import make_topic

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("Two workers racing needs PostgreSQL (DATABASE_URL=postgres://…)")


def test_two_workers_send_each_member_the_announcement_once(monkeypatch):
    monkeypatch.setattr(services, "BATCH", 7)  # several batches: the workers interleave
    members = [people.member() for _ in range(25)]
    off = members.pop()
    NotificationPreferences.objects.create(user=off, forum_announcements=False)
    topic = make_topic(
        forum=Forum.objects.get(slug="announcements"), poster=people.director()
    )
    announcement = Announcement.objects.create(
        topic=topic, subject=topic.subject, sent_by=topic.poster
    )
    mail.outbox.clear()

    results = two_workers(
        None,
        rounds=2,
        sweep=lambda now: services.announcement_send(announcement_id=announcement.pk),
    )

    assert sum(results) == len(members)
    assert sorted(m.to[0] for m in mail.outbox) == sorted(m.email for m in members)
    assert BulkEmailClaim.objects.filter(user=off).count() == 0
