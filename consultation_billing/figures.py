"""The turnaround figures: whether the clocks are kept, and the money per
quarter, for the director and admins.

Only counts, durations, amounts and reviewer names: never case text (admins
read no case content). Everything is computed in a fixed number of queries,
whatever the number of cases (the view's test pins it).

What falls in a period (calendar periods in UTC):
- cases by state: cases *sent* (``submitted_at``) in the period, in the state
  they are in now; drafts never sent are not counted;
- time to accept: the reviewer's clock, from the offer sent (``offered_at``) to
  its acceptance (``responded_at``), for offers accepted in the period: what a
  reviewer controls, unlike the time the director takes to triage and match;
- time to deliver: from acceptance (``Case.accepted_at``) to ``delivered_at``,
  for cases delivered in the period;
- offers accepted within the window: accepted with ``responded_at <= accept_by``
  over every offer answered (accepted or declined) or lapsed in the period
  (withdrawn and still-open offers are nobody's answer and are left out);
- reports delivered within the due time: ``delivered_at <= due_at`` over the
  cases delivered in the period;
- money by quarter: payments by ``paid_at``, refunds by ``refunded_at``, payout
  lines by ``earned_on``; "owed" is what is not on a statement marked paid.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from django.conf import settings
from django.db.models import Count, F, Q, Sum
from django.db.models.functions import TruncQuarter
from django.utils import timezone

from consultation_billing.models import CasePayment, PayoutLine
from consultations.models import Case, Offer

ANSWERED = [Offer.Status.ACCEPTED, Offer.Status.DECLINED, Offer.Status.EXPIRED]


@dataclass(frozen=True)
class Period:
    start: datetime  # inclusive, UTC
    end: datetime  # exclusive, UTC
    label: str

    @classmethod
    def last_12_months(cls, now: datetime | None = None) -> Period:
        now = (now or timezone.now()).astimezone(UTC)
        try:
            start = now.replace(year=now.year - 1)
        except ValueError:  # 29 February
            start = now.replace(year=now.year - 1, day=28)
        return cls(start=start, end=now, label="The last 12 months")

    @classmethod
    def of(cls, *, year: int, quarter: int | None = None) -> Period:
        if quarter is None:
            start = datetime(year, 1, 1, tzinfo=UTC)
            return cls(start, datetime(year + 1, 1, 1, tzinfo=UTC), str(year))
        start = datetime(year, 3 * quarter - 2, 1, tzinfo=UTC)
        end = (
            datetime(year + 1, 1, 1, tzinfo=UTC)
            if quarter == 4
            else datetime(year, 3 * quarter + 1, 1, tzinfo=UTC)
        )
        return cls(start, end, f"{year} Q{quarter}")

    def quarters(self) -> list[str]:
        """Every quarter the period touches, oldest first ("2026-Q1")."""
        last = max(self.start, self.end - timedelta(microseconds=1))
        year, q = self.start.year, (self.start.month - 1) // 3 + 1
        keys = []
        while (year, q) <= (last.year, (last.month - 1) // 3 + 1):
            keys.append(f"{year}-Q{q}")
            year, q = (year + 1, 1) if q == 4 else (year, q + 1)
        return keys


@dataclass
class Durations:
    count: int
    median: float | None
    p90: float | None


@dataclass
class Share:
    within: int
    total: int

    @property
    def percent(self) -> float | None:
        return None if not self.total else round(100 * self.within / self.total, 1)


@dataclass
class Figures:
    period: Period
    cases_by_state: list[tuple[str, str, int]]  # (value, label, count)
    accept: Durations
    deliver: Durations
    offers_in_window: Share
    delivered_in_time: Share
    reviewers: list[dict]
    money: list[dict]
    currencies: list[str] = field(default_factory=list)


def percentile(values: list[float], fraction: float) -> float | None:
    """Linear interpolation between the closest ranks (numpy's default and
    Excel's PERCENTILE.INC): rank = fraction * (n - 1). The median is
    ``percentile(values, 0.5)``.

    Done in Python on the list one query returns, not in SQL (SQLite has no
    percentile function): fine up to tens of thousands of rows; beyond that,
    PostgreSQL's ``percentile_cont`` would do it in the database."""
    if not values:
        return None
    ordered = sorted(values)
    rank = fraction * (len(ordered) - 1)
    low, high = math.floor(rank), math.ceil(rank)
    value = ordered[low] + (ordered[high] - ordered[low]) * (rank - low)
    return round(value, 2)


def _hours(pairs) -> Durations:
    hours = [(end - start).total_seconds() / 3600 for start, end in pairs]
    return Durations(len(hours), percentile(hours, 0.5), percentile(hours, 0.9))


def _quarter_key(value: date | datetime) -> str:
    return f"{value.year}-Q{(value.month - 1) // 3 + 1}"


def _cases_by_state(period: Period) -> list[tuple[str, str, int]]:
    counts = dict(
        Case.objects.filter(submitted_at__gte=period.start, submitted_at__lt=period.end)
        .values_list("status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return [
        (value, label, counts[value])
        for value, label in Case.Status.choices
        if counts.get(value)
    ]


def _offers(period: Period) -> tuple[Durations, Share, list[dict]]:
    in_period = Q(responded_at__gte=period.start, responded_at__lt=period.end)
    accepted = Offer.objects.filter(
        in_period, status=Offer.Status.ACCEPTED, offered_at__isnull=False
    )
    accept = _hours(accepted.values_list("offered_at", "responded_at").order_by())
    rows = list(
        Offer.objects.filter(in_period, status__in=ANSWERED)
        .values("consultant_id", "consultant__display_name")
        .annotate(
            accepted=Count("pk", filter=Q(status=Offer.Status.ACCEPTED)),
            in_window=Count(
                "pk",
                filter=Q(
                    status=Offer.Status.ACCEPTED, responded_at__lte=F("accept_by")
                ),
            ),
            declined=Count("pk", filter=Q(status=Offer.Status.DECLINED)),
            expired=Count("pk", filter=Q(status=Offer.Status.EXPIRED)),
            answered=Count("pk"),
        )
        .order_by()
    )
    share = Share(
        within=sum(r["in_window"] for r in rows),
        total=sum(r["answered"] for r in rows),
    )
    reviewers = sorted(
        (
            {
                "name": r["consultant__display_name"] or f"Member {r['consultant_id']}",
                "accepted": r["accepted"],
                "declined": r["declined"],
                "expired": r["expired"],
            }
            for r in rows
        ),
        key=lambda r: (-(r["declined"] + r["expired"]), r["name"]),
    )
    return accept, share, reviewers


def _deliveries(period: Period) -> tuple[Durations, Share]:
    rows = list(
        Case.objects.filter(
            delivered_at__gte=period.start,
            delivered_at__lt=period.end,
            accepted_at__isnull=False,
        )
        .values_list("accepted_at", "delivered_at", "due_at")
        .order_by()
    )
    timed = [r for r in rows if r[2] is not None]
    share = Share(within=sum(1 for r in timed if r[1] <= r[2]), total=len(timed))
    return _hours((a, d) for a, d, _ in rows), share


def _money(period: Period) -> tuple[list[dict], list[str]]:
    """Per quarter and currency: revenue, refunds, payouts earned, paid, owed
    (amounts in the currency's smallest unit)."""
    sums: dict[tuple[str, str], dict[str, int]] = {}

    def add(key, currency, measure, amount):
        row = sums.setdefault((_quarter_key(key), currency), {})
        row[measure] = row.get(measure, 0) + (amount or 0)

    for quarter, currency, total in (
        CasePayment.objects.filter(paid_at__gte=period.start, paid_at__lt=period.end)
        .annotate(q=TruncQuarter("paid_at", tzinfo=UTC))
        .values_list("q", "currency")
        .annotate(total=Sum("amount"))
        .order_by()
    ):
        add(quarter, currency, "revenue", total)
    for quarter, currency, total in (
        CasePayment.objects.filter(
            refunded_at__gte=period.start, refunded_at__lt=period.end
        )
        .annotate(q=TruncQuarter("refunded_at", tzinfo=UTC))
        .values_list("q", "currency")
        .annotate(total=Sum("refunded_amount"))
        .order_by()
    ):
        add(quarter, currency, "refunds", total)
    for quarter, currency, earned, paid in (
        PayoutLine.objects.filter(
            earned_on__gte=period.start.date(), earned_on__lt=_end_date(period)
        )
        .annotate(q=TruncQuarter("earned_on"))
        .values_list("q", "currency")
        .annotate(
            earned=Sum("amount"),
            paid=Sum("amount", filter=Q(statement__paid_on__isnull=False)),
        )
        .order_by()
    ):
        add(quarter, currency, "payouts_earned", earned)
        add(quarter, currency, "payouts_paid", paid)

    currencies = sorted({c for _, c in sums}) or [settings.CONSULT_PAYOUT_CURRENCY]
    measures = ("revenue", "refunds", "payouts_earned", "payouts_paid")
    table = []
    for quarter in period.quarters():
        for currency in currencies:
            row = {m: sums.get((quarter, currency), {}).get(m, 0) for m in measures}
            row["payouts_owed"] = row["payouts_earned"] - row["payouts_paid"]
            table.append({"quarter": quarter, "currency": currency, **row})
    return table, currencies


def _end_date(period: Period) -> date:
    """The first day not in the period (a rolling period includes today)."""
    end = period.end
    if end.time() == datetime.min.time():
        return end.date()
    return end.date() + timedelta(days=1)


def figures_for(period: Period) -> Figures:
    accept, offers_share, reviewers = _offers(period)
    deliver, delivered_share = _deliveries(period)
    money, currencies = _money(period)
    return Figures(
        period=period,
        cases_by_state=_cases_by_state(period),
        accept=accept,
        deliver=deliver,
        offers_in_window=offers_share,
        delivered_in_time=delivered_share,
        reviewers=reviewers,
        money=money,
        currencies=currencies,
    )


# Charts: horizontal bars, drawn on the server as inline SVG --------------------

BAR_HEIGHT = 22
BAR_GAP = 8
LABEL_WIDTH = 190
CHART_WIDTH = 560


def bar_chart(items: list[tuple[str, int | float, str]]) -> dict:
    """Geometry for a horizontal bar chart of (label, value, shown value).
    Negative values (a reversed payout) are drawn as an empty bar: the data
    table beside the chart gives the figure."""
    top = max([v for _, v, _ in items if v > 0], default=0) or 1
    room = CHART_WIDTH - LABEL_WIDTH - 80
    bars = []
    for i, (label, value, shown) in enumerate(items):
        y = i * (BAR_HEIGHT + BAR_GAP)
        bars.append(
            {
                "label": label,
                "shown": shown,
                "y": y,
                "text_y": y + BAR_HEIGHT * 0.7,
                "width": round(room * max(value, 0) / top, 1),
                "value_x": LABEL_WIDTH + round(room * max(value, 0) / top, 1) + 6,
            }
        )
    return {
        "bars": bars,
        "width": CHART_WIDTH,
        "height": max(len(items), 1) * (BAR_HEIGHT + BAR_GAP),
        "label_width": LABEL_WIDTH,
        "label_x": LABEL_WIDTH - 6,
        "bar_height": BAR_HEIGHT,
    }
