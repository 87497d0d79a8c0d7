"""Quarterly payout statements: which lines a quarter holds, issuing once,
totals with a reversal, the CSV and the PDF, who may see them, and marking a
statement paid exactly once.

Quarter rule under test: a line belongs to the quarter of its ``earned_on``,
a UTC date, whatever the reviewer's own zone (``consultation_billing.statements``).
"""

import csv
import io
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import IntegrityError
from django.urls import reverse
from django.utils import timezone
from django_q.models import Schedule
from pypdf import PdfReader

from consultation_billing import ledger, statement_files, statements
from consultation_billing.models import PayoutLine, PayoutStatement
from consultation_billing.setup import SCHEDULE_STATEMENTS, ensure_schedules
from consultation_billing.tasks import issue_last_quarter_statements
from consultations.models import Case
from tests.community import factories as people
from tests.consultations.factories import attending, case_in, consultant

pytestmark = pytest.mark.django_db
Status = Case.Status
Kind = PayoutLine.Kind
APRIL_2 = date(2026, 4, 2)
CMS = "/cms/consultation-billing/statements/"
PAYOUTS = "/consultations/reviewer/payouts/"


def delivered(reviewer, at: datetime) -> PayoutLine:
    """A case delivered at ``at`` and its ledger line, as on delivery."""
    case = case_in(Status.DELIVERED, lead=reviewer, now=at)
    return ledger.case_line_add(case_id=case.pk)


@pytest.fixture
def reviewer(db):
    return consultant(user=people.UserFactory(display_name="Dr Ada Reviewer"))


@pytest.fixture
def q1_statement(reviewer):
    """Two Q1 lines, one reversed in Q1: a statement of $500.00."""
    first = delivered(reviewer, datetime(2026, 1, 10, 12, tzinfo=UTC))
    delivered(reviewer, datetime(2026, 2, 20, 12, tzinfo=UTC))
    with time_machine.travel(datetime(2026, 3, 5, 9, tzinfo=UTC), tick=False):
        ledger.line_reverse(line_id=first.pk)
    return statements.statement_issue(
        reviewer_id=reviewer.pk, year=2026, quarter=1, today=APRIL_2
    )


# Quarters --------------------------------------------------------------------------


def test_quarter_boundaries():
    assert statements.Quarter.of(date(2026, 3, 31)) == statements.Quarter(2026, 1)
    assert statements.Quarter.of(date(2026, 4, 1)) == statements.Quarter(2026, 2)
    q4 = statements.Quarter(2025, 4)
    assert (q4.first_day, q4.last_day) == (date(2025, 10, 1), date(2025, 12, 31))
    assert statements.Quarter(2026, 1).last_day == date(2026, 3, 31)
    assert statements.last_ended_quarter(date(2026, 1, 1)) == q4


def test_a_line_on_31_march_is_q1_and_on_1_april_q2_in_utc_not_the_reviewers_zone(
    reviewer,
):
    """The reviewer is in Berlin, where 23:30 UTC on 31 March is already
    1 April; and the approver's zone (Auckland) is active at delivery."""
    assert reviewer.time_zone == "Europe/Berlin"
    with timezone.override(ZoneInfo("Pacific/Auckland")):
        march = delivered(reviewer, datetime(2026, 3, 31, 23, 30, tzinfo=UTC))
        april = delivered(reviewer, datetime(2026, 4, 1, 0, 30, tzinfo=UTC))
    statement = statements.statement_issue(
        reviewer_id=reviewer.pk, year=2026, quarter=1, today=APRIL_2
    )
    assert list(statement.lines.all()) == [march]
    april.refresh_from_db()
    assert april.statement is None
    with pytest.raises(statements.StatementError, match="has not ended"):
        statements.statement_issue(
            reviewer_id=reviewer.pk, year=2026, quarter=2, today=APRIL_2
        )
    q2 = statements.statement_issue(
        reviewer_id=reviewer.pk, year=2026, quarter=2, today=date(2026, 7, 1)
    )
    assert list(q2.lines.all()) == [april]


# Issuing ---------------------------------------------------------------------------


def test_issuing_twice_makes_one_statement_and_puts_each_line_on_one(reviewer):
    other = consultant()
    mine = delivered(reviewer, datetime(2026, 2, 1, 12, tzinfo=UTC))
    theirs = delivered(other, datetime(2026, 3, 1, 12, tzinfo=UTC))
    first = statements.statements_issue_for_quarter(year=2026, quarter=1, today=APRIL_2)
    again = statements.statement_issue(
        reviewer_id=reviewer.pk, year=2026, quarter=1, today=APRIL_2
    )
    assert (
        statements.statements_issue_for_quarter(year=2026, quarter=1, today=APRIL_2)
        == []
    )  # nothing waits any more
    assert PayoutStatement.objects.count() == 2
    assert again in first
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert mine.statement.reviewer == reviewer
    assert theirs.statement.reviewer == other


