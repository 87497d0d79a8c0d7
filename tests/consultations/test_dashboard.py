"""The dashboard's consultations card: each role's pending work, a consultant
who is not a member sees only that card, and the header's link; query counts
stay flat."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from consultations.models import Case, CaseMessage, Offer
from tests.community import factories as people
from tests.consultations.factories import attending, case_in, consultant

pytestmark = pytest.mark.django_db
Status = Case.Status


def _dashboard(client, user) -> str:
    client.force_login(user)
    response = client.get("/")
    assert response.status_code == 200
    return response.content.decode()


def test_a_member_sees_the_cases_that_need_them(client):
    member = people.member()
    draft = case_in(Status.DRAFT, requester=member)
    returned = case_in(Status.RETURNED, requester=member)
    delivered = case_in(Status.DELIVERED, requester=member)
    asked = case_in(Status.DRAFTING, requester=member)
    CaseMessage.objects.create(
        case=asked, thread="questions", author=asked.lead_reviewer, body="?"
    )
    answered = case_in(Status.DRAFTING, requester=member)
    CaseMessage.objects.create(
        case=answered, thread="questions", author=member, body="An answer"
    )
    waiting = case_in(Status.TRIAGE, requester=member)
    html = _dashboard(client, member)
    assert "Consultations" in html
    assert f"{draft.reference}</a>: Finish and send your request" in html
    assert f"{returned.reference}</a>: The director asks for more information" in html
    assert f"{delivered.reference}</a>: Your report is ready to read" in html
    assert f"{asked.reference}</a>: The reviewers asked you a question" in html
    assert answered.reference not in html
    assert waiting.reference not in html
    assert "Offers to answer" not in html  # not a consultant


def test_a_member_with_nothing_pending_gets_an_honest_empty_state(client):
    html = _dashboard(client, people.member())
    assert "Nothing is waiting for you" in html
    assert "Next coaching session" in html


def test_a_consultant_sees_pending_offers_with_deadlines_and_cases_due(client):
    reviewer = consultant()
    offered = case_in(Status.OFFERED, lead=reviewer)
    due = case_in(Status.DRAFTING, lead=reviewer)
    other = case_in(Status.OFFERED)
    html = _dashboard(client, reviewer)
    assert f"{offered.reference}</a>: answer by" in html
    assert f"{due.reference}</a>: report due" in html
    assert other.reference not in html
    from zoneinfo import ZoneInfo

    accept_by = Offer.objects.get(case=offered).accept_by
    shown = accept_by.astimezone(ZoneInfo(reviewer.time_zone)).isoformat()
    assert f'<time datetime="{shown}"' in html


def test_a_consultant_who_is_not_a_member_sees_only_their_card(client):
    reviewer = consultant()
    assert "Offers to answer" in _dashboard(client, reviewer)
    html = client.get("/").content.decode()
    assert "Next coaching session" not in html
    assert "New in the forum" not in html
    assert "Your requests" not in html


def test_an_attending_sees_reports_waiting_for_sign_off_but_not_their_own(client):
    senior = attending()
    waiting = case_in(Status.IN_SIGNOFF)
    own = case_in(Status.IN_SIGNOFF, lead=senior)
    html = _dashboard(client, senior)
    assert "Reports waiting for sign-off" in html
    assert waiting.reference in html.split("Reports waiting for sign-off")[1]
    assert (
        own.reference
        not in html.split("Reports waiting for sign-off")[1].split("Offers to answer")[
            0
        ]
    )


def test_the_director_sees_triage_escalated_and_expiring_counts(client):
    case_in(Status.TRIAGE)
    case_in(Status.TRIAGE)
    case_in(Status.ESCALATED)
    soon = case_in(Status.OFFERED)
    Offer.objects.filter(case=soon).update(
        accept_by=timezone.now() + timedelta(minutes=90)
    )
    case_in(Status.OFFERED)  # 12 hours left: not expiring
    html = _dashboard(client, people.director())
    assert "2 requests waiting in triage" in html
    assert "1 escalated case" in html
    assert "1 offer lapsing within 2 hours" in html
    assert "Reports waiting for sign-off" in html  # the director is an attending


def test_an_admin_sees_no_directors_counts_and_no_case_of_others(client):
    case_in(Status.TRIAGE)
    html = _dashboard(client, people.admin())
    assert "waiting in triage" not in html
    assert "Reports waiting for sign-off" not in html


@pytest.mark.parametrize("make", [people.UserFactory, people.lapsed_member])
def test_others_still_get_the_landing_page(client, make, home_page):
    client.force_login(make())
    html = client.get("/").content.decode()
    assert home_page.hero_title in html and "Offers to answer" not in html


def test_the_header_links_to_consultations_where_their_work_is(client):
    member = people.member()
    html = _dashboard(client, member)
    assert '<li><a href="/consultations/" >Consultations</a></li>' in html
    html = _dashboard(client, consultant())
    assert 'href="/consultations/reviewer/"' in html
    html = _dashboard(client, people.director())
    assert 'href="/consultations/director/"' in html


def test_the_header_has_no_link_for_those_who_may_not_enter(client, home_page):
    client.force_login(people.UserFactory())
    assert ">Consultations</a>" not in client.get("/").content.decode()
    client.logout()
    assert ">Consultations</a>" not in client.get("/").content.decode()


def _count(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/").status_code == 200
    return len(queries)


@pytest.mark.parametrize("role", ["member", "consultant", "director"])
def test_the_cards_query_counts_stay_flat(client, role):
    user = {
        "member": people.member,
        "consultant": consultant,
        "director": people.director,
    }[role]()
    client.force_login(user)

    def add_work():
        if role == "member":
            case_in(Status.DRAFT, requester=user)
            asked = case_in(Status.DRAFTING, requester=user)
            CaseMessage.objects.create(case=asked, thread="questions", body="?")
        elif role == "consultant":
            case_in(Status.OFFERED, lead=user)
            case_in(Status.DRAFTING, lead=user)
        else:
            case_in(Status.TRIAGE)
            case_in(Status.IN_SIGNOFF)

    add_work()
    _count(client)  # warm caches (content types, sites)
    few = _count(client)
    for _ in range(6):
        add_work()
    assert _count(client) == few
