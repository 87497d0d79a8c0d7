"""In the CMS, a course's modules and a module's lessons list in course order
(the page tree, which the director reorders), not by last edit or by title."""

import pytest

from courses.models import CoursePage, LessonPage, ModulePage

pytestmark = pytest.mark.django_db

# Tree order, alphabetical order and edit order all differ.
TITLES = ["Zebra steps", "Apple basics", "Mango middle"]


def listed(client, parent, pages, **params) -> list[str]:
    """The titles of ``pages`` in the order the CMS lists ``parent``'s children."""
    response = client.get(f"/cms/pages/{parent.pk}/", params)
    assert response.status_code == 200
    text = response.content.decode()
    positions = {
        page.title: text.index(f"/cms/pages/{page.pk}/edit/") for page in pages
    }
    return sorted(positions, key=positions.get)


def children_edited_in_tree_order(parent, model, **fields) -> list:
    pages = [parent.add_child(instance=model(title=t, **fields)) for t in TITLES]
    for page in pages:  # so the newest edit is the last child
        page.save_revision().publish()
    return pages


@pytest.fixture
def course(library):
    return library[0].add_child(
        instance=CoursePage(title="A course", summary="What every therapy shares.")
    )


def test_modules_list_in_course_order(client, director, course):
    modules = children_edited_in_tree_order(course, ModulePage)
    client.force_login(director)
    assert listed(client, course, modules) == TITLES


def test_lessons_list_in_course_order(client, director, course):
    module = course.add_child(instance=ModulePage(title="Module"))
    lessons = children_edited_in_tree_order(module, LessonPage, estimated_minutes=10)
    client.force_login(director)
    assert listed(client, module, lessons) == TITLES


def test_courses_list_in_the_order_the_site_shows_them(client, director, library):
    courses = children_edited_in_tree_order(library[0], CoursePage, summary="S.")
    client.force_login(director)
    assert listed(client, library[0], courses) == TITLES


def test_moving_a_module_moves_it_in_the_listing(client, director, course):
    zebra, apple, mango = children_edited_in_tree_order(course, ModulePage)
    mango.move(zebra, pos="left")
    client.force_login(director)
    assert listed(client, course, [zebra, apple, mango]) == [
        "Mango middle",
        "Zebra steps",
        "Apple basics",
    ]


def test_the_director_can_still_sort_by_title(client, director, course):
    modules = children_edited_in_tree_order(course, ModulePage)
    client.force_login(director)
    assert listed(client, course, modules, ordering="title") == sorted(TITLES)


def test_members_cannot_open_the_cms_listing(client, member, course):
    client.force_login(member)
    response = client.get(f"/cms/pages/{course.pk}/")
    assert response.status_code in (302, 403)
    assert "Zebra" not in response.content.decode()
