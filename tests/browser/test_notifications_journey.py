"""Members hear what matters, in the browser: the director emails an
announcement to the members; one unsubscribes from the link in the email,
without signing in; another is @mentioned in a reply, sees the bell's count,
opens the notification, lands on the post and marks it Helpful; its author then
sees that members reacted."""

import re

import pytest
from django.core import mail
from machina.apps.forum.models import Forum
from playwright.sync_api import expect

from community.models import NotificationPreferences
from forum.services import posting
from tests.browser.conftest import check_accessibility, new_page
from tests.community import factories
from tests.forum.conftest import make_topic, reply

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_announcement_an_unsubscribe_a_mention_and_a_reaction(
    open_as, browser, live_server, home_page
):
    director = factories.director(display_name="Dr. Miriam Okafor")
    leaving = factories.member(user__display_name="Lee Park")
    dana = factories.member(user__display_name="Dana Reyes")
    sam = factories.member(user__display_name="Sam Lee")
    news = make_topic(
        forum=Forum.objects.get(slug="announcements"),
        poster=director,
        subject="January: a new module on endings",
        content="The course gains a module on endings in January.",
    )

    # The director emails the announcement from its page.
    miriam = open_as(director, "director")
    miriam.goto(f"/forum/topics/{news.pk}/")
    email_part = miriam.get_by_role("region", name="Email to members")
    expect(email_part).to_contain_text("3 members")
    email_part.get_by_label("Yes, email it to 3 members now").check()
    email_part.get_by_role("button", name="Email this to members").click()
    expect(miriam.get_by_text(re.compile("being emailed to 3 members"))).to_be_visible()
    expect(miriam.get_by_role("region", name="Email to members")).to_contain_text(
        "Emailed on"
    )

    # Lee unsubscribes from the link in the email, signed out.
    (letter,) = [m for m in mail.outbox if m.to == [leaving.email]]
    assert "a module on endings" in letter.body
    link = letter.extra_headers["List-Unsubscribe"].strip("<>")
    visitor = new_page(browser, live_server)
    visitor.goto(link.replace("http://testserver", live_server.url))
    visitor.get_by_role("button", name="Unsubscribe").click()
    expect(visitor.get_by_role("status")).to_contain_text("will not get announcements")
    check_accessibility(visitor, "unsubscribed (visitor)")
    visitor.context.close()
    prefs = NotificationPreferences.objects.get(user=leaving)
    assert not prefs.forum_announcements and not prefs.new_videos

    # Sam mentions Dana in a reply; the task tells her.
    cases = Forum.objects.get(slug="case-discussions")
    topic = make_topic(forum=cases, poster=dana, subject="Pacing after a rupture")
    answer = reply(topic=topic, poster=sam, content="@Dana Reyes, slow down first.")
    posting.post_published(post_id=answer.pk)

    page = open_as(dana, "mentioned member")
    page.goto("/")
    bell = page.get_by_role("link", name=re.compile("Notifications"))
    expect(bell).to_contain_text("1")
    bell.click()
    expect(page.get_by_role("heading", name="Notifications")).to_be_visible()
    check_accessibility(page, "notification centre (member)")
    page.get_by_role(
        "button", name=re.compile("^Unread: Sam Lee mentioned you")
    ).click()
    expect(page.get_by_role("heading", name="Pacing after a rupture")).to_be_visible()
    post = page.locator(f"article[id='{answer.pk}']")
    helpful = post.get_by_role("button", name=re.compile("^Helpful"))
    helpful.click()
    expect(post.get_by_role("button", name=re.compile("^Helpful"))).to_have_attribute(
        "aria-pressed", "true"
    )
    expect(post.get_by_role("button", name=re.compile("^Helpful"))).to_contain_text("1")
    check_accessibility(page, "topic with reactions (member)")
    expect(
        page.get_by_role("link", name=re.compile("Notifications"))
    ).not_to_contain_text("unread")

    # Sam sees that members reacted.
    author = open_as(sam, "author")
    author.goto("/notifications/")
    expect(
        author.get_by_role(
            "button", name=re.compile("^Unread: Members reacted to your post")
        )
    ).to_be_visible()