def test_issuing_while_another_worker_creates_the_statement_uses_theirs(
    reviewer, monkeypatch
):
    """The other worker's row was not there for our ``get`` and our insert
    hit the unique constraint: we lock and fill theirs."""
    line = delivered(reviewer, datetime(2026, 2, 1, 12, tzinfo=UTC))
    theirs = PayoutStatement.objects.create(reviewer=reviewer, year=2026, quarter=1)

    def collide(**keys):
        raise IntegrityError("payout_statement_one_per_quarter")

    monkeypatch.setattr(PayoutStatement.objects, "get_or_create", collide)
    statement = statements.statement_issue(
        reviewer_id=reviewer.pk, year=2026, quarter=1, today=APRIL_2
    )
    assert statement == theirs
    line.refresh_from_db()
    assert line.statement == theirs
    assert PayoutStatement.objects.count() == 1


def test_a_paid_statement_takes_no_new_line(q1_statement, reviewer):
    statements.statement_mark_paid(
        statement_id=q1_statement.pk,
        paid_on=APRIL_2,
        reference="DEPT-1",
        actor=people.admin(),
    )
    late = PayoutLine.objects.create(
        reviewer=reviewer,
        case_reference="C-2026-9999",
        kind=Kind.FOLLOW_UP,
        amount=15000,
        currency="usd",
        earned_on=date(2026, 3, 30),
        transfer_group="case-C-2026-9999",
    )
    statements.statement_issue(
        reviewer_id=reviewer.pk, year=2026, quarter=1, today=APRIL_2
    )
    late.refresh_from_db()
    assert late.statement is None
    assert q1_statement.lines.count() == 3


def test_the_schedule_is_kept_once_and_issues_the_quarter_that_ended(reviewer):
    ensure_schedules()
    ensure_schedules()
    schedule = Schedule.objects.get(name=SCHEDULE_STATEMENTS)
    assert schedule.func == "consultation_billing.tasks.issue_last_quarter_statements"
    delivered(reviewer, datetime(2025, 12, 31, 22, tzinfo=UTC))
    delivered(reviewer, datetime(2026, 1, 1, 1, tzinfo=UTC))
    with time_machine.travel(datetime(2026, 1, 1, 3, 15, tzinfo=UTC), tick=False):
        assert issue_last_quarter_statements() == 1
        assert issue_last_quarter_statements() == 0
    statement = PayoutStatement.objects.get()
    assert (statement.year, statement.quarter) == (2025, 4)
    assert statement.lines.count() == 1


# Totals, CSV and PDF ---------------------------------------------------------------


def test_the_total_counts_a_reversal(q1_statement):
    view = statements.statement_view(q1_statement)
    assert [line.amount for line in view.lines] == [50000, 50000, -50000]
    assert (view.total, view.display_total) == (50000, "$500.00")
    assert view.paid_status == "Not paid yet"


