"""One written second opinion from request to PDFs, each person in their own
browser: the therapist writes and sends it (past the privacy guard, with the
patient's consent), the director triages and offers it, the first reviewer's
offer lapses and the sweep offers it to the second, who accepts, asks the
therapist a question, holds the conference and writes the report; the director
signs it off and the therapist downloads both PDFs.

Only the clock is moved in the database: the lapse of the first offer, which
would otherwise take twelve hours.
"""

import re
import zoneinfo
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.utils import timezone
from playwright.sync_api import expect
from pypdf import PdfReader

from consultations import tasks
from consultations.models import Offer
from tests.browser.conftest import check_accessibility
from tests.community import factories as people
from tests.consultations.factories import consultant

pytestmark = pytest.mark.django_db(transaction=True)

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")  # every factory user's zone

IDENTIFYING = (
    "My client Margaret Ellison lives at 42 Birch Lane and withdraws from "
    "others when they come close."
)
CLEAN = (
    "A woman in her thirties with recurrent low mood who withdraws from others "
    "when they come close."
)
QUESTION = "Does the withdrawal come more after weekends or after sessions?"
ANSWER = "Mostly after sessions that touch on her mother; weekends seem easier."
NOTE = "We agree on an attachment reading: the withdrawal protects her from shame."
SECTIONS = {
    "The referral question as understood": "How to work with avoidance of closeness.",
    "Sources": "The written request and the questions thread; no interview.",
    "Formulation": "An attachment pattern of withdrawal kept going by relief.",
    "Recommendations": "Name the withdrawal gently in the session as it happens.",
}
# Ticked "may be shared with the patient"; the formulation stays unticked.
SHAREABLE = {"The referral question as understood", "Recommendations"}


def pdf_text(download) -> str:
    reader = PdfReader(str(download.path()))
    return " ".join(" ".join(p.extract_text() or "" for p in reader.pages).split())


def write_request(page) -> str:
    """The therapist's request, first with identifiers, then without; returns
    the case's URL once it is sent."""
    page.goto("/consultations/new/")
    check_accessibility(page, "new consultation request (member)")
    page.get_by_role("button", name="Start the request").click()
    expect(
        page.get_by_role("heading", name="Your consultation request")
    ).to_be_visible()
    page.get_by_label("Referral question(s)").fill(
        "How can I work with the avoidance of feelings?"
    )
    page.get_by_label("Modality and orientation").fill("Psychodynamic, integrative")
    page.get_by_label("Session frequency").fill("Weekly")
    page.get_by_label("In treatment for").fill("Eight months")
    page.get_by_label("What has been tried").fill(
        "Psychoeducation and some exposure work."
    )
    summary = page.get_by_label("De-identified case summary")
    summary.fill(IDENTIFYING)
    page.get_by_label("Risk notes").fill("No current risk.")
    page.get_by_label("A patient interview is requested").check()
    check_accessibility(page, "request form (member)")
    page.get_by_role("button", name="Send the request").click()

    check = page.get_by_role("alert").filter(has_text="Check for patient identifiers")
    expect(check).to_be_visible()
    marks = check.locator("mark.privacy-match")
    expect(marks.filter(has_text="Margaret Ellison").first).to_be_visible()
    expect(marks.filter(has_text="42 Birch Lane").first).to_be_visible()
    check_accessibility(page, "request privacy check (member)")
    expect(summary).to_have_value(IDENTIFYING)  # kept, to be edited
    summary.fill(CLEAN)

    # The interview needs the patient's consent before the request goes.
    page.get_by_role("button", name="Save and record the consent").click()
    expect(page.get_by_role("heading", name="The patient's consent")).to_be_visible()
    check_accessibility(page, "consent form (member)")
    today = timezone.now().astimezone(BERLIN).date().isoformat()
    expect(page.get_by_label("Date the patient consented")).to_have_value(today)
    page.get_by_label("In a video session").check()
    page.get_by_label("The patient read this text").check()
    page.get_by_role("button", name="Record the consent").click()
    expect(page.get_by_text("The patient's consent is recorded.")).to_be_visible()

    expect(summary).to_have_value(CLEAN)
    page.get_by_role("button", name="Send the request").click()
    expect(page.get_by_text("Your request is sent.")).to_be_visible()
    expect(page.get_by_role("alert")).to_have_count(0)
    expect(page).to_have_url(re.compile(r"/consultations/\d+/$"))
    return urlsplit(page.url).path


