"""Course and library pages cost the same queries however much content there is."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.courses.conftest import add_video, build_course, lessons_of

pytestmark = pytest.mark.django_db


def queries(client, url, **params) -> int:
    client.get(url, params)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url, params).status_code == 200
    return len(captured)


def test_course_page_lesson_and_dashboard_stay_flat_as_lessons_grow(
    client, member, library
):
    small = build_course(library[0], lessons_per_module=(2, 1), title="Small")
    large = build_course(library[0], lessons_per_module=(6, 6, 6, 6), title="Large")
    client.force_login(member)
    for course in (small, large):
        for lesson in lessons_of(course)[:2]:
            client.post(reverse("courses:lesson-complete", args=[lesson.pk]))
    counts = [
        (
            queries(client, course.url),
            queries(client, lessons_of(course)[1].url),
        )
        for course in (small, large)
    ]
    assert counts[0] == counts[1]
    # Wagtail's routing reads one page per URL segment; the outline adds a fixed few.
    assert counts[0][0] <= 20 and counts[0][1] <= 26, counts


def test_dashboard_stays_flat_as_courses_and_videos_grow(client, member, library):
    build_course(library[0], lessons_per_module=(2,))
    add_video(library[1], tags=["ethics"])
    client.force_login(member)
    before = queries(client, "/")
    build_course(library[0], lessons_per_module=(5, 5))
    for n in range(6):
        add_video(library[1], title=f"Video {n}", tags=["ethics", f"t{n}"])
    assert queries(client, "/") == before


@pytest.mark.parametrize(
    "params", [{}, {"tag": "ethics"}, {"q": "talk"}, {"duration": "medium"}]
)
def test_video_index_stays_flat_as_videos_grow(client, member, library, params):
    index = library[1]
    for n in range(2):
        add_video(index, title=f"A talk {n}", tags=["ethics", f"topic-{n}"])
    client.force_login(member)
    small = queries(client, index.url, **params)
    for n in range(2, 30):
        add_video(index, title=f"A talk {n}", tags=["ethics", f"topic-{n}"])
    assert queries(client, index.url, **params) == small
    assert small <= 20, small
