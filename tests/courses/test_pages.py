"""Who sees what in the course and the video library, page type by page type."""

import pytest
from django.core.files.base import ContentFile
from wagtail.documents.models import Document

from tests.conftest import ROLES
from tests.courses.conftest import add_video, lessons_of

pytestmark = pytest.mark.django_db
NO_ACCESS = ["visitor", "signed_up", "lapsed"]
WITH_ACCESS = ["member", "director", "site_admin"]


@pytest.mark.parametrize("role", ROLES)
def test_course_outline_is_a_public_teaser(as_role, role, course):
    client, _user = as_role(role)
    response = client.get(course.url)
    assert response.status_code == 200
    text = response.content.decode()
    assert course.title in text and "Lesson 2.2" in text
    assert "Secret text" not in text
    if role in NO_ACCESS:
        assert "Join" in text
        assert f'href="{lessons_of(course)[0].url}"' not in text
        assert "Your progress" not in text
    else:
        assert f'href="{lessons_of(course)[0].url}"' in text
        assert "Your progress" in text


@pytest.mark.parametrize("role", NO_ACCESS)
def test_lessons_are_refused_without_member_access(as_role, role, course):
    client, _user = as_role(role)
    lesson = lessons_of(course)[0]
    response = client.get(lesson.url)
    assert response.status_code == 302
    expected = "/accounts/login/" if role == "visitor" else "/join/"
    assert response["Location"].startswith(expected)
    assert "Secret text" not in client.get(lesson.url, follow=True).content.decode()


@pytest.mark.parametrize("role", WITH_ACCESS)
def test_members_read_lessons(as_role, role, course):
    client, _user = as_role(role)
    response = client.get(lessons_of(course)[0].url)
    assert response.status_code == 200
    assert "Secret text of 1.1" in response.content.decode()


def test_module_page_leads_to_its_place_in_the_outline(client, course):
    module = course.get_children().first()
    response = client.get(module.url)
    assert response.status_code == 302
    assert response["Location"] == f"{course.url}#module-{module.slug}"


@pytest.mark.parametrize("role", ROLES)
def test_video_index_shows_titles_to_all_and_the_rest_to_members(
    as_role, role, library
):
    video = add_video(
        library[1], title="Ruptures in the first month", tags=["ruptures"]
    )
    client, _user = as_role(role)
    response = client.get(library[1].url)
    assert response.status_code == 200
    text = response.content.decode()
    assert video.title in text
    if role in NO_ACCESS:
        assert f'href="{video.url}"' not in text
        assert 'name="q"' not in text
        assert "Join" in text
    else:
        assert f'href="{video.url}"' in text
        assert 'name="q"' in text


@pytest.mark.parametrize("role", NO_ACCESS)
def test_video_pages_and_search_are_refused_without_access(as_role, role, library):
    add_video(library[1], title="Shame and silence", description="<p>zebra</p>")
    add_video(library[1], title="Other", description="<p>other</p>")
    client, _user = as_role(role)
    video = library[1].get_children().first()
    assert client.get(video.url).status_code == 302
    # A search by a non-member is ignored: no description can be probed.
    text = client.get(library[1].url, {"q": "zebra"}).content.decode()
    assert "2 videos" in text


@pytest.mark.parametrize("role", WITH_ACCESS)
def test_members_watch_videos(as_role, role, library):
    video = add_video(library[1], title="The alliance")
    client, _user = as_role(role)
    response = client.get(video.url)
    assert response.status_code == 200
    assert "player.vimeo.com/video/76979871" in response.content.decode()


def test_unpublished_lesson_is_not_found_even_for_members(client, member, course):
    lesson = lessons_of(course)[0]
    url = lesson.url
    lesson.unpublish()
    client.force_login(member)
    response = client.get(url)
    assert response.status_code == 404
    assert "not found" in response.content.decode().lower()


def test_unpublished_lessons_leave_the_outline_and_the_hours(client, member, course):
    client.force_login(member)
    assert "about 2.0 hours" in client.get(course.url).content.decode()
    lessons_of(course)[0].unpublish()
    text = client.get(course.url).content.decode()
    assert "Lesson 1.1" not in text
    assert "about 1.5 hours" in text


def test_course_hours_are_the_sum_of_its_lessons(client, library):
    from tests.courses.conftest import build_course

    course = build_course(library[0], lessons_per_module=(3, 1, 2), minutes=25)
    text = client.get(course.url).content.decode()
    assert "6 lessons" in text
    assert "about 2.5 hours in all" in text  # 150 minutes


@pytest.mark.parametrize("role", ROLES)
def test_documents_are_downloaded_by_members_only(as_role, role):
    document = Document(title="Formulation worksheet")
    document.file.save("worksheet.txt", ContentFile(b"worksheet"), save=True)
    client, _user = as_role(role)
    response = client.get(document.url)
    if role in NO_ACCESS:
        assert response.status_code == 302
    else:
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == b"worksheet"