def test_the_csv_lists_every_line_and_the_total(client, q1_statement, reviewer):
    client.force_login(reviewer)
    response = client.get(
        reverse("consultation_billing:statement-csv", args=[q1_statement.pk])
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "payout-statement-2026-q1.csv" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    first, second = PayoutLine.objects.filter(kind=Kind.CASE).order_by("earned_on")
    assert rows == [
        ["Reviewer", "Dr Ada Reviewer"],
        ["Quarter", "2026 Q1"],
        ["Status", "Not paid yet"],
        [],
        ["Date", "Case reference", "Kind", "Amount", "Currency"],
        ["2026-01-10", first.case_reference, "Written consultation", "500.00", "USD"],
        ["2026-02-20", second.case_reference, "Written consultation", "500.00", "USD"],
        ["2026-03-05", first.case_reference, "Reversed", "-500.00", "USD"],
        ["Total", "", "", "500.00", "USD"],
    ]


def test_the_csv_marks_a_paid_statement_and_a_name_is_never_a_formula(reviewer):
    reviewer.display_name = "=HYPERLINK(1)"
    reviewer.save()
    delivered(reviewer, datetime(2026, 2, 1, tzinfo=UTC))
    statement = statements.statement_issue(
        reviewer_id=reviewer.pk, year=2026, quarter=1, today=APRIL_2
    )
    statements.statement_mark_paid(
        statement_id=statement.pk, paid_on=APRIL_2, reference="TR-77", actor=None
    )
    statement.refresh_from_db()
    view = statements.statement_view(statement)
    rows = list(csv.reader(io.StringIO(statement_files.statement_csv(view))))
    assert rows[0] == ["Reviewer", "'=HYPERLINK(1)"]
    assert rows[2] == ["Status", "Paid on 2026-04-02, reference TR-77"]


def test_the_pdf_reads_back_with_lines_total_and_status_and_no_case_text(
    client, q1_statement, reviewer
):
    client.force_login(reviewer)
    response = client.get(
        reverse("consultation_billing:statement-pdf", args=[q1_statement.pk])
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = "\n".join(
        page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages
    )
    assert "Dr Ada Reviewer" in text
    assert "Payout statement, 2026 Q1" in text
    for line in q1_statement.lines.all():
        assert line.case_reference in text
    assert "2026-01-10" in text and "2026-03-05" in text
    assert "Written consultation" in text and "Reversed" in text
    assert "-$500.00" in text
    assert "Total" in text and "Not paid yet" in text
    case = Case.objects.filter(lead_reviewer=reviewer).first()
    for clinical in (case.case_summary, case.referral_question, case.risk_notes):
        assert clinical not in text


# The reviewer's page ---------------------------------------------------------------


def test_the_reviewer_sees_their_statements_and_open_lines(
    client, q1_statement, reviewer
):
    other = consultant()
    delivered(other, datetime(2026, 2, 1, tzinfo=UTC))
    open_line = delivered(reviewer, datetime(2026, 4, 10, tzinfo=UTC))
    client.force_login(reviewer)
    home = client.get(reverse("consultations:reviewer")).content.decode()
    assert f'href="{PAYOUTS}"' in home
    response = client.get(PAYOUTS)
    page = response.content.decode()
    assert response.status_code == 200
    assert "2026 Q1" in page and "$500.00" in page and "Not paid yet" in page
    assert open_line.case_reference in page
    assert reverse("consultation_billing:statement-pdf", args=[q1_statement.pk]) in page
    assert reverse("consultation_billing:statement-csv", args=[q1_statement.pk]) in page
    others = PayoutLine.objects.get(reviewer=other)
    assert others.case_reference not in page


@pytest.mark.parametrize("name", ["statement-pdf", "statement-csv"])
def test_another_reviewers_statement_does_not_exist_for_them(
    client, q1_statement, name
):
    client.force_login(consultant())
    response = client.get(
        reverse(f"consultation_billing:{name}", args=[q1_statement.pk])
    )
    assert response.status_code == 404


@pytest.mark.parametrize("role", ["member", "director", "site_admin"])
def test_who_is_not_in_the_pool_is_refused_the_payout_pages(
    client, request, role, q1_statement
):
    client.force_login(request.getfixturevalue(role))
    for path in (
        PAYOUTS,
        reverse("consultation_billing:statement-pdf", args=[q1_statement.pk]),
        reverse("consultation_billing:statement-csv", args=[q1_statement.pk]),
    ):
        assert client.get(path).status_code == 403, path


def test_a_reviewer_who_left_the_pool_still_reads_their_payouts(
    client, reviewer, q1_statement
):
    reviewer.consultant_profile.active = False
    reviewer.consultant_profile.save()
    client.force_login(reviewer)
    assert client.get(PAYOUTS).status_code == 200
    pdf = reverse("consultation_billing:statement-pdf", args=[q1_statement.pk])
    assert client.get(pdf).status_code == 200


def test_a_visitor_is_sent_to_sign_in(client):
    response = client.get(PAYOUTS)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


# The admins' statements in /cms/ ---------------------------------------------------


def test_admin_sees_every_statement_its_lines_and_files(
    client, site_admin, q1_statement
):
    other = consultant(user=people.UserFactory(display_name="Dr Bo Other"))
    delivered(other, datetime(2026, 2, 1, tzinfo=UTC))
    statements.statements_issue_for_quarter(year=2026, quarter=1, today=APRIL_2)
    client.force_login(site_admin)
    listing = client.get(CMS).content.decode()
    assert "Dr Ada Reviewer" in listing and "Dr Bo Other" in listing
    assert f"{CMS}{q1_statement.pk}/" in listing
    detail = client.get(f"{CMS}{q1_statement.pk}/")
    assert detail.status_code == 200
    page = detail.content.decode()
    assert "-$500.00" in page and "Mark paid" in page
    for line in q1_statement.lines.all():
        assert line.case_reference in page
    pdf = client.get(f"{CMS}{q1_statement.pk}/pdf/")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    csv_file = client.get(f"{CMS}{q1_statement.pk}/csv/")
    assert b"Dr Ada Reviewer" in csv_file.content
    dashboard = client.get("/cms/").content.decode()
    assert CMS in dashboard


def test_admin_marks_a_statement_paid_once_and_a_second_mark_is_refused(
    client, site_admin, q1_statement
):
    client.force_login(site_admin)
    mark = f"{CMS}{q1_statement.pk}/mark-paid/"
    response = client.post(mark, {"paid_on": "2026-04-10", "reference": "DEPT-42"})
    assert response.status_code == 302
    q1_statement.refresh_from_db()
    assert q1_statement.paid_on == date(2026, 4, 10)
    assert q1_statement.paid_reference == "DEPT-42"
    assert q1_statement.marked_paid_by == site_admin

    response = client.post(
        mark, {"paid_on": "2026-04-11", "reference": "DEPT-43"}, follow=True
    )
    messages = [str(m) for m in response.context["messages"]]
    assert any("already marked paid on 2026-04-10" in m for m in messages)
    q1_statement.refresh_from_db()
    assert (q1_statement.paid_on, q1_statement.paid_reference) == (
        date(2026, 4, 10),
        "DEPT-42",
    )
    assert "Mark paid</button>" not in response.content.decode()


def test_the_service_refuses_a_second_mark(q1_statement):
    statements.statement_mark_paid(
        statement_id=q1_statement.pk, paid_on=APRIL_2, reference="A", actor=None
    )
    with pytest.raises(statements.StatementError, match="already marked paid"):
        statements.statement_mark_paid(
            statement_id=q1_statement.pk, paid_on=APRIL_2, reference="B", actor=None
        )
    q1_statement.refresh_from_db()
    assert q1_statement.paid_reference == "A"


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({"paid_on": "2026-04-10", "reference": "  "}, "Enter the payment"),
        ({"paid_on": "2999-01-01", "reference": "DEPT-9"}, "cannot be in the future"),
        ({"paid_on": "not a date", "reference": "DEPT-9"}, "Enter a valid date"),
    ],
)
def test_a_bad_mark_is_refused_with_a_message_and_keeps_what_was_typed(
    client, site_admin, q1_statement, data, error
):
    client.force_login(site_admin)
    response = client.post(f"{CMS}{q1_statement.pk}/mark-paid/", data)
    assert response.status_code == 400
    page = response.content.decode()
    assert error in page
    assert data["paid_on"] in page
    q1_statement.refresh_from_db()
    assert q1_statement.paid_on is None


