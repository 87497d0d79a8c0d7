"""Quarterly payout statements: one per reviewer per calendar quarter,
gathering the ledger lines earned in it, and marked paid by an admin once.

A line belongs to the quarter of its ``earned_on`` date, which the ledger keeps
in UTC (``ledger.utc_date``): a case delivered at 23:30 UTC on 31 March is a
first-quarter line for a reviewer in Berlin too, where it was already 1 April.
One rule for everyone, so the admins' totals and each reviewer's statement add
up to the same figures.

Issuing is idempotent: the statement is found or created under the unique
(reviewer, year, quarter) constraint and locked, and only lines with no
statement yet are attached, so two workers (the schedule and an admin) cannot
put a line on two statements or make two statements for one quarter. A quarter
is issued only once it has ended, and a paid statement takes no new line.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction

from consultation_billing.ledger import utc_date
from consultation_billing.models import PayoutLine, PayoutStatement
from memberships.money import format_money


class StatementError(Exception):
    """A refusal to show the admin as it is (nothing was changed)."""


@dataclass(frozen=True)
class Quarter:
    year: int
    quarter: int

    @classmethod
    def of(cls, day: date) -> "Quarter":
        return cls(day.year, (day.month - 1) // 3 + 1)

    @property
    def first_day(self) -> date:
        return date(self.year, 3 * self.quarter - 2, 1)

    @property
    def last_day(self) -> date:
        if self.quarter == 4:
            return date(self.year, 12, 31)
        return date(self.year, 3 * self.quarter + 1, 1) - timedelta(days=1)

    def previous(self) -> "Quarter":
        if self.quarter == 1:
            return Quarter(self.year - 1, 4)
        return Quarter(self.year, self.quarter - 1)

    def __str__(self) -> str:
        return f"{self.year} Q{self.quarter}"


def last_ended_quarter(today: date | None = None) -> Quarter:
    return Quarter.of(today or utc_date()).previous()


def money(amount: int, currency: str) -> str:
    """format_money with the sign in front: "-$500.00" for a reversal."""
    sign = "-" if amount < 0 else ""
    return sign + format_money(abs(amount), currency)


# Issuing ---------------------------------------------------------------------------


def _locked_statement(*, reviewer_id: int, quarter: Quarter) -> PayoutStatement:
    keys = {"reviewer_id": reviewer_id, "year": quarter.year}
    keys["quarter"] = quarter.quarter
    try:
        with transaction.atomic():
            PayoutStatement.objects.get_or_create(**keys)
    except IntegrityError:  # another worker created it at the same moment
        pass
    return PayoutStatement.objects.select_for_update().get(**keys)


@transaction.atomic
def statement_issue(
    *, reviewer_id: int, year: int, quarter: int, today: date | None = None
) -> PayoutStatement:
    """The reviewer's statement for the quarter, with every line of it that
    was on no statement yet. Running it again changes nothing."""
    period = Quarter(year, quarter)
    if period.last_day >= (today or utc_date()):
        raise StatementError(f"{period} has not ended yet: lines may still come.")
    statement = _locked_statement(reviewer_id=reviewer_id, quarter=period)
    if statement.paid_on is None:
        PayoutLine.objects.filter(
            reviewer_id=reviewer_id,
            statement__isnull=True,
            earned_on__range=(period.first_day, period.last_day),
        ).update(statement=statement)
    return statement


def statements_issue_for_quarter(
    *, year: int, quarter: int, today: date | None = None
) -> list[PayoutStatement]:
    """A statement for every reviewer with lines in the quarter not on one yet."""
    period = Quarter(year, quarter)
    reviewer_ids = (
        PayoutLine.objects.filter(
            statement__isnull=True,
            earned_on__range=(period.first_day, period.last_day),
        )
        .values_list("reviewer_id", flat=True)
        .distinct()
        .order_by("reviewer_id")
    )
    return [
        statement_issue(reviewer_id=pk, year=year, quarter=quarter, today=today)
        for pk in list(reviewer_ids)
    ]


def statements_issue_last_quarter(*, today: date | None = None) -> int:
    """The schedule's work: the quarter that ended. Daily, so a missed run is
    caught up the next day; every run after the first changes nothing."""
    period = last_ended_quarter(today)
    issued = statements_issue_for_quarter(
        year=period.year, quarter=period.quarter, today=today
    )
    return len(issued)


# Marking paid ----------------------------------------------------------------------


@transaction.atomic
def statement_mark_paid(
    *, statement_id: int, paid_on: date, reference: str, actor
) -> PayoutStatement:
    """Once: a second mark (a double click, two admins) is refused."""
    statement = PayoutStatement.objects.select_for_update().get(pk=statement_id)
    if statement.paid_on is not None:
        raise StatementError(
            f"This statement was already marked paid on {statement.paid_on:%Y-%m-%d}"
            f" (reference {statement.paid_reference}). Nothing was changed."
        )
    statement.paid_on = paid_on
    statement.paid_reference = reference.strip()
    statement.marked_paid_by = actor
    statement.full_clean()
    statement.save(update_fields=["paid_on", "paid_reference", "marked_paid_by"])
    return statement


# Reading ---------------------------------------------------------------------------


@dataclass
class StatementView:
    """What a statement shows, wherever it is shown (page, CSV, PDF)."""

    statement: PayoutStatement
    lines: list
    total: int
    currency: str

    @property
    def quarter(self) -> Quarter:
        return Quarter(self.statement.year, self.statement.quarter)

    @property
    def display_total(self) -> str:
        return money(self.total, self.currency)

    @property
    def paid_status(self) -> str:
        statement = self.statement
        if statement.paid_on is None:
            return "Not paid yet"
        paid_on = f"{statement.paid_on:%Y-%m-%d}"
        return f"Paid on {paid_on}, reference {statement.paid_reference}"


def statement_view(statement: PayoutStatement) -> StatementView:
    lines = list(statement.lines.order_by("earned_on", "pk"))
    total = sum(line.amount for line in lines)
    currency = lines[0].currency if lines else settings.CONSULT_PAYOUT_CURRENCY
    return StatementView(statement, lines, total, currency)


def statements_for(*, reviewer) -> list[StatementView]:
    statements = PayoutStatement.objects.filter(reviewer=reviewer).select_related(
        "reviewer"
    )
    return [statement_view(s) for s in statements]


def open_lines_for(*, reviewer):
    """Lines not on a statement yet (this quarter's, so far)."""
    return PayoutLine.objects.filter(reviewer=reviewer, statement__isnull=True)
