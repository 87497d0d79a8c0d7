"""The turnaround figures: against a set computed by hand, as a page and a
CSV, for the director and admins only, in a number of queries that does not
grow with the number of cases, and a bad period refused with a message."""

import csv
import io
from datetime import UTC, date, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from consultation_billing.figures import Period, figures_for, percentile
from consultation_billing.models import CasePayment, PayoutLine, PayoutStatement
from consultations.models import Case, Offer
from tests.community import factories as people
from tests.consultations.factories import CaseFactory, consultant

pytestmark = pytest.mark.django_db
Status = Case.Status
OS = Offer.Status
PAGE = "/consultations/director/figures/"
CSV = "/consultations/director/figures.csv"


def t(month, day, hour=0, minute=0, year=2025):
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


H = timedelta(hours=1)


def offer(case, who, status, offered_at, answered_after=None, window=12):
    return Offer.objects.create(
        case=case,
        consultant=who,
        status=status,
        offered_at=offered_at,
        accept_by=offered_at + window * H,
        responded_at=None if answered_after is None else offered_at + answered_after,
    )


def case(status, submitted_at, *, lead=None, accepted_at=None, deliver_after=None):
    return CaseFactory(
        status=status,
        submitted_at=submitted_at,
        lead_reviewer=lead,
        accepted_at=accepted_at,
        due_at=accepted_at + 48 * H if accepted_at else None,
        delivered_at=accepted_at + deliver_after if deliver_after else None,
    )


def payment(case, amount, *, paid_at=None, refunded=0, refunded_at=None, **kw):
    return CasePayment.objects.create(
        case=case,
        case_reference=case.reference,
        payer=case.requester,
        method=CasePayment.Method.CARD,
        status=kw.pop("status", CasePayment.Status.PAID),
        amount=amount,
        currency="usd",
        description=f"Psychotherapy consultation, case reference {case.reference}",
        paid_at=paid_at,
        refunded_amount=refunded,
        refunded_at=refunded_at,
        **kw,
    )


def line(reviewer, case, amount, earned_on, *, statement=None, kind="case", **kw):
    return PayoutLine.objects.create(
        reviewer=reviewer,
        case=case,
        case_reference=case.reference,
        kind=kind,
        amount=amount,
        currency="usd",
        earned_on=earned_on,
        transfer_group=f"case-{case.reference}",
        statement=statement,
        **kw,
    )