def reference_of(page) -> str:
    heading = page.get_by_role("heading", level=1, name=re.compile("^Consultation "))
    expect(heading).to_be_visible()
    return heading.inner_text().removeprefix("Consultation ").strip()


def triage_and_offer(page, reference: str, first: str, second: str) -> None:
    page.goto("/consultations/director/")
    check_accessibility(page, "consultations board (director)")
    page.get_by_role("link", name=reference, exact=True).click()
    director = page.get_by_role("region", name="Director")
    director.get_by_role("button", name="Waive the fee").click()
    expect(
        page.get_by_text("The fee is waived; the request is in triage.")
    ).to_be_visible()
    director.get_by_role("button", name="Accept for matching").click()
    expect(page.get_by_text("Accepted for matching")).to_be_visible()
    check_accessibility(page, "case page, offering (director)")
    director.get_by_label(f"Offer to {first}").check()
    director.get_by_label(f"Rank of {first}").fill("1")
    director.get_by_label(f"Offer to {second}").check()
    director.get_by_label(f"Rank of {second}").fill("2")
    director.get_by_label("Offer to how many at once").fill("1")
    director.get_by_role("button", name="Send the offer").click()
    expect(page.get_by_text("Offered. The reviewers are emailed")).to_be_visible()
    offers = page.get_by_role("table", name="Offers").get_by_role("row")
    expect(offers.filter(has_text=first)).to_contain_text("Awaiting an answer")
    expect(offers.filter(has_text=second)).to_contain_text("Waiting its turn")


def offers_waiting(page, count: int):
    page.goto("/consultations/reviewer/")
    expect(
        page.get_by_role("heading", name=f"Offers waiting for your answer ({count})")
    ).to_be_visible()


def accept_offer(page, reference: str) -> None:
    offers_waiting(page, 1)
    check_accessibility(page, "reviewer home with an offer (consultant)")
    page.get_by_role("link", name=reference, exact=True).click()
    offer = page.get_by_role("region", name="This case is offered to you")
    expect(offer).to_be_visible()
    check_accessibility(page, "case page with an offer (consultant)")
    offer.get_by_label("I do not know the patient").check()
    offer.get_by_role("button", name="Accept the case").click()
    expect(
        page.get_by_text(f"You have accepted consultation {reference}")
    ).to_be_visible()


def post_message(region, text: str, button: str) -> None:
    region.get_by_label("Your message").fill(text)
    region.get_by_role("button", name=button).click()
    expect(region.page.get_by_text("Your message is posted.")).to_be_visible()


def hold_conference_and_write(page) -> None:
    conference = page.get_by_role("region", name="Case conference")
    conference.get_by_role("button", name="Open the conference").click()
    expect(page.get_by_text("The case is in conference.")).to_be_visible()

    starts = (timezone.now().astimezone(BERLIN) + timedelta(days=1)).replace(
        hour=15, minute=0, second=0, microsecond=0
    )
    conference.get_by_text("Schedule a live conference").click()
    conference.get_by_label("Starts at").fill(starts.strftime("%Y-%m-%dT%H:%M"))
    conference.get_by_label("Length in minutes").fill("45")
    conference.get_by_label("Video link").fill("https://meet.example.org/case")
    conference.get_by_role("button", name="Save the schedule").click()
    expect(page.get_by_text("The conference schedule is saved.")).to_be_visible()
    expect(conference).to_contain_text(starts.strftime("%H:%M %Z"))  # 15:00 CET
    expect(conference).to_contain_text("45 minutes")

    post_message(conference, NOTE, "Post to the conference")
    expect(conference.get_by_role("listitem").filter(has_text=NOTE)).to_be_visible()
    check_accessibility(page, "case page in conference (lead reviewer)")

    conference.get_by_role("button", name="Start the report").click()
    expect(page.get_by_text("The report is started")).to_be_visible()
    page.get_by_role("region", name="Written report").get_by_role(
        "link", name=re.compile("the report$")
    ).click()
    expect(
        page.get_by_role("heading", name=re.compile("Written formulation"))
    ).to_be_visible()
    for label, text in SECTIONS.items():
        section = page.get_by_role("group", name=label, exact=True)
        section.get_by_role("textbox").fill(text)
        shareable = section.get_by_label("May be shared with the patient")
        shareable.set_checked(label in SHAREABLE)
    check_accessibility(page, "report editor (lead reviewer)")
    page.get_by_role("button", name="Send for sign-off").click()
    expect(page.get_by_text("The report has been sent for sign-off.")).to_be_visible()
    expect(page.get_by_text("The report is waiting for sign-off.")).to_be_visible()


