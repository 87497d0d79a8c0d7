"""Marking lessons done, resuming, and what survives edits to the page tree."""

import pytest
from django.urls import reverse

from courses.models import Certificate, LessonProgress
from tests.community import factories
from tests.courses.conftest import build_course, lessons_of

pytestmark = pytest.mark.django_db


def done_url(lesson):
    return reverse("courses:lesson-complete", args=[lesson.pk])


def undo_url(lesson):
    return reverse("courses:lesson-incomplete", args=[lesson.pk])


def test_marking_done_moves_to_the_next_lesson_and_shows_progress(
    client, member, course
):
    first, second, *_rest = lessons_of(course)
    client.force_login(member)
    response = client.post(done_url(first), {"next_lesson": second.pk})
    assert response.status_code == 302
    assert response["Location"] == second.url
    text = client.get(course.url).content.decode()
    assert "1 of 4 lessons done" in text
    assert 'value="25"' in text  # the progress bar
    assert f'href="{second.url}">Resume' in text


def test_marking_again_keeps_the_first_completion_time(client, member, course):
    lesson = lessons_of(course)[0]
    client.force_login(member)
    client.post(done_url(lesson))
    first_time = LessonProgress.objects.get(user=member, lesson=lesson).completed_at
    client.post(done_url(lesson))
    row = LessonProgress.objects.get(user=member, lesson=lesson)
    assert row.completed_at == first_time
    assert LessonProgress.objects.filter(user=member).count() == 1


def test_undo_marks_the_lesson_not_done(client, member, course):
    lesson = lessons_of(course)[0]
    client.force_login(member)
    client.post(done_url(lesson))
    response = client.post(undo_url(lesson), follow=True)
    assert "no longer marked as done" in response.content.decode()
    assert "Mark as done" in response.content.decode()
    assert LessonProgress.objects.get(user=member, lesson=lesson).completed_at is None
    assert "0 of 4 lessons done" in client.get(course.url).content.decode()


def test_resume_goes_to_the_first_unfinished_lesson(client, member, course):
    lessons = lessons_of(course)
    client.force_login(member)
    for lesson in (lessons[0], lessons[2]):
        client.post(done_url(lesson))
    text = client.get(course.url).content.decode()
    assert f'href="{lessons[1].url}">Resume' in text
    dashboard = client.get("/").content.decode()
    assert f'href="{lessons[1].url}">Resume' in dashboard
    assert "2 of 4 lessons done" in dashboard


def test_the_last_viewed_lesson_is_remembered(client, member, course):
    lessons = lessons_of(course)
    client.force_login(member)
    client.get(lessons[3].url)
    text = client.get(course.url).content.decode()
    assert f'Last opened: <a href="{lessons[3].url}">' in text
    assert f'href="{lessons[0].url}">Resume' in text  # first unfinished


def test_previous_and_next_cross_module_boundaries(client, member, course):
    lessons = lessons_of(course)
    client.force_login(member)
    text = client.get(lessons[1].url).content.decode()
    assert f'href="{lessons[0].url}" rel="prev"' in text
    assert f'href="{lessons[2].url}" rel="next"' in text
    last = client.get(lessons[-1].url).content.decode()
    assert 'rel="next"' not in last
    assert "the course outline" in last


@pytest.mark.parametrize("role", ["visitor", "signed_up", "lapsed"])
def test_marking_progress_without_access_is_forbidden(as_role, role, course):
    client, _user = as_role(role)
    lesson = lessons_of(course)[0]
    for url in (done_url(lesson), undo_url(lesson)):
        response = client.post(url)
        assert response.status_code == 403
        assert "members" in response.content.decode()
    assert not LessonProgress.objects.exists()


def test_unknown_or_unpublished_lessons_are_not_found(client, member, course):
    client.force_login(member)
    assert (
        client.post(reverse("courses:lesson-complete", args=[99999])).status_code == 404
    )
    lesson = lessons_of(course)[0]
    lesson.unpublish()
    assert client.post(done_url(lesson)).status_code == 404
    assert not LessonProgress.objects.exists()


def test_progress_actions_need_post_and_a_csrf_token(member, course):
    from django.test import Client

    lesson = lessons_of(course)[0]
    client = Client(enforce_csrf_checks=True)
    client.force_login(member)
    assert client.get(done_url(lesson)).status_code == 405
    assert client.post(done_url(lesson)).status_code == 403
    assert not LessonProgress.objects.exists()


def test_a_bad_next_lesson_value_is_ignored(client, member, course):
    lesson = lessons_of(course)[0]
    client.force_login(member)
    response = client.post(done_url(lesson), {"next_lesson": "../../evil"})
    assert response["Location"] == lesson.url


def test_progress_is_per_member(client, member, course):
    other = factories.member()
    client.force_login(other)
    client.post(done_url(lessons_of(course)[0]))
    client.force_login(member)
    assert "0 of 4 lessons done" in client.get(course.url).content.decode()


def test_deleting_a_lesson_keeps_the_rest_of_the_progress(client, member, course):
    lessons = lessons_of(course)
    client.force_login(member)
    for lesson in lessons[:2]:
        client.post(done_url(lesson))
    lessons[0].delete()
    text = client.get(course.url).content.decode()
    assert "1 of 3 lessons done" in text
    row = LessonProgress.objects.get(user=member, lesson__isnull=True)
    assert row.lesson_title == "Lesson 1.1"  # kept for the member's export


def test_moving_a_lesson_to_another_course_moves_its_progress(
    client, member, course, library
):
    other_course = build_course(library[0], lessons_per_module=(1,), title="Other")
    lesson = lessons_of(course)[1]  # "lesson-12": free in the other module
    client.force_login(member)
    client.post(done_url(lesson))
    lesson.move(other_course.get_children().first().specific, pos="last-child")
    assert "0 of 3 lessons done" in client.get(course.url).content.decode()
    assert "1 of 2 lessons done" in client.get(other_course.url).content.decode()


def test_completing_every_lesson_issues_one_certificate(client, member, course):
    client.force_login(member)
    lessons = lessons_of(course)
    for lesson in lessons[:-1]:
        client.post(done_url(lesson))
    assert not Certificate.objects.exists()
    response = client.post(done_url(lessons[-1]))
    assert response["Location"] == f"{course.url}#certificate"
    certificate = Certificate.objects.get(user=member, course=course)
    assert certificate.minutes == 120
    # Undoing and finishing again does not issue a second one.
    client.post(undo_url(lessons[0]))
    client.post(done_url(lessons[0]))
    assert Certificate.objects.filter(user=member).count() == 1