@pytest.fixture
def hand_set():
    """Nine cases sent in 2025 and one in 2024 (left out of every 2025 figure).

    Offers (accept window 12 h; hours from offer to answer):
      c1: Ben declined (3 h); Ada accepted 2 h            -> in window
      c2: Cy declined (1 h); Ben accepted 4 h              -> in window
      c3: Cy lapsed (12 h); Ada accepted 6 h               -> in window
      c4: Ben lapsed (12 h); Cy accepted 10 h              -> in window
      c5: Cy lapsed; Ada withdrawn (not counted); Ben accepted 14 h -> late
      c6: Ada pending (not answered: not counted)
      c9 (2024): Ada accepted 1 h, Cy declined: outside the period
    Time to accept: [2, 4, 6, 10, 14] h -> median 6; p90 rank 0.9*4 = 3.6 ->
      10 + 0.6*(14-10) = 12.4.
    Offers answered or lapsed: 5 accepted + 2 declined + 3 lapsed = 10, of
      which 4 accepted within the window -> 40 %.
    Per reviewer: Ada 2 accepted; Ben 2 accepted, 1 declined, 1 lapsed;
      Cy 1 accepted, 1 declined, 2 lapsed.
    Delivery (due 48 h after acceptance): c1 30 h, c2 40 h, c3 50 h (late),
      c4 47 h -> sorted [30, 40, 47, 50]: median (40+47)/2 = 43.5; p90 rank
      0.9*3 = 2.7 -> 47 + 0.7*3 = 49.1; within due: 3 of 4 = 75 %.
    States (sent in 2025): triage 1, declined 1, offered 1, drafting 1,
      delivered 3, closed 1, cancelled 1.

    Money (usd cents), quarters in UTC:
      revenue  Q1 35000 + 35000 = 70000; Q2 50000 + 35000 = 85000; Q3 0;
               Q4 12000 (follow-up); c5's pending and c9's 2024 payment: none.
      refunds  Q1 10000 (c9's payment of 2024, refunded 5 Jan 2025);
               Q2 35000 (30 June 23:30 UTC); Q3 20000; Q4 0.
      payouts  earned Q1 50000 + 50000, Q2 50000 + 50000, Q3 -50000 (c4's
               line reversed), Q4 15000 (follow-up); paid (on a statement
               marked paid) Q1 50000 (Ada's), Q2 50000 (Cy's);
               owed Q1 50000, Q2 50000, Q3 -50000, Q4 15000.
    """
    ada = consultant(user__display_name="Ada Reviewer")
    ben = consultant(user__display_name="Ben Reviewer")
    cy = consultant(user__display_name="Cy Reviewer")

    c1 = case(Status.DELIVERED, t(1, 10), lead=ada, accepted_at=t(1, 11, 8))
    c1.delivered_at = c1.accepted_at + 30 * H
    c1.save()
    offer(c1, ben, OS.DECLINED, t(1, 11, 0), 3 * H)
    offer(c1, ada, OS.ACCEPTED, t(1, 11, 6), 2 * H)

    c2 = case(
        Status.DELIVERED,
        t(2, 1),
        lead=ben,
        accepted_at=t(2, 2, 4),
        deliver_after=40 * H,
    )
    offer(c2, cy, OS.DECLINED, t(2, 1, 12), 1 * H)
    offer(c2, ben, OS.ACCEPTED, t(2, 2, 0), 4 * H)

    c3 = case(
        Status.DELIVERED,
        t(3, 1),
        lead=ada,
        accepted_at=t(3, 3, 6),
        deliver_after=50 * H,
    )
    offer(c3, cy, OS.EXPIRED, t(3, 2, 0), 12 * H)
    offer(c3, ada, OS.ACCEPTED, t(3, 3, 0), 6 * H)

    c4 = case(
        Status.CLOSED, t(4, 1), lead=cy, accepted_at=t(4, 3, 10), deliver_after=47 * H
    )
    offer(c4, ben, OS.EXPIRED, t(4, 2, 0), 12 * H)
    offer(c4, cy, OS.ACCEPTED, t(4, 3, 0), 10 * H)

    c5 = case(Status.DRAFTING, t(5, 1), lead=ben, accepted_at=t(5, 3, 14))
    offer(c5, cy, OS.EXPIRED, t(5, 2, 0), 12 * H)
    offer(c5, ada, OS.WITHDRAWN, t(5, 2, 0), 20 * H)
    offer(c5, ben, OS.ACCEPTED, t(5, 3, 0), 14 * H)

    c6 = case(Status.OFFERED, t(6, 1))
    offer(c6, ada, OS.PENDING, t(6, 2, 0))
    case(Status.TRIAGE, t(7, 1))
    case(Status.DECLINED, t(8, 1))
    case(Status.CANCELLED, t(9, 1))

    c9 = case(
        Status.DELIVERED,
        t(11, 1, year=2024),
        lead=ada,
        accepted_at=t(11, 2, 1, year=2024),
        deliver_after=20 * H,
    )
    offer(c9, cy, OS.DECLINED, t(11, 1, 12, year=2024), 1 * H)
    offer(c9, ada, OS.ACCEPTED, t(11, 2, 0, year=2024), 1 * H)

    payment(c1, 35000, paid_at=t(1, 15))
    payment(c2, 35000, paid_at=t(2, 10))
    payment(
        c3,
        50000,
        paid_at=t(4, 1),
        refunded=20000,
        refunded_at=t(7, 2),
        status=CasePayment.Status.PARTLY_REFUNDED,
    )
    payment(
        c4,
        35000,
        paid_at=t(5, 20),
        refunded=35000,
        refunded_at=t(6, 30, 23, 30),
        status=CasePayment.Status.REFUNDED,
    )
    payment(c5, 35000, status=CasePayment.Status.PENDING)
    payment(c1, 12000, paid_at=t(11, 3), purpose=CasePayment.Purpose.FOLLOW_UP)
    payment(
        c9,
        35000,
        paid_at=t(12, 20, year=2024),
        refunded=10000,
        refunded_at=t(1, 5),
        status=CasePayment.Status.PARTLY_REFUNDED,
    )

    paid_q1 = PayoutStatement.objects.create(
        reviewer=ada, year=2025, quarter=1, paid_on=date(2025, 4, 15)
    )
    unpaid_q1 = PayoutStatement.objects.create(reviewer=ben, year=2025, quarter=1)
    paid_q2 = PayoutStatement.objects.create(
        reviewer=cy, year=2025, quarter=2, paid_on=date(2025, 7, 10)
    )
    line(ada, c1, 50000, date(2025, 2, 1), statement=paid_q1)
    line(ben, c2, 50000, date(2025, 3, 31), statement=unpaid_q1)
    line(ada, c3, 50000, date(2025, 4, 10))
    l4 = line(cy, c4, 50000, date(2025, 5, 1), statement=paid_q2)
    line(cy, c4, -50000, date(2025, 7, 1), kind="reversal", reverses=l4)
    line(ada, c1, 15000, date(2025, 11, 4), kind="follow_up")
    line(ada, c9, 50000, date(2024, 12, 30))
    return {"ada": ada, "ben": ben, "cy": cy}


