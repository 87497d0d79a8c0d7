"""The director builds a course and a video with Wagtail's own admin forms."""

import pytest
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from courses.models import CoursePage, LessonPage, ModulePage, VideoPage

pytestmark = pytest.mark.django_db


def list_block(items):
    """Form data for a ListBlock (Wagtail's helpers cover StreamBlocks only)."""
    data = {
        str(i): {"value": item, "deleted": "", "order": str(i), "id": ""}
        for i, item in enumerate(items)
    }
    return {**data, "count": str(len(items))}


def add_page(client, model, parent, fields):
    url = f"/cms/pages/add/courses/{model.__name__.lower()}/{parent.pk}/"
    assert client.get(url).status_code == 200
    data = nested_form_data({**fields, "action-publish": "action-publish"})
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    return model.objects.get(slug=fields["slug"])


def test_director_creates_a_course_module_and_lesson(client, director, library):
    client.force_login(director)
    course = add_page(client, CoursePage, library[0], {
        "title": "Working with shame", "slug": "shame",
        "summary": "A short course on shame in the room.",
        "intro": rich_text("<p>Why shame hides.</p>"),
    })  # fmt: skip
    module = add_page(client, ModulePage, course, {
        "title": "Noticing", "slug": "noticing", "summary": "First signs.",
    })  # fmt: skip
    lesson = add_page(client, LessonPage, module, {
        "title": "The lowered gaze", "slug": "gaze", "estimated_minutes": "25",
        "body": streamfield([
            ("text", rich_text("<p>Watch the eyes.</p>")),
            ("video", {"url": "https://media.example.org/offline", "caption": "Demo"}),
            ("callout", {"kind": "tip", "title": "Go slowly",
                         "text": rich_text("<p>Slow down.</p>")}),
            ("reflection", {"intro": "Think of a client.",
                            "questions": list_block(["What did you notice?"])}),
        ]),
    })  # fmt: skip
    assert lesson.live and lesson.get_parent().specific == module
    assert [block.block_type for block in lesson.body] == [
        "text",
        "video",
        "callout",
        "reflection",
    ]
    assert list(lesson.body[3].value["questions"]) == ["What did you notice?"]
    client.logout()
    text = client.get(course.url).content.decode()
    assert "The lowered gaze" in text and "about 0.4 hours" in text


def test_the_director_creates_a_video_offline(client, director, library):
    """Saving a video address never depends on reaching the provider."""
    client.force_login(director)
    video = add_page(client, VideoPage, library[1], {
        "title": "Supervision skills", "slug": "supervision",
        "video_url": "https://media.example.org/not-reachable",
        "description": rich_text("<p>A talk.</p>"), "speaker": "Guest",
        "duration_minutes": "12", "recorded_on": "2026-10-01",
        "tags": "ethics, supervision skills", "session": "",
    })  # fmt: skip
    assert sorted(video.tags.names()) == ["ethics", "supervision skills"]


def test_a_lesson_with_bad_input_is_refused_with_a_message(client, director, library):
    from tests.courses.conftest import build_course

    module = build_course(library[0], lessons_per_module=(1,)).get_children().first()
    client.force_login(director)
    url = f"/cms/pages/add/courses/lessonpage/{module.pk}/"
    data = nested_form_data({
        "title": "No minutes", "slug": "no-minutes", "estimated_minutes": "0",
        "body": streamfield([]), "action-publish": "action-publish",
    })  # fmt: skip
    response = client.post(url, data)
    assert response.status_code == 200
    assert "estimated_minutes" in response.context["form"].errors
    assert not LessonPage.objects.filter(slug="no-minutes").exists()


def test_members_cannot_open_the_page_editor(client, member, library):
    client.force_login(member)
    response = client.get(f"/cms/pages/add/courses/coursepage/{library[0].pk}/")
    assert response.status_code in (302, 403)
    assert not CoursePage.objects.exists()


def test_previewing_a_new_lesson_records_no_progress(client, director, library):
    from courses.models import LessonProgress
    from tests.courses.conftest import build_course

    module = build_course(library[0], lessons_per_module=(1,)).get_children().first()
    client.force_login(director)
    url = f"/cms/pages/add/courses/lessonpage/{module.pk}/preview/"
    data = nested_form_data({
        "title": "Draft", "slug": "draft", "estimated_minutes": "10",
        "body": streamfield([("text", rich_text("<p>Draft text.</p>"))]),
    })  # fmt: skip
    assert client.post(url, data).json()["is_valid"]
    response = client.get(url)
    assert response.status_code == 200
    assert "Draft text." in response.content.decode()
    assert not LessonProgress.objects.exists()


@pytest.mark.parametrize(
    ("model", "fields"),
    [
        ("coursepage", {"summary": "S", "intro": rich_text("<p>I</p>")}),
        ("videopage", {"video_url": "https://vimeo.com/76979871",
                       "description": rich_text("<p>D</p>"), "speaker": "",
                       "duration_minutes": "5", "recorded_on": "2026-10-01",
                       "tags": "", "session": ""}),
    ],
)  # fmt: skip
def test_previewing_new_course_and_video_pages_works(
    client, director, library, model, fields
):
    parent = library[0] if model == "coursepage" else library[1]
    client.force_login(director)
    url = f"/cms/pages/add/courses/{model}/{parent.pk}/preview/"
    data = nested_form_data({"title": "Preview me", "slug": "preview-me", **fields})
    assert client.post(url, data).json()["is_valid"]
    response = client.get(url)
    assert response.status_code == 200
    assert "Preview me" in response.content.decode()
