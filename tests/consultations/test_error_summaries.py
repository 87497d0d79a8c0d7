"""The error summary (templates/includes/_error_summary.html) on the
consultation forms that render their fields by hand: the report editor, the
approver's edit, the questions and conference messages, the interview record
and the reviewer's offer. A bad POST comes back as 400 with one summary at the
top of its form, linking each error to its field, and the form posts to the
summary's id so that the page opens there without JavaScript.
"""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from consultations import report_sections
from consultations.models import Case, CaseMessage, Interview
from tests.community import factories as people
from tests.consultations.factories import attending, case_in
from tests.consultations.report_helpers import post_data, url

pytestmark = pytest.mark.django_db
Status = Case.Status
CONTROLS = ["input", "select", "textarea"]


def _summary(response, summary_id):
    """The page's one error summary, with its id, first in a form that posts
    to it; and the ids of the fields it links to (each on the page)."""
    assert response.status_code == 400
    page = BeautifulSoup(response.content.decode(), "html.parser")
    summaries = page.select("[data-error-summary]")
    assert len(summaries) == 1, "one error summary"
    summary = summaries[0]
    assert summary["id"] == summary_id
    assert summary["role"] == "alert" and summary["tabindex"] == "-1"
    heading = page.find(id=summary["aria-labelledby"])
    assert heading.get_text(strip=True) == "There is a problem"
    form = summary.find_parent("form")
    assert form is not None, "the summary is in its form"
    assert form["action"].endswith(f"#{summary_id}")
    first = form.find(
        lambda tag: (
            tag is summary or (tag.name in CONTROLS and tag.get("type") != "hidden")
        )
    )
    assert first is summary, "the summary comes before the form's fields"
    linked = []
    for link in summary.select("a[href^='#']"):
        field = page.find(id=link["href"][1:])
        assert field is not None, f"{link['href']} is on the page"
        assert field.find_parent("form") is form
        linked.append(link["href"][1:])
    return linked


def _required_sections():
    return [s.key for s in report_sections.sections() if s.required]


def test_questions_without_text_land_on_the_summary_linking_to_the_body(client):
    case = case_in(Status.IN_CONFERENCE)
    client.force_login(case.lead_reviewer)
    response = client.post(
        reverse("consultations:questions", args=[case.pk]), {"questions-body": " "}
    )
    assert _summary(response, "error-summary-questions") == ["id_questions-body"]
    assert not CaseMessage.objects.filter(case=case).exists()


def test_a_question_sent_still_goes_back_to_the_thread(client):
    case = case_in(Status.IN_CONFERENCE)
    client.force_login(case.lead_reviewer)
    response = client.post(
        reverse("consultations:questions", args=[case.pk]),
        {"questions-body": "Has the client spoken about how the sessions end?"},
    )
    assert response.status_code == 302
    assert response.url.endswith("#questions")
    page = client.get(case.get_absolute_url()).content.decode()
    assert "#error-summary-questions" in page
    assert "data-error-summary" not in page


def test_an_empty_conference_post_lands_on_the_summary(client):
    case = case_in(Status.IN_CONFERENCE)
    client.force_login(case.lead_reviewer)
    response = client.post(
        reverse("consultations:conference", args=[case.pk]), {"conference-body": ""}
    )
    assert _summary(response, "error-summary-conference") == ["id_conference-body"]


def test_an_interview_without_a_date_lands_on_the_summary(client):
    case = case_in(Status.IN_CONFERENCE, interview_requested=True)
    client.force_login(case.lead_reviewer)
    response = client.post(
        reverse("consultations:interview", args=[case.pk]),
        {"interview-held_on": "", "interview-notes": "Seen for fifty minutes."},
    )
    assert _summary(response, "error-summary-interview") == ["id_interview-held_on"]
    assert "Seen for fifty minutes." in response.content.decode()
    assert not Interview.objects.filter(case=case).exists()


def test_a_decline_without_a_reason_lands_on_its_summary(client):
    case = case_in(Status.OFFERED)
    offer = case.offers.get()
    client.force_login(offer.consultant)
    response = client.post(
        reverse("consultations:offer-decline", args=[case.pk, offer.pk]),
        {f"decline-{offer.pk}-reason": "   "},
    )
    assert _summary(response, f"error-summary-decline-{offer.pk}") == [
        f"id_decline-{offer.pk}-reason"
    ]


def test_an_accept_without_the_declaration_lands_on_its_summary(client):
    case = case_in(Status.OFFERED)
    offer = case.offers.get()
    client.force_login(offer.consultant)
    response = client.post(
        reverse("consultations:offer-accept", args=[case.pk, offer.pk]), {}
    )
    assert _summary(response, f"error-summary-accept-{offer.pk}") == [
        f"id_accept-{offer.pk}-no_conflict"
    ]


def test_a_report_sent_without_its_required_sections_lands_on_the_summary(client):
    case = case_in(Status.DRAFTING)
    client.force_login(case.lead_reviewer)
    required = _required_sections()
    assert required, "some section is required"
    response = client.post(
        url("report-edit", case), post_data({}, shareable=(), action="submit")
    )
    assert _summary(response, "error-summary") == [f"id_{key}" for key in required]


def test_the_approvers_edit_without_its_required_sections_lands_on_the_summary(
    client,
):
    case = case_in(Status.IN_SIGNOFF)
    client.force_login(attending())
    response = client.post(url("report-signoff-edit", case), post_data({}))
    assert _summary(response, "error-summary") == [
        f"id_{key}" for key in _required_sections()
    ]
    case.refresh_from_db()
    assert case.status == Status.IN_SIGNOFF


def test_someone_outside_the_case_gets_no_form_and_no_summary(client):
    case = case_in(Status.IN_CONFERENCE, interview_requested=True)
    client.force_login(people.member())
    for name, data in [
        ("questions", {"questions-body": ""}),
        ("conference", {"conference-body": ""}),
        ("interview", {"interview-held_on": ""}),
    ]:
        response = client.post(reverse(f"consultations:{name}", args=[case.pk]), data)
        assert response.status_code in (403, 404), name
        assert b"data-error-summary" not in response.content