def money_row(quarter, revenue, refunds, earned, paid):
    return {
        "quarter": quarter,
        "currency": "usd",
        "revenue": revenue,
        "refunds": refunds,
        "payouts_earned": earned,
        "payouts_paid": paid,
        "payouts_owed": earned - paid,
    }


def test_the_figures_of_a_year_match_the_hand_computed_set(hand_set):
    figures = figures_for(Period.of(year=2025))

    assert figures.cases_by_state == [
        ("triage", "In triage", 1),
        ("declined", "Declined", 1),
        ("offered", "Offered to a reviewer", 1),
        ("drafting", "Report being written", 1),
        ("delivered", "Delivered", 3),
        ("closed", "Closed", 1),
        ("cancelled", "Cancelled", 1),
    ]
    assert (figures.accept.count, figures.accept.median, figures.accept.p90) == (
        5,
        6.0,
        12.4,
    )
    assert (figures.deliver.count, figures.deliver.median, figures.deliver.p90) == (
        4,
        43.5,
        49.1,
    )
    assert (figures.offers_in_window.within, figures.offers_in_window.total) == (4, 10)
    assert figures.offers_in_window.percent == 40.0
    assert (figures.delivered_in_time.within, figures.delivered_in_time.total) == (
        3,
        4,
    )
    assert figures.delivered_in_time.percent == 75.0
    assert figures.reviewers == [
        {"name": "Cy Reviewer", "accepted": 1, "declined": 1, "expired": 2},
        {"name": "Ben Reviewer", "accepted": 2, "declined": 1, "expired": 1},
        {"name": "Ada Reviewer", "accepted": 2, "declined": 0, "expired": 0},
    ]
    assert figures.money == [
        money_row("2025-Q1", 70000, 10000, 100000, 50000),
        money_row("2025-Q2", 85000, 35000, 100000, 50000),
        money_row("2025-Q3", 0, 20000, -50000, 0),
        money_row("2025-Q4", 12000, 0, 15000, 0),
    ]


def test_a_quarter_counts_only_what_falls_in_it(hand_set):
    figures = figures_for(Period.of(year=2025, quarter=1))
    # Sent in Q1: c1, c2, c3, all delivered. Accepted in Q1: 2, 4, 6 h ->
    # median 4, p90 rank 1.8 -> 4 + 0.8*2 = 5.6. Answered in Q1: c1's two,
    # c2's two, c3's two = 6, of which 3 accepted in the window.
    assert figures.cases_by_state == [("delivered", "Delivered", 3)]
    assert (figures.accept.median, figures.accept.p90) == (4.0, 5.6)
    assert (figures.offers_in_window.within, figures.offers_in_window.total) == (3, 6)
    assert figures.money == [money_row("2025-Q1", 70000, 10000, 100000, 50000)]


