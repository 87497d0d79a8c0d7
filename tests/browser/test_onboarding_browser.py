"""A new member's "Start here" card in the browser: it passes axe, and hiding it
works with htmx (the card goes in place) and without JavaScript (a plain post)."""

import re

import pytest
from playwright.sync_api import expect

from community.models import User
from tests.browser.conftest import check_accessibility, session_cookie
from tests.community import factories

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_new_member_hides_the_start_here_card(page, sign_in, home_page):
    member = sign_in(factories.member(user__time_zone="UTC"))
    page.goto("/")
    card = page.get_by_role("region", name="Start here")
    expect(card).to_contain_text("0 of")
    expect(card.get_by_role("link", name="Complete your profile")).to_be_visible()
    check_accessibility(page, "dashboard with start here (member)")

    card.get_by_role("button", name="Hide this card").click()
    expect(page.get_by_role("region", name="Start here")).to_have_count(0)
    # htmx put its status line where the card was (no page load, no message).
    expect(page.locator("p.visually-hidden[role=status]")).to_have_text(
        re.compile("card is hidden")
    )
    page.reload()
    expect(
        page.get_by_role("heading", name=re.compile("^Welcome back"))
    ).to_be_visible()
    expect(page.get_by_role("region", name="Start here")).to_have_count(0)
    assert User.objects.get(pk=member.pk).start_here_dismissed_at is not None


def test_hiding_the_card_works_without_javascript(browser, live_server, home_page):
    member = factories.member()
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    context.add_cookies([session_cookie(member, live_server)])
    page = context.new_page()
    page.set_default_timeout(10_000)
    try:
        page.goto("/")
        page.get_by_role("region", name="Start here").get_by_role(
            "button", name="Hide this card"
        ).click()
        expect(page.get_by_text("card is hidden")).to_be_visible()
        expect(page.get_by_role("region", name="Start here")).to_have_count(0)
    finally:
        context.close()
