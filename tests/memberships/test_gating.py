"""Every member area, for every membership state: content or the Join page."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.community.factories import MembershipFactory

pytestmark = pytest.mark.django_db

AREAS = ["/forum/", "/sessions/", "lesson", "video"]
DAY = timedelta(days=1)


@pytest.fixture
def a_lesson(library):
    from tests.courses.conftest import build_course, lessons_of

    return lessons_of(build_course(library[0]))[0]


@pytest.fixture
def a_video(library):
    from tests.courses.conftest import add_video

    return add_video(library[1])


def state(name):
    now = timezone.now()
    return {
        "none": ({"status": "none"}, False),
        "trialing": ({"status": "trialing"}, True),
        "active": ({"status": "active"}, True),
        "past_due_in_grace": (
            {"status": "past_due", "past_due_since": now - DAY},
            True,
        ),
        "past_due_after_grace": (
            {"status": "past_due", "past_due_since": now - 8 * DAY},
            False,
        ),
        "canceled_paid_period_left": (
            {"status": "canceled", "current_period_end": now + DAY},
            True,
        ),
        "canceled_period_over": (
            {"status": "canceled", "current_period_end": now - DAY},
            False,
        ),
        "comp": ({"status": "none", "comp_granted_at": now}, True),
        "comp_expired": (
            {
                "status": "none",
                "comp_granted_at": now - 9 * DAY,
                "comp_until": now - DAY,
            },
            False,
        ),
    }[name]


STATES = [
    "none",
    "trialing",
    "active",
    "past_due_in_grace",
    "past_due_after_grace",
    "canceled_paid_period_left",
    "canceled_period_over",
    "comp",
    "comp_expired",
]


@pytest.mark.parametrize("name", STATES)
@pytest.mark.parametrize("path", AREAS)
def test_member_areas_follow_the_membership_state(client, name, path, request):
    if not path.startswith("/"):  # course and library content: a page in them
        path = request.getfixturevalue(f"a_{path}").url
    fields, allowed = state(name)
    client.force_login(MembershipFactory(**fields).user)
    response = client.get(path)
    if allowed:
        assert response.status_code == 200
    else:
        assert response.status_code == 302
        assert response["Location"] == "/join/"


@pytest.mark.parametrize("name", STATES)
def test_dashboard_follows_the_membership_state(client, home_page, name):
    fields, allowed = state(name)
    client.force_login(MembershipFactory(**fields).user)
    html = client.get("/").content.decode()
    assert ("Next coaching session" in html) is allowed
