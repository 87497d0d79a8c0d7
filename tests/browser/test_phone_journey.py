"""On a phone-sized screen the navigation works and nothing overflows sideways."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import check_accessibility
from tests.community import factories
from tests.courses.conftest import add_video, build_course, lessons_of

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 375, "height": 740}


def assert_no_sideways_scroll(page, label):
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"{label} is {overflow}px wider than the screen"


@pytest.fixture
def phone(page):
    page.set_viewport_size(PHONE)
    return page


def test_visitor_reads_the_landing_page_on_a_phone(phone, home_page):
    phone.goto("/")
    assert_no_sideways_scroll(phone, "landing page")
    nav = phone.get_by_role("navigation", name="Main")
    menu = phone.get_by_text("Menu", exact=True)  # the header's links fold behind it
    menu.click()
    nav.get_by_role("link", name="FAQ").click()
    expect(phone).to_have_url(re.compile("#faq$"))
    expect(phone.get_by_role("heading", name="Questions")).to_be_in_viewport()
    check_accessibility(phone, "landing page (visitor, phone)")
    menu.click()
    phone.get_by_role("link", name="Sign in", exact=True).click()
    # Measure the sign-in page only once it has loaded, not mid-navigation.
    expect(phone).to_have_url(re.compile("/accounts/login/"))
    expect(phone.get_by_role("heading", level=1)).to_be_visible()
    assert_no_sideways_scroll(phone, "sign-in page")
    check_accessibility(phone, "sign in (visitor, phone)")


def test_member_moves_through_every_area_on_a_phone(phone, sign_in, library):
    course = build_course(library[0], lessons_per_module=(2,))
    add_video(library[1], title="A long title for a talk about ruptures and repair")
    sign_in(factories.member())
    phone.goto("/")
    assert_no_sideways_scroll(phone, "dashboard")
    nav = phone.get_by_role("navigation", name="Main")
    menu = phone.get_by_text("Menu", exact=True)  # the header's links fold behind it
    for name, heading in [
        ("Forum", "Forum"),
        ("Sessions", "Coaching sessions"),
        ("Course", "Course"),
        ("Videos", "Video library"),
        ("Account", "Profile"),
        ("Dashboard", re.compile("^Welcome back")),
    ]:
        menu.click()
        nav.get_by_role("link", name=name, exact=True).click()
        expect(phone.get_by_role("heading", level=1)).to_have_text(heading)
        menu.click()
        expect(nav.get_by_role("link", name=name, exact=True)).to_have_attribute(
            "aria-current", "page"
        )
        assert_no_sideways_scroll(phone, name)
        check_accessibility(phone, f"{name.lower()} (member, phone)")
        menu.click()
    for url in (course.url, lessons_of(course)[0].url):
        phone.goto(url)
        assert_no_sideways_scroll(phone, url)
    # The keyboard reaches the navigation first, after the skip link.
    phone.keyboard.press("Tab")
    expect(phone.get_by_role("link", name="Skip to main content")).to_be_focused()
