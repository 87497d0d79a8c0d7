"""The reviewer's deadlines as .ics: their own, neutral, in UTC, linked."""

import pytest
from django.urls import reverse
from icalendar import Calendar

from consultations.models import Case
from tests.community import factories as people
from tests.consultations.factories import case_in, consultant

pytestmark = pytest.mark.django_db
Status = Case.Status
ALL = "/consultations/reviewer/deadlines.ics"


def events(response):
    assert response["Content-Type"].startswith("text/calendar")
    return list(Calendar.from_ical(response.content).walk("VEVENT"))


def test_the_file_holds_accept_deadlines_and_due_times_without_case_text(client):
    reviewer = consultant()
    offered = case_in(Status.OFFERED, lead=reviewer)
    led = case_in(Status.DRAFTING, lead=reviewer)
    case_in(Status.OFFERED)  # someone else's
    client.force_login(reviewer)
    found = events(client.get(ALL))
    summaries = sorted(str(e["SUMMARY"]) for e in found)
    assert summaries == sorted(
        [
            f"Consultation {offered.reference}: accept by",
            f"Consultation {led.reference}: report due",
        ]
    )
    for event in found:
        assert event.decoded("DTSTART").utcoffset().total_seconds() == 0
        assert str(event["URL"]).endswith(
            reverse(
                "consultations:case",
                args=[offered.pk if "accept" in str(event["SUMMARY"]) else led.pk],
            )
        )
    text = client.get(ALL).content.decode()
    for clinical in (
        offered.case_summary,
        offered.referral_question,
        offered.requester.get_display_name(),
    ):
        assert clinical not in text


def test_the_per_case_file_is_for_the_offered_or_the_lead_only(client):
    case = case_in(Status.OFFERED)
    url = reverse("consultations:reviewer-case-ics", args=[case.pk])
    client.force_login(case.offers.get().consultant)
    assert len(events(client.get(url))) == 1
    for user in (consultant(), people.member(), case.requester, people.admin()):
        client.force_login(user)
        assert client.get(url).status_code in (403, 404)


@pytest.mark.parametrize("who", ["member", "site_admin", "director"])
def test_the_deadlines_file_refuses_anyone_not_in_the_pool(client, request, who):
    client.force_login(request.getfixturevalue(who))
    assert client.get(ALL).status_code == 403


def test_a_visitor_is_sent_to_sign_in(client):
    assert client.get(ALL).status_code == 302
