"""The demo course and library: the size the issue asks for, and safe to seed twice."""

import pytest
from django.core.management import call_command

from community.models import User
from courses.models import Certificate, CoursePage, LessonPage, ModulePage, VideoPage
from courses.selectors import course_outline

pytestmark = pytest.mark.django_db


def test_demo_course_is_about_ten_hours_in_six_modules_and_seeds_once(client, settings):
    settings.DEBUG = True  # seed_demo is for development only
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    course = CoursePage.objects.get()
    assert course.title == "The common infrastructure of psychotherapy"
    modules = ModulePage.objects.child_of(course)
    assert modules.count() == 6
    for module in modules:
        assert 4 <= LessonPage.objects.child_of(module).count() <= 6
    priya = User.objects.get(email="priya@example.com")
    outline = course_outline(course=course, user=priya)
    assert 570 <= outline.total_minutes <= 630
    assert outline.is_complete and Certificate.objects.filter(user=priya).count() == 1

    videos = VideoPage.objects.live()
    assert 10 <= videos.count() <= 14
    assert all(video.tags.exists() for video in videos)
    assert videos.filter(session__isnull=False).count() == 2

    client.force_login(User.objects.get(email="dana@example.com"))
    text = client.get(course.url).content.decode()
    assert "7 of 31 lessons done" in text
    lesson = LessonPage.objects.live().order_by("path").first()
    lesson_text = client.get(lesson.url).content.decode()
    assert "Reflection" in lesson_text
