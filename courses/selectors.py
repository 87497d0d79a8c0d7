"""Reads for the course pages and the dashboard.

A course's outline is three queries whatever its size: its live modules, its live
lessons (in tree order) and the member's progress rows for those lessons.
Progress counts only lessons that are in the course now, so a lesson deleted or
moved away in the admin simply stops counting.
"""

from dataclasses import dataclass, field

from django.utils import timezone

from community import access
from courses.models import (
    Certificate,
    CourseIndexPage,
    CoursePage,
    LessonPage,
    LessonProgress,
    ModulePage,
    VideoWatch,
    format_hours,
)


@dataclass
class LessonEntry:
    lesson: LessonPage
    done: bool = False
    last_viewed_at: object = None


@dataclass
class ModuleEntry:
    module: ModulePage
    lessons: list[LessonEntry] = field(default_factory=list)

    @property
    def minutes(self) -> int:
        return sum(entry.lesson.estimated_minutes for entry in self.lessons)

    @property
    def done_count(self) -> int:
        return sum(entry.done for entry in self.lessons)


@dataclass
class CourseOutline:
    course: CoursePage
    modules: list[ModuleEntry]
    lessons: list[LessonEntry]
    certificate: Certificate | None = None

    @property
    def total_minutes(self) -> int:
        return sum(entry.lesson.estimated_minutes for entry in self.lessons)

    @property
    def hours(self):
        return format_hours(self.total_minutes)

    @property
    def done_count(self) -> int:
        return sum(entry.done for entry in self.lessons)

    @property
    def percent(self) -> int:
        if not self.lessons:
            return 0
        return round(100 * self.done_count / len(self.lessons))

    @property
    def is_complete(self) -> bool:
        return bool(self.lessons) and self.done_count == len(self.lessons)

    @property
    def started(self) -> bool:
        return any(entry.done or entry.last_viewed_at for entry in self.lessons)

    @property
    def resume(self) -> LessonPage | None:
        """The first lesson not yet done (the first lesson for a new member)."""
        for entry in self.lessons:
            if not entry.done:
                return entry.lesson
        return None

    @property
    def last_viewed(self) -> LessonPage | None:
        viewed = [entry for entry in self.lessons if entry.last_viewed_at]
        if not viewed:
            return None
        return max(viewed, key=lambda entry: entry.last_viewed_at).lesson

    def neighbours(self, lesson: LessonPage):
        """(previous, next) lessons around ``lesson`` in course order."""
        ids = [entry.lesson.pk for entry in self.lessons]
        if lesson.pk not in ids:
            return None, None
        position = ids.index(lesson.pk)
        previous = self.lessons[position - 1].lesson if position > 0 else None
        following = (
            self.lessons[position + 1].lesson if position + 1 < len(ids) else None
        )
        return previous, following


def _outlines(courses: list[CoursePage], *, user) -> list[CourseOutline]:
    """Outlines for several courses in three queries (four with certificates)."""
    if not courses:
        return []
    modules_q = ModulePage.objects.none()
    lessons_q = LessonPage.objects.none()
    for course in courses:
        modules_q |= ModulePage.objects.child_of(course)
        lessons_q |= LessonPage.objects.descendant_of(course)
    modules = list(modules_q.live().public().order_by("path"))
    lessons = list(lessons_q.live().public().order_by("path").defer_streamfields())
    progress = {}
    certificates = {}
    if access.has_member_access(user):
        progress = {
            row.lesson_id: row
            for row in LessonProgress.objects.filter(
                user=user, lesson__in=[lesson.pk for lesson in lessons]
            )
        }
    if user is not None and user.is_authenticated:
        # A certificate stays its owner's when the membership lapses.
        certificates = {
            cert.course_id: cert
            for cert in Certificate.objects.filter(
                user=user, course__in=[course.pk for course in courses if course.pk]
            )
        }

    # Tree paths: a page's parent path is its own path without the last step.
    # Lessons are in tree order, so each module's list comes out in order too.
    by_path = {module.path: ModuleEntry(module) for module in modules}
    for lesson in lessons:
        module_entry = by_path.get(lesson.path[: -lesson.steplen])
        if module_entry is not None:  # not under an unpublished module
            row = progress.get(lesson.pk)
            module_entry.lessons.append(
                LessonEntry(
                    lesson,
                    done=bool(row and row.completed_at),
                    last_viewed_at=row.last_viewed_at if row else None,
                )
            )
    outlines = []
    for course in courses:
        module_entries = [
            entry
            for path, entry in by_path.items()
            if path[: -course.steplen] == course.path
        ]
        flat = [entry for module in module_entries for entry in module.lessons]
        outlines.append(
            CourseOutline(
                course=course,
                modules=module_entries,
                lessons=flat,
                certificate=certificates.get(course.pk),
            )
        )
    return outlines


def course_outline(*, course: CoursePage, user) -> CourseOutline:
    return _outlines([course], user=user)[0]


def live_courses(*, index: CourseIndexPage | None = None) -> list[CoursePage]:
    courses = CoursePage.objects.live().public().order_by("path")
    if index is not None:
        courses = courses.child_of(index)
    return list(courses)


def course_outlines(*, index: CourseIndexPage, user) -> list[CourseOutline]:
    return _outlines(live_courses(index=index), user=user)


def dashboard_courses(*, user) -> list[CourseOutline]:
    """The courses a member has started, or every course if none is started yet."""
    outlines = _outlines(live_courses(), user=user)
    started = [outline for outline in outlines if outline.started]
    return started or outlines


def lesson_context(*, lesson: LessonPage, user) -> dict:
    course = CoursePage.objects.ancestor_of(lesson).first()
    if course is None:
        return {"outline": None}
    outline = course_outline(course=course, user=user)
    previous, following = outline.neighbours(lesson)
    done = any(entry.done for entry in outline.lessons if entry.lesson.pk == lesson.pk)
    module = next(
        (
            entry.module
            for entry in outline.modules
            if lesson.path.startswith(entry.module.path)
        ),
        None,
    )
    return {
        "outline": outline,
        "course": course,
        "module": module,
        "previous_lesson": previous,
        "next_lesson": following,
        "lesson_done": done,
    }


def certificate_for_owner(*, code: str, user) -> Certificate | None:
    return Certificate.objects.filter(code=code, user=user).first()


def course_export(*, user) -> tuple[str, dict]:
    """A member's course progress and certificates, for "download my data"."""
    progress = LessonProgress.objects.filter(user=user).order_by("pk")
    certificates = Certificate.objects.filter(user=user).order_by("issued_at")
    watches = (
        VideoWatch.objects.filter(user=user)
        .select_related("video")
        .order_by("watched_at")
    )

    def iso(value):
        return timezone.localtime(value).isoformat() if value else None

    return "course", {
        "lessons": [
            {
                "lesson": row.lesson_title,
                "last_viewed": iso(row.last_viewed_at),
                "completed": iso(row.completed_at),
            }
            for row in progress
        ],
        "certificates": [
            {
                "code": cert.code,
                "course": cert.course_title,
                "hours": str(cert.hours),
                "completed_on": cert.completed_on.isoformat(),
                "name": cert.recipient_name,
            }
            for cert in certificates
        ],
        "videos_watched": [
            {"video": watch.video.title, "watched": iso(watch.watched_at)}
            for watch in watches
        ],
    }
