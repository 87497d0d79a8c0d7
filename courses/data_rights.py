"""The course's part of "download my data" and "delete my account": progress,
certificates and watched marks are the person's own, so they go with the account."""

from community.data_rights import register as register_part
from courses.selectors import course_export
from courses.services import courses_on_account_deleted


def register() -> None:
    register_part(
        models=["courses.LessonProgress", "courses.Certificate", "courses.VideoWatch"],
        export=course_export,
        erase=courses_on_account_deleted,
    )