def test_a_consultation_goes_from_request_to_downloaded_report(open_as, home_page):
    therapist = people.member(user__display_name="Dana R.")
    director = people.director(display_name="Dr. Miriam Okafor")
    first = consultant(user__display_name="Dr. Ada Brandt")
    second = consultant(user__display_name="Dr. Ben Okoye")

    # 1. The therapist writes the request and sends it.
    dana = open_as(therapist, "therapist")
    case_url = write_request(dana)
    reference = reference_of(dana)

    # 2. The director waives the fee, accepts it and offers it to A, then B.
    miriam = open_as(director, "director")
    triage_and_offer(miriam, reference, "Dr. Ada Brandt", "Dr. Ben Okoye")

    # 3. A does not answer in time: the clock's sweep lapses the offer and
    # offers the case to B.
    ada = open_as(first, "reviewer-a")
    offers_waiting(ada, 1)
    ben = open_as(second, "reviewer-b")
    offers_waiting(ben, 0)
    lapsed = Offer.objects.filter(
        case__reference=reference, consultant=first, status=Offer.Status.PENDING
    ).update(accept_by=timezone.now() - timedelta(minutes=1))
    assert lapsed == 1
    assert tasks.sweep_clocks()["lapsed"] == 1
    offers_waiting(ada, 0)
    miriam.reload()
    offers = miriam.get_by_role("table", name="Offers").get_by_role("row")
    expect(offers.filter(has_text="Dr. Ada Brandt")).to_contain_text("Lapsed")
    expect(offers.filter(has_text="Dr. Ben Okoye")).to_contain_text(
        "Awaiting an answer"
    )

    # 4. B declares no conflict and accepts.
    accept_offer(ben, reference)
    expect(ben.get_by_role("region", name="Status")).to_contain_text("Dr. Ben Okoye")

    # 5. B asks the therapist a question; the therapist answers.
    post_message(
        ben.get_by_role("region", name="Questions to the therapist"),
        QUESTION,
        "Send to the therapist",
    )
    dana.goto(case_url)
    questions = dana.get_by_role("region", name="Questions to the therapist")
    expect(questions.get_by_text(QUESTION)).to_be_visible()
    check_accessibility(dana, "case page with a question (member)")
    post_message(questions, ANSWER, "Send your answer")
    expect(questions.get_by_text(ANSWER)).to_be_visible()
    ben.goto(case_url)
    expect(
        ben.get_by_role("region", name="Questions to the therapist").get_by_text(ANSWER)
    ).to_be_visible()

    # 6. B opens and schedules the conference, posts a note, writes the report.
    hold_conference_and_write(ben)

    # 7. The director signs it off: delivered.
    miriam.goto(case_url)
    miriam.get_by_role("link", name="Sign off the report").click()
    expect(miriam.get_by_role("heading", name=re.compile("^Sign off"))).to_be_visible()
    check_accessibility(miriam, "report sign-off (director)")
    miriam.get_by_role("button", name="Approve and deliver").click()
    expect(
        miriam.get_by_text("The report is approved and delivered to the therapist.")
    ).to_be_visible()

    # 8. The therapist reads it on the case page and downloads both PDFs.
    dana.goto(case_url)
    expect(dana.get_by_role("region", name="Status")).to_contain_text("Delivered")
    expect(dana.get_by_text(NOTE)).to_have_count(0)  # the conference stays private
    dana.get_by_role("region", name="Written report").get_by_role(
        "link", name="Read the report"
    ).click()
    for label, text in SECTIONS.items():
        section = dana.get_by_role("region", name=label, exact=True)
        expect(section).to_contain_text(text)
    expect(dana.get_by_role("region", name="Formulation", exact=True)).to_contain_text(
        "For the therapist only"
    )
    check_accessibility(dana, "delivered report (member)")
    with dana.expect_download() as full:
        dana.get_by_role("link", name="Download the report (PDF)").click()
    with dana.expect_download() as shareable:
        dana.get_by_role(
            "link", name="Download the sections to share with the patient (PDF)"
        ).click()
    assert full.value.suggested_filename == f"{reference}-report.pdf"
    whole = pdf_text(full.value)
    for label, text in SECTIONS.items():
        assert label in whole and text in whole
    assert "Prepared for Dana R." in whole
    shared = pdf_text(shareable.value)
    assert "sections to share with the patient" in shared
    for label, text in SECTIONS.items():
        assert (text in shared) == (label in SHAREABLE), label
    assert "Formulation" not in shared
