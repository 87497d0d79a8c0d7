"""Two clicks on "Helpful" at the same moment (PostgreSQL: SQLite runs one
write transaction at a time): one reaction, and one entry for the author."""

import threading

import pytest
from django.db import connection

from forum.models import PostReaction
from forum.services import reactions
from notifications.models import Notification
from tests.community import factories
from tests.forum.conftest import make_topic

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("A race needs PostgreSQL (DATABASE_URL=postgres://…)")


def test_two_clicks_at_once_make_one_reaction(cases):
    author, reader = factories.member(), factories.member()
    post = make_topic(forum=cases, poster=author).first_post
    barrier = threading.Barrier(2)
    results, errors = [], []

    def click():
        try:
            barrier.wait(timeout=10)
            results.append(
                reactions.reaction_add(post=post, user=reader, kind="helpful")
            )
        except Exception as exc:  # reported below, not lost in the thread
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=click) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert errors == []
    assert sorted(results) == [False, True]
    assert PostReaction.objects.filter(post=post).count() == 1
    assert Notification.objects.filter(user=author).count() == 1
