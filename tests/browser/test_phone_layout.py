"""At 390 px the header is one row with a "Menu" button, the forum sidebar is
folded so the page starts near the top, and checkboxes sit beside their labels;
at 1280 px the links show without a button; without JavaScript the menu still
opens. Nothing scrolls sideways; axe finds nothing serious."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.conftest import check_accessibility, session_cookie
from tests.community import factories

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 390, "height": 844}
TABLET = {"width": 900, "height": 1000}
DESKTOP = {"width": 1280, "height": 900}
# The checkbox's box and its label's first line box, in one go.
MEASURE_BOX_AND_LABEL = """id => [
    document.getElementById(id), document.querySelector(`label[for="${id}"]`),
].map(e => {
    const r = e.getClientRects()[0];
    return {x: r.x, y: r.y, width: r.width, height: r.height};
})"""


def sideways_overflow(page) -> int:
    return page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )


def menu_button(page):
    return page.locator("summary.site-menu__toggle")


def main_nav(page):
    return page.get_by_role("navigation", name="Main")


def assert_beside_its_label(page, input_id: str) -> None:
    """The box is left of its label, level with the label's first line. Both
    are measured at once: the page may still be scrolling to a field."""
    box, label = page.evaluate(MEASURE_BOX_AND_LABEL, input_id)
    middle = box["y"] + box["height"] / 2
    assert label["y"] <= middle <= label["y"] + label["height"], (input_id, box, label)
    assert box["x"] + box["width"] <= label["x"], (input_id, box, label)


def test_the_phone_header_is_one_row_and_its_menu_opens(page, live_server, db):
    from machina.apps.forum.models import Forum

    page.set_viewport_size(PHONE)
    page.context.add_cookies([session_cookie(factories.member(), live_server)])
    page.goto("/forum/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    header = page.locator(".site-header").bounding_box()
    assert header["height"] < 80, header
    expect(menu_button(page)).to_be_visible()
    expect(main_nav(page).get_by_role("link", name="Sessions")).to_be_hidden()
    # The forum's sidebar is folded: the page's heading starts near the top.
    expect(page.get_by_role("link", name="Unread topics", exact=True)).to_be_hidden()
    assert page.get_by_role("heading", level=1).bounding_box()["y"] < 260
    assert sideways_overflow(page) <= 0
    check_accessibility(page, "forum index, menu closed (member, phone)")

    page.get_by_text("Forum menu and search").click()
    expect(page.get_by_role("link", name="Unread topics", exact=True)).to_be_visible()
    expect(page.get_by_role("searchbox", name="Search the forum")).to_be_visible()
    check_accessibility(page, "forum index, sidebar open (member, phone)")

    # The menu opens over the page, below the header.
    menu_button(page).click()
    sessions = main_nav(page).get_by_role("link", name="Sessions")
    expect(sessions).to_be_visible()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()
    assert sessions.bounding_box()["y"] >= header["height"] - 1
    assert sideways_overflow(page) <= 0
    check_accessibility(page, "forum index, menu open (member, phone)")

    sessions.focus()
    page.keyboard.press("Escape")  # folds the menu, focus back on its button
    expect(sessions).to_be_hidden()
    expect(menu_button(page)).to_be_focused()
    menu_button(page).click()

    sessions.click()
    expect(page).to_have_url(re.compile("/sessions/$"))
    expect(menu_button(page)).to_be_visible()
    assert Forum.objects.exists()


def test_a_wide_screen_shows_the_links_without_a_button(page, live_server, db):
    page.set_viewport_size(DESKTOP)
    page.context.add_cookies([session_cookie(factories.member(), live_server)])
    page.goto("/forum/")
    expect(main_nav(page).get_by_role("link", name="Sessions")).to_be_visible()
    expect(menu_button(page)).to_be_hidden()
    expect(page.get_by_role("link", name="Unread topics", exact=True)).to_be_visible()
    expect(page.get_by_text("Forum menu and search")).to_be_hidden()
    header = page.locator(".site-header").bounding_box()
    assert header["height"] < 80, header
    # On a tablet the header's links fold (they would take three rows), the
    # forum's sidebar stays open.
    page.set_viewport_size(TABLET)
    expect(menu_button(page)).to_be_visible()
    expect(main_nav(page).get_by_role("link", name="Sessions")).to_be_hidden()
    expect(page.get_by_role("link", name="Unread topics", exact=True)).to_be_visible()
    assert page.locator(".site-header").bounding_box()["height"] < 80
    # Narrowing the window folds them both.
    page.set_viewport_size(PHONE)
    expect(main_nav(page).get_by_role("link", name="Sessions")).to_be_hidden()
    expect(page.get_by_role("link", name="Unread topics", exact=True)).to_be_hidden()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_without_javascript_every_link_is_reachable(browser, live_server, db, viewport):
    context = browser.new_context(
        base_url=live_server.url, viewport=viewport, java_script_enabled=False
    )
    try:
        page = context.new_page()
        page.set_default_timeout(10_000)
        context.add_cookies([session_cookie(factories.member(), live_server)])
        page.goto("/forum/")
        if viewport is PHONE:
            page.get_by_text("Forum menu and search").click()
            menu_button(page).click()
        expect(main_nav(page).get_by_role("link", name="Sessions")).to_be_visible()
        expect(page.get_by_role("button", name="Sign out")).to_be_visible()
        expect(
            page.get_by_role("link", name="Unread topics", exact=True)
        ).to_be_visible()
        main_nav(page).get_by_role("link", name="Videos").click()
        expect(page).to_have_url(re.compile("/videos/"))
    finally:
        context.close()


def test_a_visitor_reaches_sign_in_through_the_menu(page, live_server, home_page):
    page.set_viewport_size(PHONE)
    page.goto("/")
    expect(page.get_by_role("link", name="Sign in", exact=True)).to_be_hidden()
    menu_button(page).click()
    page.get_by_role("link", name="Sign in", exact=True).click()
    expect(page).to_have_url(re.compile("/accounts/login/"))
    assert sideways_overflow(page) <= 0


def test_checkboxes_sit_beside_their_labels(page, live_server, db):
    from sessions.models import CoachingSession

    starts = timezone.now() + timedelta(days=7)
    session = CoachingSession.objects.create(
        title="Group coaching session",
        starts_at=starts,
        questions_close_at=starts - timedelta(hours=48),
        meeting_url="https://meet.example.org/coaching",
        duration_minutes=90,
    )
    page.set_viewport_size(PHONE)
    page.context.add_cookies([session_cookie(factories.member(), live_server)])

    page.goto("/account/notifications/")
    boxes = page.locator("main input[type=checkbox]")
    expect(boxes.first).to_be_visible()
    ids = boxes.evaluate_all("els => els.map(e => e.id)")
    assert len(ids) >= 3
    for input_id in ids:
        assert_beside_its_label(page, input_id)
    assert sideways_overflow(page) <= 0
    check_accessibility(page, "email settings (member, phone)")

    page.goto(f"/sessions/{session.pk}/")
    assert_beside_its_label(page, "id_hide_name")
    page.get_by_label(re.compile(r"^Title:?$")).fill("Working with Maria")
    page.get_by_label(re.compile(r"^Question:?$")).fill(
        "My client Maria first came in on 12 March 2023 and cancels often."
    )
    page.get_by_role("button", name="Send my question").click()
    confirm = page.get_by_label(re.compile("^I confirm this is de-identified"))
    expect(confirm).to_be_visible()
    assert_beside_its_label(page, "id_privacy_confirmed")
    assert_beside_its_label(page, "id_hide_name")
    assert sideways_overflow(page) <= 0
    check_accessibility(page, "question with the privacy check (member, phone)")


def test_the_search_page_and_its_filters_on_a_phone(page, live_server, db):
    page.set_viewport_size(PHONE)
    page.context.add_cookies([session_cookie(factories.member(), live_server)])
    page.goto("/forum/search/?q=grief&until=not-a-date")
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    assert page.get_by_role("search").count() == 1
    assert sideways_overflow(page) <= 0
    check_accessibility(page, "forum search, a bad date (member, phone)")
    page.get_by_label(re.compile(r"^Search in:?$")).select_option(
        label="Case discussions"
    )
    page.get_by_label(re.compile(r"^Posted until:?$")).fill("2026-06-30")
    page.get_by_role("button", name="Search", exact=True).click()
    expect(page.get_by_role("status")).to_contain_text("results for “grief”")
    assert "forum=" in page.url and "until=2026-06-30" in page.url
    check_accessibility(page, "forum search, filtered (member, phone)")


def test_a_table_with_hidden_cell_text_does_not_widen_the_phone_page(page, live_server):
    """The licences table scrolls in its own box; its visually hidden link text
    (position: absolute) once made the whole page 136 px too wide."""
    from tests.directory.factories import licence

    member = factories.member()
    licence(member, verified=False, days=20, number="LMFT 1234567890")
    licence(member, days=300, number="LPC 99887766554433")
    page.set_viewport_size(PHONE)
    page.context.add_cookies([session_cookie(member, live_server)])
    page.goto("/account/licences/")
    expect(page.get_by_role("table")).to_be_visible()
    assert sideways_overflow(page) == 0
    check_accessibility(page, "licences (phone)")
