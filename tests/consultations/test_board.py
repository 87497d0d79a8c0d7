"""The director's board: every case by state with its deadline in the
director's zone, overdue and expiring named in words, filters, the director
only (two-factor first), and a number of queries that does not grow with the
number of cases."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from consultations.models import Case, Offer
from tests.community import factories as people
from tests.consultations.factories import TagFactory, case_in, consultant

pytestmark = pytest.mark.django_db
Status = Case.Status
BOARD = "/consultations/director/"


@pytest.fixture
def director_client(client):
    client.force_login(people.director(time_zone="America/New_York"))
    return client


@pytest.mark.parametrize("who", ["member", "consultant", "admin"])
def test_the_board_is_refused_to_everyone_but_the_director(client, who):
    user = {"member": people.member, "consultant": consultant, "admin": people.admin}[
        who
    ]()
    client.force_login(user)
    assert client.get(BOARD).status_code == 403


def test_a_visitor_is_sent_to_sign_in(client):
    assert "/accounts/login/" in client.get(BOARD)["Location"]


def test_a_director_without_two_factor_is_sent_to_set_it_up(client):
    client.force_login(people.director(two_factor=False))
    case = case_in(Status.TRIAGE)
    for url in (
        BOARD,
        f"{BOARD}pool/",
        f"{BOARD}{case.pk}/triage/",
    ):
        response = (
            client.post(url, {"decision": "accept"})
            if "triage" in url
            else client.get(url)
        )
        assert response["Location"] == "/accounts/2fa/", url
    case.refresh_from_db()
    assert case.status == Status.TRIAGE


def test_an_admin_without_two_factor_is_sent_to_set_it_up_for_the_pool(client):
    client.force_login(people.admin(two_factor=False))
    assert client.get(f"{BOARD}pool/")["Location"] == "/accounts/2fa/"


def test_cases_are_grouped_by_state_with_metadata_and_no_case_text(director_client):
    triage = case_in(
        Status.TRIAGE, requester=people.member(user__display_name="Dr Ask")
    )
    triage.tags.add(TagFactory(name="Couples"))
    drafting = case_in(Status.DRAFTING, urgency=Case.Urgency.EXPEDITED)
    case_in(Status.DRAFT)  # not on the board
    page = director_client.get(BOARD).content.decode()
    for text in (
        "Triage (1)",
        "With the reviewer (1)",
        triage.reference,
        drafting.reference,
        "Dr Ask",
        "Couples",
        "Expedited",
        drafting.lead_reviewer.get_display_name(),
    ):
        assert text in page, text
    for text in ("avoidance of feelings", "withdrawing when close", "No current risk"):
        assert text not in page


def test_deadlines_are_in_the_directors_zone_and_overdue_and_expiring_are_named(
    director_client,
):
    now = timezone.now()
    overdue = case_in(Status.DRAFTING)
    overdue.due_at = now - timedelta(hours=1)
    overdue.save()
    expiring = case_in(Status.OFFERED)
    expiring.offers.update(accept_by=now + timedelta(minutes=50))
    relaxed = case_in(Status.ACCEPTED)
    relaxed.due_at = now + timedelta(hours=30)
    relaxed.save()
    page = director_client.get(BOARD).content.decode()
    assert "Overdue" in page and "Expiring soon" in page
    assert page.count("badge--danger") == 1 and "board-row--expiring" in page
    # New York: EST/EDT, never UTC.
    assert " EST" in page or " EDT" in page
    row = page[page.index(relaxed.reference) :]
    row = row[: row.index("</tr>")]
    assert "Overdue" not in row and "Expiring" not in row


def test_filters_by_state_and_urgency(director_client):
    standard = case_in(Status.MATCHING)
    expedited = case_in(Status.MATCHING, urgency=Case.Urgency.EXPEDITED)
    triage = case_in(Status.TRIAGE, urgency=Case.Urgency.EXPEDITED)
    page = director_client.get(BOARD, {"state": "matching"}).content.decode()
    assert standard.reference in page and expedited.reference in page
    assert triage.reference not in page
    page = director_client.get(
        BOARD, {"state": "matching", "urgency": "expedited"}
    ).content.decode()
    assert expedited.reference in page and standard.reference not in page
    page = director_client.get(BOARD, {"urgency": "expedited"}).content.decode()
    assert triage.reference in page and standard.reference not in page
    # Nonsense filters are ignored, not a 500.
    assert director_client.get(BOARD, {"state": "x", "page": "z"}).status_code == 200


def test_each_state_is_capped_with_a_link_to_all_of_it(director_client):
    from consultations.selectors import board

    cap = board.PER_GROUP
    cases = [case_in(Status.TRIAGE) for _ in range(cap + 2)]
    page = director_client.get(BOARD).content.decode()
    assert f"Triage ({cap + 2})" in page
    assert f"All {cap + 2} cases" in page
    shown = [c for c in cases if f">{c.reference}</a>" in page]
    assert len(shown) == cap
    full = director_client.get(BOARD, {"state": "triage"}).content.decode()
    assert all(f">{c.reference}</a>" in full for c in cases)


def test_delivered_long_ago_leaves_the_board(director_client):
    recent = case_in(Status.DELIVERED)
    old = case_in(Status.DELIVERED)
    old.delivered_at = timezone.now() - timedelta(days=60)
    old.save()
    page = director_client.get(BOARD).content.decode()
    assert recent.reference in page and old.reference not in page


def _load(count: int):
    states = [
        Status.SUBMITTED,
        Status.TRIAGE,
        Status.MATCHING,
        Status.OFFERED,
        Status.DRAFTING,
        Status.IN_SIGNOFF,
        Status.ESCALATED,
        Status.DELIVERED,
    ]
    tag = TagFactory()
    for i in range(count):
        case = case_in(states[i % len(states)])
        case.tags.add(tag)
        if case.status == Status.OFFERED:
            Offer.objects.create(
                case=case,
                consultant=consultant(),
                rank=2,
                status=Offer.Status.PENDING,
                offered_at=timezone.now(),
                accept_by=timezone.now() + timedelta(hours=3),
            )


def _board_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(BOARD).status_code == 200
    return len(queries)


def test_the_number_of_queries_does_not_grow_with_the_cases(director_client):
    _load(5)
    few = _board_queries(director_client)
    _load(35)
    many = _board_queries(director_client)
    assert Case.objects.count() == 40
    assert many == few, (few, many)
