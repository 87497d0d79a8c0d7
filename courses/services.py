"""Writes about a member's way through a course and the library: views,
completion, certificates and watched videos."""

from django.db import IntegrityError, transaction
from django.utils import timezone

from courses.models import (
    Certificate,
    CoursePage,
    LessonPage,
    LessonProgress,
    VideoPage,
    VideoWatch,
)
from courses.selectors import course_outline


def _progress_row(*, user, lesson: LessonPage) -> LessonProgress:
    """The member's row for this lesson, created once even under concurrent requests."""
    row = LessonProgress.objects.filter(user=user, lesson=lesson).first()
    if row is not None:
        return row
    try:
        with transaction.atomic():
            return LessonProgress.objects.create(
                user=user, lesson=lesson, lesson_title=lesson.title
            )
    except IntegrityError:
        return LessonProgress.objects.get(user=user, lesson=lesson)


def lesson_viewed(*, user, lesson: LessonPage, now=None) -> None:
    """Remember where the member is, for "continue where you stopped"."""
    now = now or timezone.now()
    updated = LessonProgress.objects.filter(user=user, lesson=lesson).update(
        last_viewed_at=now, lesson_title=lesson.title
    )
    if not updated:
        row = _progress_row(user=user, lesson=lesson)
        row.last_viewed_at = now
        row.save(update_fields=["last_viewed_at"])


@transaction.atomic
def lesson_mark_complete(*, user, lesson: LessonPage, now=None) -> Certificate | None:
    """Mark a lesson done; when it was the course's last one, issue the certificate.

    Marking a done lesson again changes nothing (its first completion time stays).
    Returns the certificate when this completion finished the course.
    """
    now = now or timezone.now()
    row = _progress_row(user=user, lesson=lesson)
    if row.completed_at is None:
        row.completed_at = now
        row.lesson_title = lesson.title
        row.save(update_fields=["completed_at", "lesson_title"])
    course = CoursePage.objects.ancestor_of(lesson).first()
    if course is None:
        return None
    outline = course_outline(course=course, user=user)
    if outline.is_complete:
        return certificate_issue(
            user=user, course=course, minutes=outline.total_minutes
        )
    return None


@transaction.atomic
def lesson_mark_incomplete(*, user, lesson: LessonPage) -> None:
    """Undo a completion. A certificate already issued stays valid."""
    LessonProgress.objects.filter(user=user, lesson=lesson).update(completed_at=None)


def certificate_issue(*, user, course: CoursePage, minutes: int) -> Certificate:
    """The member's certificate for ``course``, issued once.

    The name, title, hours and date are copied onto it: a later change to the
    course (a lesson added or renamed) does not change what was certified.
    """
    existing = Certificate.objects.filter(user=user, course=course).first()
    if existing is not None:
        return existing
    certificate = Certificate(
        user=user,
        course=course,
        recipient_name=(user.get_full_name() or user.get_display_name())[:255],
        course_title=course.title,
        minutes=minutes,
        completed_on=timezone.localdate(),
    )
    certificate.full_clean()
    try:
        with transaction.atomic():
            certificate.save()
    except IntegrityError:
        return Certificate.objects.get(user=user, course=course)
    return certificate


def video_mark_watched(*, user, video: VideoPage, now=None) -> VideoWatch:
    """Mark a video watched, once: the player's "ended" and the button may both
    post, and the first time is the one kept."""
    watch, _created = VideoWatch.objects.get_or_create(
        user=user, video=video, defaults={"watched_at": now or timezone.now()}
    )
    return watch


def video_mark_unwatched(*, user, video: VideoPage) -> None:
    VideoWatch.objects.filter(user=user, video=video).delete()


def courses_on_account_deleted(*, user) -> None:
    """A deleted account leaves no progress, no certificate and no watched mark
    in its name."""
    LessonProgress.objects.filter(user=user).delete()
    Certificate.objects.filter(user=user).delete()
    VideoWatch.objects.filter(user=user).delete()
