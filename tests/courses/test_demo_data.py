"""The demo course's data files: every one reads, and no lesson or video is empty."""

from courses.blocks import LessonBodyBlock
from courses.demo_data import DEMO_DIR, load_course, load_index_intros, load_videos


def test_every_demo_file_is_read_and_no_lesson_lacks_a_title_or_body():
    course = load_course()
    lessons = [lesson for module in course["modules"] for lesson in module["lessons"]]
    videos = load_videos()

    lesson_files = sorted(DEMO_DIR.glob("course/*/*.md"))
    assert len(lessons) == len(lesson_files)
    assert len(course["modules"]) == len(list(DEMO_DIR.glob("course/*/module.yaml")))
    assert len(videos) == len(list(DEMO_DIR.glob("videos/*.md")))
    assert course["title"] and course["intro"].startswith("<p>")
    assert all(load_index_intros().values())

    block_types = set(LessonBodyBlock().child_blocks)
    for lesson in lessons:
        assert lesson["title"] and lesson["minutes"] > 0, lesson["slug"]
        assert lesson["blocks"], lesson["slug"]
        assert {kind for kind, _ in lesson["blocks"]} <= block_types, lesson["slug"]
        assert all(value for _, value in lesson["blocks"]), lesson["slug"]
    for video in videos:
        assert video["title"] and video["description"] and video["tags"], video["slug"]
    slugs = [lesson["slug"] for lesson in lessons] + [video["slug"] for video in videos]
    assert len(slugs) == len(set(slugs))
