"""Two clicks on "Helpful" at the same moment (PostgreSQL: SQLite runs one
write transaction at a time): one reaction, and one entry for the author."""

import pytest
from django.db import connection

from forum.models import PostReaction
from forum.services import reactions
from notifications.models import Notification
from tests.community import factories
from tests.consultations.test_timers_postgres import two_workers
from tests.forum.conftest import make_topic

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("A race needs PostgreSQL (DATABASE_URL=postgres://…)")


def test_two_clicks_at_once_make_one_reaction(cases):
    author, reader = factories.member(), factories.member()
    post = make_topic(forum=cases, poster=author).first_post
    results = two_workers(
        None,
        sweep=lambda now: reactions.reaction_add(
            post=post, user=reader, kind="helpful"
        ),
    )
    assert sorted(results) == [False, True]
    assert PostReaction.objects.filter(post=post).count() == 1
    assert Notification.objects.filter(user=author).count() == 1
