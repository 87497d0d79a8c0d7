"""Questions for a live session: submit, "me too", the director's agenda, and
joining through the site's join page."""

import re
import zoneinfo
from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone
from playwright.sync_api import expect

from sessions.models import Attendance, CoachingSession, Question
from tests.browser.conftest import check_accessibility
from tests.community import factories

pytestmark = pytest.mark.django_db(transaction=True)


def ask(page, title, body):
    form = page.get_by_role("region", name="Send a question")
    form.locator("[name=title]").fill(title)
    form.locator("[name=body]").fill(body)
    form.get_by_role("button", name="Send my question").click()
    expect(page.get_by_text("Your question is in.")).to_be_visible()


def me_too(page, title):
    question = page.get_by_role("listitem").filter(
        has=page.get_by_role("heading", name=title)
    )
    question.get_by_role("button", name="Me too").click()
    expect(question.get_by_role("button", name=re.compile("Me too ✓"))).to_be_visible()


def test_questions_become_a_published_agenda_and_the_join_button_opens(
    page, sign_in, home_page
):
    starts = (timezone.now() + timedelta(days=3)).replace(second=0, microsecond=0)
    session = CoachingSession.objects.create(
        title="Group coaching: Endings",
        starts_at=starts,
        questions_close_at=starts - timedelta(hours=48),
        duration_minutes=90,
        meeting_url="https://meet.example.org/live",
    )
    dana = factories.member(
        user__display_name="Dana R.", user__time_zone="America/New_York"
    )
    kenji = factories.member(
        user__display_name="Kenji S.", user__time_zone="Asia/Tokyo"
    )
    director = factories.director(display_name="Dr. Miriam Okafor")
    url = f"/sessions/{session.pk}/"

    sign_in(dana)
    page.goto(url)
    check_accessibility(page, "session page (member)")
    ask(page, "Naming an avoidance pattern", "How do I name it without blame?")
    ask(page, "Clients who cancel after hard sessions", "Is it the same thing?")

    sign_in(kenji)
    page.goto(url)
    ask(page, "Planning the last session", "How much do you plan the ending?")
    me_too(page, "Naming an avoidance pattern")

    sign_in(dana)
    page.goto(url)
    me_too(page, "Planning the last session")

    # The director merges the two similar questions, orders and times the agenda.
    sign_in(director)
    page.goto(url)
    page.get_by_role("link", name="Curate questions").click()
    check_accessibility(page, "curation board (director)")
    merge = page.get_by_role("form", name="Merge two questions")
    merge.get_by_label("Merge", exact=True).select_option(
        label="Clients who cancel after hard sessions"
    )
    merge.get_by_label("into").select_option(label="Naming an avoidance pattern")
    merge.get_by_role("button", name="Merge").click()
    expect(page.get_by_text("Merged; votes and authors are combined.")).to_be_visible()
    for title in ("Naming an avoidance pattern", "Planning the last session"):
        page.get_by_role("article", name=title).get_by_role(
            "button", name="Accept"
        ).click()
    agenda = page.get_by_role("region", name="Agenda")
    agenda.get_by_label("Order of “Planning the last session”").fill("1")
    agenda.get_by_label("Order of “Naming an avoidance pattern”").fill("2")
    agenda.get_by_label("Minutes for “Planning the last session”").fill("40")
    agenda.get_by_label("Minutes for “Naming an avoidance pattern”").fill("50")
    agenda.get_by_role("button", name="Publish the agenda").click()
    expect(page.get_by_text("published").first).to_be_visible()
    merged = Question.objects.get(title="Clients who cancel after hard sessions")
    assert merged.status == Question.Status.MERGED

    # Kenji sees the agenda, in Tokyo time, and takes the session to his calendar.
    sign_in(kenji)
    page.goto(url)
    items = page.get_by_role("region", name="Agenda").get_by_role("listitem")
    expect(items).to_have_count(2)
    expect(items.first).to_contain_text("Planning the last session")
    expect(items.nth(1)).to_contain_text("Naming an avoidance pattern")
    local = starts.astimezone(zoneinfo.ZoneInfo("Asia/Tokyo"))
    when = page.locator(".session-when")
    expect(when).to_contain_text(local.strftime("%H:%M"))
    expect(when).to_contain_text("Asia/Tokyo")
    expect(page.get_by_text("The join button appears here 15 minutes")).to_be_visible()
    check_accessibility(page, "session page with agenda (member)")
    with page.expect_download() as download:
        page.get_by_role("link", name="Add to my calendar (.ics)").click()
    ics = download.value.path().read_text()
    assert "BEGIN:VEVENT" in ics
    assert starts.strftime("DTSTART:%Y%m%dT%H%M%SZ") in ics

    # A quarter of an hour before the start, the join button is there. It leads
    # to the site's join page, never to the meeting itself, which records the
    # join and only then redirects.
    join_path = f"/sessions/{session.pk}/join/"
    assert "meet.example.org" not in ics
    with time_machine.travel(starts - timedelta(minutes=15), tick=True):
        page.reload()
        join = page.get_by_role("link", name="Join the live session")
        expect(join).to_have_attribute("href", join_path)
        page.goto("/")
        dashboard_join = page.get_by_role("link", name="Join the live session")
        expect(dashboard_join).to_have_attribute("href", join_path)
        response = page.request.get(join_path, max_redirects=0)
        assert response.status == 302
        assert response.headers["location"] == "https://meet.example.org/live"
    attendance = Attendance.objects.get(session=session)
    assert attendance.user.display_name == "Kenji S."
    assert attendance.join_count == 1
