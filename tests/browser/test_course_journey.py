"""A member works through a short course, downloads the certificate and checks it."""

import io
import re

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.browser.conftest import check_accessibility
from tests.community import factories
from tests.courses.conftest import build_course, lessons_of

pytestmark = pytest.mark.django_db(transaction=True)


def test_member_completes_a_course_and_its_certificate_verifies(page, sign_in, library):
    course = build_course(library[0], lessons_per_module=(2, 1), title="Short course")
    lessons = lessons_of(course)
    member = sign_in(
        factories.member(user__first_name="Noor", user__last_name="Haddad")
    )

    page.goto("/")
    card = page.get_by_role("region", name="Your course progress")
    expect(card).to_contain_text("0 of 3 lessons done")
    check_accessibility(page, "dashboard (member)")
    card.get_by_role("link", name=re.compile("^Start the course")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(lessons[0].title)
    check_accessibility(page, "lesson (member)")

    for lesson in lessons[:-1]:
        page.get_by_role("button", name="Mark as done and continue").click()
        expect(page.get_by_role("status").first).to_contain_text(
            f"“{lesson.title}” is marked as done"
        )
    expect(page.get_by_role("heading", level=1)).to_have_text(lessons[-1].title)
    page.get_by_role("button", name="Mark as done", exact=True).click()

    # The last lesson finishes the course: back on the course page, certificate ready.
    expect(page).to_have_url(re.compile(re.escape(course.url) + "#certificate$"))
    expect(page.get_by_text("You have completed the course.")).to_be_visible()
    expect(page.get_by_text("3 of 3 lessons done")).to_be_visible()
    check_accessibility(page, "course page, completed (member)")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download the certificate (PDF)").click()
    pdf = PdfReader(io.BytesIO(download_info.value.path().read_bytes()))
    text = " ".join(pdf.pages[0].extract_text().split())
    assert "Noor Haddad" in text and "Short course" in text and "1.5 hours" in text
    code = re.search(r"Verification code: (\S+)", text).group(1)

    # Anyone can check the code, signed in or not.
    page.context.clear_cookies()
    page.goto("/certificates/")
    page.get_by_label("Verification code").fill(code.lower().replace("-", " "))
    page.get_by_role("button", name="Check the code").click()
    expect(page.get_by_role("heading", level=2)).to_contain_text(
        "This certificate is genuine"
    )
    expect(page.get_by_text("Noor Haddad")).to_be_visible()
    expect(page.get_by_text(member.email)).to_have_count(0)
    check_accessibility(page, "certificate verification (visitor)")


def test_lapsed_member_sees_the_outline_but_is_refused_a_lesson(page, sign_in, library):
    course = build_course(library[0], lessons_per_module=(1,), title="Outline only")
    lesson = lessons_of(course)[0]
    sign_in(factories.lapsed_member())
    page.goto(course.url)
    expect(page.get_by_text(lesson.title)).to_be_visible()
    expect(page.get_by_role("link", name=lesson.title)).to_have_count(0)
    check_accessibility(page, "course outline (lapsed)")
    page.goto(lesson.url)
    expect(page).to_have_url(re.compile(r"/join/$"))
    expect(
        page.get_by_text(f"This lesson is for members: {lesson.title}.")
    ).to_be_visible()
    expect(page.get_by_text("Secret text")).to_have_count(0)
    check_accessibility(page, "join (lapsed)")


def test_visitor_sees_the_library_teaser(page, library):
    from tests.courses.conftest import add_video

    add_video(library[1], title="A talk for members")
    page.goto("/videos/")
    expect(page.get_by_text("A talk for members")).to_be_visible()
    expect(page.get_by_role("link", name="A talk for members")).to_have_count(0)
    expect(page.get_by_role("link", name="Join the community")).to_be_visible()
    check_accessibility(page, "video library (visitor)")
