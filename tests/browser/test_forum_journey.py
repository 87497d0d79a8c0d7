"""A new member's first case: the privacy guard, the approval queue, a reply email."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from tests.browser.conftest import check_accessibility
from tests.community import factories
from tests.forum.conftest import make_topic

pytestmark = pytest.mark.django_db(transaction=True)

CASE = (
    "My client Margaret Ellison (DOB 03/14/1961) keeps cancelling after sessions "
    "where we touch on her father. How would you name the pattern?"
)
CLEAN = (
    "My client, a woman in her sixties, keeps cancelling after sessions where we "
    "touch on her father. How would you name the pattern?"
)


@pytest.fixture
def forum():
    from machina.apps.forum.models import Forum

    return Forum.objects.get(slug="case-discussions")


def trusted(member, forum):
    """A member past pre-moderation: three approved posts of their own."""
    for n in range(3):
        make_topic(forum=forum, poster=member, subject=f"Earlier question {n}")
    return member


def test_first_case_is_checked_approved_and_answered(page, sign_in, forum, home_page):
    author = factories.member(user__display_name="Sam N.")
    director = factories.director(display_name="Dr. Miriam Okafor")
    replier = trusted(factories.member(user__display_name="Lee W."), forum)

    # The author writes a case with a name and a date of birth in it.
    sign_in(author)
    page.goto("/forum/")
    page.get_by_role("link", name="Case discussions").first.click()
    page.get_by_role("link", name="New topic").first.click()
    check_accessibility(page, "new topic form (member)")
    page.get_by_label("Subject").fill("Client cancels after every hard session")
    page.locator("textarea[name=content]").fill(CASE)
    page.get_by_role("button", name="Post topic").click()

    check = page.get_by_role("alert").filter(has_text="Check for client identifiers")
    expect(check).to_be_visible()
    marks = check.locator("mark.privacy-match")
    expect(marks.filter(has_text="Margaret Ellison").first).to_be_visible()
    expect(marks.filter(has_text="03/14/1961").first).to_be_visible()
    check_accessibility(page, "privacy check (member)")
    # What was typed is kept; the author edits the identifiers out.
    expect(page.locator("textarea[name=content]")).to_have_value(CASE)
    page.locator("textarea[name=content]").fill(CLEAN)
    page.get_by_role("button", name="Post topic").click()
    expect(
        page.get_by_text("waiting for the director's approval; only you")
    ).to_be_visible()

    # The director approves it from the queue.
    sign_in(director)
    page.goto("/forum/moderation/")
    check_accessibility(page, "moderation overview (director)")
    page.get_by_role("link", name="Open the approval queue").click()
    check_accessibility(page, "approval queue (director)")
    page.get_by_role("link", name="Client cancels after every hard session").click()
    page.get_by_role("link", name="Approve", exact=True).click()
    page.get_by_role("button", name="Approve post").click()
    expect(page.get_by_text("approved").first).to_be_visible()

    # Another member replies; the author is told by email.
    sign_in(replier)
    mail.outbox.clear()
    page.goto("/forum/")
    page.get_by_role("link", name="Client cancels after every hard session").click()
    check_accessibility(page, "topic (member)")
    page.get_by_role("link", name="Reply to this topic").click()
    page.locator("textarea[name=content]").fill(
        "Could the cancellations be the message? Naming that gently may help."
    )
    page.get_by_role("button", name="Post reply").click()
    expect(page).to_have_url(re.compile(r"/topic/"))
    expect(page.get_by_text("Could the cancellations be the message?")).to_be_visible()
    to_author = [m for m in mail.outbox if author.email in m.to]
    assert len(to_author) == 1
    # Titles stay on the site: the email says what happened and links there.
    assert to_author[0].subject == "New reply in a topic you follow"
    assert "Client cancels" not in to_author[0].subject + to_author[0].body
    assert "Could the cancellations" not in to_author[0].body  # no post text by email