def test_percentiles_interpolate_between_ranks():
    assert percentile([], 0.5) is None
    assert percentile([7.0], 0.9) == 7.0
    assert percentile([1, 2, 3, 4], 0.5) == 2.5
    assert percentile([10, 1, 5], 0.9) == 9.0  # rank 1.8 of [1, 5, 10]


def test_the_default_period_is_the_last_12_months(client):
    now = timezone.now()
    case(Status.TRIAGE, now - timedelta(days=30))
    case(Status.DECLINED, now - timedelta(days=400))
    client.force_login(people.director())
    response = client.get(PAGE)
    assert response.status_code == 200
    figures = response.context["figures"]
    assert figures.period.label == "The last 12 months"
    assert figures.cases_by_state == [("triage", "In triage", 1)]


def test_the_page_shows_the_figures_charts_and_tables(client, hand_set):
    client.force_login(people.director())
    response = client.get(PAGE, {"year": "2025"})
    assert response.status_code == 200
    html = response.content.decode()
    assert html.split('<main id="main"', 1)[1].count("<svg") == 2  # the charts
    assert 'role="img"' in html and '<title id="chart-states-title">' in html
    assert "Delivered: 3." in html  # the chart's description
    assert "Revenue per quarter" in html and "2025-Q2: $850.00." in html
    assert "<td>43.5</td><td>49.1</td><td>4</td>" in html
    assert "40.0% (4 of 10 answered or lapsed)" in html
    assert "75.0% (3 of 4 delivered)" in html
    assert '<th scope="row">Cy Reviewer</th><td>1</td><td>1</td><td>2</td>' in html
    assert "-$500.00" in html  # Q3's payouts owed after the reversal
    assert f"{CSV}?year=2025" in html


def test_an_admin_sees_counts_and_names_but_no_case_content(client, hand_set):
    sample = Case.objects.first()
    sample.requester.display_name = "Therapist Zed"
    sample.requester.save()
    client.force_login(people.admin())
    response = client.get(PAGE, {"year": "2025"})
    assert response.status_code == 200
    html = response.content.decode()
    for text in (sample.case_summary, sample.referral_question, sample.reference):
        assert text not in html
    assert "Therapist Zed" not in html


