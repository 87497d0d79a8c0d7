"""Demo course and video library, and some progress for the demo members.

Idempotent: pages are found again by slug and updated, uploads by title, progress
is set, not added. A few library videos are uploads (small files made for the
demo, in courses/demo/media/), so that the player, a start time and "watch from
minute N" work offline; each session recording is paired with the past session
its file names, and that session's recording link points at the library page.
The other videos point at addresses no provider answers for, so offline they show
the link card that a real site shows when a player cannot be fetched. The texts
are data in courses/demo/, read by courses.demo_data; this module makes the pages.
"""

from datetime import date, timedelta
from pathlib import Path

from django.core.files import File
from django.db import transaction
from django.utils import timezone
from taggit.models import Tag
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from community.models import User
from courses.demo_data import load_course, load_index_intros, load_videos
from courses.models import (
    CoursePage,
    LessonPage,
    LessonProgress,
    ModulePage,
    VideoPage,
)
from courses.services import lesson_mark_complete
from courses.setup import ensure_library_pages
from sessions.models import CoachingSession

# Demo members' progress: lessons done, in course order.
PROGRESS = {"dana@example.com": 7, "tomas@example.com": 2}
FINISHED = ["priya@example.com"]


def _child(parent, model, slug: str, **fields):
    page = model.objects.child_of(parent).filter(slug=slug).first()
    if page is None:
        page = parent.add_child(instance=model(slug=slug, **fields))
    else:
        for name, value in fields.items():
            setattr(page, name, value)
    page.save_revision().publish()
    return page


def _stream(blocks) -> list[dict]:
    return [{"type": kind, "value": value} for kind, value in blocks]


def seed_course(course_index) -> CoursePage:
    data = load_course()
    course = _child(
        course_index,
        CoursePage,
        data["slug"],
        title=data["title"],
        summary=data["summary"],
        intro=data["intro"],
    )
    for module_data in data["modules"]:
        module = _child(
            course,
            ModulePage,
            module_data["slug"],
            title=module_data["title"],
            summary=module_data["summary"],
        )
        for lesson_data in module_data["lessons"]:
            _child(
                module,
                LessonPage,
                lesson_data["slug"],
                title=lesson_data["title"],
                estimated_minutes=lesson_data["minutes"],
                body=_stream(lesson_data["blocks"]),
            )
    return course


def _upload(model, path: Path):
    """The demo's upload of a file (a Wagtail document or image), made once and
    found again by its title; made again if its file has gone from storage."""
    title = f"Demo: {path.name}"
    item = model.objects.filter(title=title).first()
    if item is not None and item.file and item.file.storage.exists(item.file.name):
        return item
    item = item or model(title=title)
    with path.open("rb") as handle:
        item.file.save(path.name, File(handle), save=False)
    for metadata in ("_set_document_file_metadata", "_set_image_file_metadata"):
        if hasattr(item, metadata):
            getattr(item, metadata)()
    item.save()
    return item


def _recorded_session(title: str):
    if not title:
        return None
    return (
        CoachingSession.objects.filter(title=title, status=CoachingSession.Status.DONE)
        .order_by("-starts_at")
        .first()
    )


def seed_videos(video_index) -> None:
    for data in load_videos():
        session = _recorded_session(data["session"])
        recorded_on = (
            timezone.localdate(session.starts_at)
            if session
            else date.fromisoformat(data["recorded_on"])
        )
        upload, poster = data["upload"], data["poster"]
        video = _child(
            video_index,
            VideoPage,
            data["slug"],
            title=data["title"],
            speaker=data["speaker"],
            duration_minutes=data["minutes"],
            recorded_on=recorded_on,
            description=data["description"],
            video_url=data["video_url"],
            media=_upload(get_document_model(), upload) if upload else None,
            poster=_upload(get_image_model(), poster) if poster else None,
            session=session,
        )
        tags = [Tag.objects.get_or_create(name=name)[0] for name in data["tags"]]
        video.tags.set(tags)
        video.save_revision().publish()
        if session is not None:
            # The recording is the library's page: no link to a host that is not there.
            CoachingSession.objects.filter(pk=session.pk).update(
                recording_url=video.get_full_url() or session.recording_url
            )


def seed_progress(course: CoursePage) -> None:
    lessons = list(LessonPage.objects.live().descendant_of(course).order_by("path"))
    now = timezone.now()
    wanted = {**PROGRESS, **{email: len(lessons) for email in FINISHED}}
    for email, done in wanted.items():
        user = User.objects.filter(email=email).first()
        if user is None:
            continue
        LessonProgress.objects.filter(user=user, lesson__in=lessons).delete()
        for position, lesson in enumerate(lessons[:done]):
            moment = now - timedelta(days=len(lessons) - position)
            lesson_mark_complete(user=user, lesson=lesson, now=moment)
            LessonProgress.objects.filter(user=user, lesson=lesson).update(
                last_viewed_at=moment
            )


@transaction.atomic
def seed_courses() -> None:
    course_index, video_index = ensure_library_pages()
    intros = load_index_intros()
    course_index.intro = intros["course_index"]
    course_index.save_revision().publish()
    video_index.intro = intros["video_index"]
    video_index.save_revision().publish()
    course = seed_course(course_index)
    seed_videos(video_index)
    seed_progress(course)
