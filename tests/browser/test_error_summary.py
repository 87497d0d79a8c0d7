"""A session question that trips the privacy guard comes back with the error
summary in view and focused, far down a long session page; a link in it focuses
the field. Without JavaScript the browser still lands on the summary."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from sessions.models import CoachingSession, Question
from sessions.services import questions as question_services
from tests.browser.conftest import check_accessibility, session_cookie
from tests.community import factories

pytestmark = pytest.mark.django_db(transaction=True)

IDENTIFYING = "Her name is Maria Gonzales, DOB 03/14/1987."


def send_identifying_question(page, url):
    page.goto(url)
    form = page.get_by_role("region", name="Send a question")
    form.locator("[name=title]").fill("A client who cancels after hard sessions")
    form.locator("[name=body]").fill("How do I raise it without blame?")
    form.locator("[name=context]").fill(IDENTIFYING)
    form.get_by_role("button", name="Send my question").click()
    summary = page.get_by_role("alert").filter(has_text="There is a problem")
    expect(summary).to_be_visible()
    expect(summary).to_be_in_viewport()
    return summary


def test_the_error_summary_is_in_view_and_focused_and_links_to_the_field(
    page, sign_in, browser, live_server
):
    starts = timezone.now() + timedelta(days=7)
    session = CoachingSession.objects.create(
        title="Group coaching: Endings",
        starts_at=starts,
        questions_close_at=starts - timedelta(hours=48),
        duration_minutes=90,
        meeting_url="https://meet.example.org/live",
    )
    # Enough questions that the form starts far below the first screen.
    for number in range(12):
        question_services.question_submit(
            session=session,
            author=factories.member(),
            title=f"Question number {number}",
            body="How do I pace the work when the client floods? " * 4,
        )
    member = sign_in(factories.member())
    url = f"/sessions/{session.pk}/"

    summary = send_identifying_question(page, url)
    expect(summary).to_be_focused()
    assert page.evaluate("window.scrollY") > 0, "the page opened at the summary"
    assert page.url.endswith("#error-summary")
    check_accessibility(page, "session question with an error summary")

    summary.get_by_role("link").click()
    checkbox = page.get_by_label("I confirm this is de-identified")
    expect(checkbox).to_be_focused()
    expect(checkbox).to_be_in_viewport()
    expect(page.locator("[name=context]")).to_have_value(IDENTIFYING)
    checkbox.check()
    page.get_by_role("button", name="Send my question").click()
    expect(page.get_by_text("Your question is in.")).to_be_visible()
    # The redirect kept "#error-summary"; with no summary there, it is dropped.
    expect(page).to_have_url(re.compile(rf"/sessions/{session.pk}/$"))
    assert Question.objects.filter(author=member).count() == 1

    # Without JavaScript, the form's "#error-summary" brings the page there.
    context = browser.new_context(
        base_url=live_server.url,
        viewport={"width": 1280, "height": 900},
        java_script_enabled=False,
    )
    try:
        context.add_cookies([session_cookie(member, live_server)])
        plain = context.new_page()
        plain.set_default_timeout(10_000)
        send_identifying_question(plain, url)
    finally:
        context.close()
