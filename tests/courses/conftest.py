from datetime import date, timedelta

import pytest
from taggit.models import Tag

from courses.models import CoursePage, LessonPage, ModulePage, VideoPage

VIMEO = "https://vimeo.com/76979871"  # in fixtures/embeds.json


def build_course(course_index, *, lessons_per_module=(2, 2), minutes=30, title=None):
    course = course_index.add_child(
        instance=CoursePage(
            title=title or f"Course {CoursePage.objects.count() + 1}",
            summary="What every therapy shares.",
        )
    )
    for m, count in enumerate(lessons_per_module, 1):
        module = course.add_child(
            instance=ModulePage(title=f"Module {m}", summary=f"About part {m}.")
        )
        for n in range(1, count + 1):
            module.add_child(
                instance=LessonPage(
                    title=f"Lesson {m}.{n}",
                    estimated_minutes=minutes,
                    body=[
                        {"type": "text", "value": f"<p>Secret text of {m}.{n}.</p>"},
                        {
                            "type": "reflection",
                            "value": {"intro": "", "questions": ["What did you see?"]},
                        },
                    ],
                )
            )
    return course


def lessons_of(course) -> list[LessonPage]:
    return list(LessonPage.objects.live().descendant_of(course).order_by("path"))


@pytest.fixture
def course(library):
    return build_course(library[0])


def add_video(video_index, *, title="A talk", tags=(), days_ago=1, **fields):
    defaults = {
        "video_url": VIMEO,
        "duration_minutes": 30,
        "speaker": "Dr. Miriam Okafor",
        "description": "<p>A description for members.</p>",
        "recorded_on": date.today() - timedelta(days=days_ago),
    }
    video = video_index.add_child(
        instance=VideoPage(title=title, **{**defaults, **fields})
    )
    if tags:
        video.tags.set([Tag.objects.get_or_create(name=name)[0] for name in tags])
        video.save()
    return video


@pytest.fixture
def private_media(settings, tmp_path):
    """Uploads (public and private) into a temporary folder, for this test only."""
    default = settings.STORAGES["default"]
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = settings.SENDFILE_ROOT = tmp_path / "private"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            **default,
            "OPTIONS": {**default["OPTIONS"], "location": tmp_path / "private"},
        },
    }