def test_admin_issues_a_quarter_on_demand_and_an_open_quarter_is_refused(
    client, site_admin, reviewer
):
    delivered(reviewer, datetime(2026, 2, 1, tzinfo=UTC))
    client.force_login(site_admin)
    with time_machine.travel(datetime(2026, 4, 2, 9, tzinfo=UTC)):
        assert client.get(f"{CMS}issue/").status_code == 200
        refused = client.post(f"{CMS}issue/", {"year": "2026", "quarter": "2"})
        assert refused.status_code == 400
        assert "has not ended yet" in refused.content.decode()
        assert not PayoutStatement.objects.exists()
        response = client.post(f"{CMS}issue/", {"year": "2026", "quarter": "1"})
    assert response.status_code == 302
    statement = PayoutStatement.objects.get()
    assert (statement.reviewer, statement.year, statement.quarter) == (
        reviewer,
        2026,
        1,
    )


@pytest.mark.parametrize("role", ["director", "attending", "member"])
def test_the_director_and_other_staff_cannot_see_or_mark_statements(
    client, request, role, q1_statement
):
    person = attending() if role == "attending" else request.getfixturevalue(role)
    client.force_login(person)
    pk = q1_statement.pk
    for path in (
        CMS,
        f"{CMS}{pk}/",
        f"{CMS}{pk}/pdf/",
        f"{CMS}{pk}/csv/",
        f"{CMS}issue/",
    ):
        response = client.get(path)
        assert response.status_code in (302, 403), path
        if response.status_code == 302:
            assert not response["Location"].startswith(CMS), path
        assert b"Dr Ada Reviewer" not in response.content
    response = client.post(
        f"{CMS}{pk}/mark-paid/", {"paid_on": "2026-04-10", "reference": "X"}
    )
    assert response.status_code in (302, 403)
    client.post(f"{CMS}issue/", {"year": "2026", "quarter": "1"})
    q1_statement.refresh_from_db()
    assert q1_statement.paid_on is None
    assert PayoutStatement.objects.count() == 1
    if role == "director":
        assert CMS not in client.get("/cms/").content.decode()