def test_the_csv_holds_the_figures(client, hand_set):
    client.force_login(people.admin())
    response = client.get(CSV, {"year": "2025"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "consultation-figures-2025.csv" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["section", "item", "measure", "value"]
    assert rows[1] == ["period", "2025", "from", "2025-01-01T00:00:00+00:00"]
    assert rows[2] == ["period", "2025", "until", "2026-01-01T00:00:00+00:00"]
    body = rows[3:]
    assert [r for r in body if r[0] == "cases by state"] == [
        ["cases by state", "In triage", "cases", "1"],
        ["cases by state", "Declined", "cases", "1"],
        ["cases by state", "Offered to a reviewer", "cases", "1"],
        ["cases by state", "Report being written", "cases", "1"],
        ["cases by state", "Delivered", "cases", "3"],
        ["cases by state", "Closed", "cases", "1"],
        ["cases by state", "Cancelled", "cases", "1"],
    ]
    for row in (
        ["time to accept", "hours", "median", "6.0"],
        ["time to accept", "hours", "90th percentile", "12.4"],
        ["time to deliver", "hours", "median", "43.5"],
        ["time to deliver", "hours", "90th percentile", "49.1"],
        ["offers accepted within the window", "all", "per cent", "40.0"],
        ["reports delivered within the due time", "all", "within", "3"],
        ["reports delivered within the due time", "all", "per cent", "75.0"],
        ["reviewer", "Cy Reviewer", "expired", "2"],
        ["reviewer", "Ben Reviewer", "declined", "1"],
    ):
        assert row in body
    assert [r[1:] for r in body if r[0] == "money" and r[1] == "2025-Q3 USD"] == [
        ["2025-Q3 USD", "revenue", "0.00"],
        ["2025-Q3 USD", "refunds", "200.00"],
        ["2025-Q3 USD", "payouts earned", "-500.00"],
        ["2025-Q3 USD", "payouts paid", "0.00"],
        ["2025-Q3 USD", "payouts owed", "-500.00"],
    ]
    assert len([r for r in body if r[0] == "money"]) == 4 * 5


def test_a_name_a_spreadsheet_would_run_is_made_text(client):
    who = consultant(user__display_name="=HYPERLINK(1)")
    c = case(Status.OFFERED, t(1, 1))
    offer(c, who, OS.DECLINED, t(1, 2), H)
    client.force_login(people.director())
    rows = list(
        csv.reader(io.StringIO(client.get(CSV, {"year": "2025"}).content.decode()))
    )
    assert ["reviewer", "'=HYPERLINK(1)", "declined", "1"] in rows


@pytest.mark.parametrize("url", [PAGE, CSV])
@pytest.mark.parametrize("who", ["member", "consultant", "lapsed"])
def test_everyone_but_the_director_and_admins_is_refused(client, url, who):
    user = {
        "member": people.member,
        "consultant": consultant,
        "lapsed": people.lapsed_member,
    }[who]()
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 403
    assert b"section" not in response.content


@pytest.mark.parametrize("url", [PAGE, CSV])
def test_a_visitor_is_sent_to_sign_in(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("url", [PAGE, CSV])
@pytest.mark.parametrize("who", ["director", "admin", "staff_admin"])
def test_the_director_and_admins_are_let_in(client, url, who):
    client.force_login(getattr(people, who)())
    assert client.get(url).status_code == 200


def test_two_factor_is_asked_first(client):
    client.force_login(people.director(two_factor=False))
    assert client.get(PAGE)["Location"] == "/accounts/2fa/"


def test_the_board_links_to_the_figures(client):
    client.force_login(people.director())
    assert reverse("consultation_billing:figures") == PAGE
    assert reverse("consultation_billing:figures-csv") == CSV
    assert f'href="{PAGE}"' in client.get("/consultations/director/").content.decode()


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"year": "abc"}, "Enter a year as four digits, e.g. 2026."),
        ({"year": "2025", "quarter": "7"}, "Choose a quarter from 1 to 4."),
        ({"quarter": "2"}, "Choose the year of that quarter."),
        ({"year": "2999"}, "That year has not begun yet."),
        ({"year": "1999"}, "Ensure this value is greater than or equal to 2020."),
    ],
)
def test_a_bad_period_is_refused_with_a_message(client, query, message):
    client.force_login(people.director())
    page = client.get(PAGE, query)
    assert page.status_code == 400
    assert message in page.content.decode()
    assert page.context["figures"] is None
    if "year" in query:  # what was typed is kept
        assert f'value="{query["year"]}"' in page.content.decode()
    download = client.get(CSV, query)
    assert download.status_code == 400
    assert message in download.content.decode()


def _cases(n: int):
    """``n`` delivered cases in 2025, each with its own reviewer, an accepted
    and a declined offer, a payment and a payout line."""
    for i in range(n):
        lead, other = consultant(), consultant()
        accepted = t(1 + i % 12, 1 + i % 27, 6)
        c = case(
            Status.DELIVERED,
            accepted - 24 * H,
            lead=lead,
            accepted_at=accepted,
            deliver_after=(20 + i) * H,
        )
        offer(c, other, OS.DECLINED, accepted - 10 * H, H)
        offer(c, lead, OS.ACCEPTED, accepted - 3 * H, 3 * H)
        payment(c, 35000, paid_at=accepted)
        line(lead, c, 50000, c.delivered_at.date())


def _queries(client, url, n):
    _cases(n)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, {"year": "2025"})
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize("url", [PAGE, CSV])
def test_the_number_of_queries_does_not_grow_with_the_cases(client, url):
    client.force_login(people.director())
    client.get(url)  # the session and the roles' caches warm once
    small = _queries(client, url, 10)
    large = _queries(client, url, 30)  # 40 cases in all
    assert Case.objects.count() == 40
    assert small == large


def test_the_figures_take_seven_queries(django_assert_num_queries):
    _cases(3)
    with django_assert_num_queries(7):
        figures_for(Period.of(year=2025))
