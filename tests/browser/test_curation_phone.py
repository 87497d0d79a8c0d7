"""The curation board on a phone (375 px): nothing scrolls sideways, the
agenda's questions read as lines of text rather than a letter-wide column, and
the move buttons reorder it, with htmx and without JavaScript."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from sessions.models import CoachingSession, Question
from sessions.services import curation
from sessions.services import questions as question_services
from tests.browser.conftest import check_accessibility, session_cookie
from tests.community import factories

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 375, "height": 740}
TITLES = [
    "Planning the last session with a client who dreads endings",
    "Naming an avoidance pattern without blame",
    "Psychoeducation-versus-exploration-in-the-first-three-sessions",
]


def sideways_overflow(page) -> int:
    return page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )


def agenda_titles(page) -> list[str]:
    return page.locator(".agenda-plan__title").all_inner_texts()


@pytest.fixture
def board(db):
    starts = timezone.now() + timedelta(days=5)
    session = CoachingSession.objects.create(
        title="Group coaching: Endings and the long middle of therapy",
        starts_at=starts,
        questions_close_at=starts - timedelta(hours=48),
        duration_minutes=90,
        meeting_url="https://meet.example.org/live",
    )
    for title in TITLES:
        question = question_services.question_submit(
            session=session, author=factories.member(), title=title, body="B " * 80
        )
        curation.question_accept(question=question)
    question_services.question_submit(
        session=session,
        author=factories.member(),
        title="A question still to decide, with a long title that has to wrap",
        body="Some-very-long-hyphenated-words-that-could-push-the-page-sideways " * 3,
    )
    return session


def test_the_board_is_usable_on_a_phone_and_move_up_works(page, live_server, board):
    director = factories.director()
    page.set_viewport_size(PHONE)
    page.context.add_cookies([session_cookie(director, live_server)])
    page.goto(f"/sessions/{board.pk}/curate/")
    expect(page.get_by_role("heading", name="Curate the questions")).to_be_visible()
    assert sideways_overflow(page) <= 0, "the board scrolls sideways"
    # Each question reads on lines of its own width, not a letter-wide column.
    widths = page.locator(".agenda-plan__question").evaluate_all(
        "els => els.map(e => e.getBoundingClientRect().width)"
    )
    assert widths and min(widths) > 250, widths
    check_accessibility(page, "curation board (director, phone)")

    agenda = page.get_by_role("region", name="Agenda")
    agenda.get_by_role("button", name=re.compile(f"move “{TITLES[2]}” up")).click()
    expect(agenda.get_by_role("status")).to_contain_text("Moved up: now 2 of 3.")
    assert agenda_titles(page) == [TITLES[0], TITLES[2], TITLES[1]]
    # The button pressed keeps the focus, for the next press.
    moved = Question.objects.get(title=TITLES[2])
    expect(page.locator(f"#move-up-{moved.pk}")).to_be_focused()
    page.keyboard.press("Enter")
    expect(agenda.get_by_role("status")).to_contain_text("Moved up: now 1 of 3.")
    assert agenda_titles(page) == [TITLES[2], TITLES[0], TITLES[1]]
    assert sideways_overflow(page) <= 0
    check_accessibility(page, "curation board after a move (director, phone)")
    positions = dict(
        Question.objects.filter(title__in=TITLES).values_list(
            "title", "agenda_position"
        )
    )
    assert positions == {TITLES[2]: 1, TITLES[0]: 2, TITLES[1]: 3}


def test_move_down_works_without_javascript(browser, live_server, board):
    director = factories.director()
    context = browser.new_context(
        base_url=live_server.url, viewport=PHONE, java_script_enabled=False
    )
    try:
        page = context.new_page()
        page.set_default_timeout(10_000)
        context.add_cookies([session_cookie(director, live_server)])
        page.goto(f"/sessions/{board.pk}/curate/")
        agenda = page.get_by_role("region", name="Agenda")
        agenda.get_by_label(f"Minutes for “{TITLES[0]}”").fill("30")
        agenda.get_by_role(
            "button", name=re.compile(f"move “{TITLES[0]}” down")
        ).click()
        expect(page.get_by_text("Moved down: now 2 of 3.")).to_be_visible()
        assert agenda_titles(page) == [TITLES[1], TITLES[0], TITLES[2]]
        assert page.get_by_label(f"Minutes for “{TITLES[0]}”").input_value() == "30"
        assert sideways_overflow(page) <= 0
    finally:
        context.close()


def test_drag_and_drop_reorders_as_an_enhancement(page, live_server, board):
    page.context.add_cookies([session_cookie(factories.director(), live_server)])
    page.goto(f"/sessions/{board.pk}/curate/")
    items = page.locator(".agenda-plan__item")
    expect(page.locator(".agenda-plan--draggable")).to_have_count(1)
    items.nth(2).drag_to(items.nth(0), target_position={"x": 20, "y": 2})
    agenda = page.get_by_role("region", name="Agenda")
    expect(agenda.get_by_role("status")).to_contain_text("New order saved.")
    assert agenda_titles(page) == [TITLES[2], TITLES[0], TITLES[1]]
    positions = dict(
        Question.objects.filter(title__in=TITLES).values_list(
            "title", "agenda_position"
        )
    )
    assert positions == {TITLES[2]: 1, TITLES[0]: 2, TITLES[1]: 3}
    # The swapped-in agenda can be dragged again.
    expect(page.locator(".agenda-plan--draggable")).to_have_count(1)
