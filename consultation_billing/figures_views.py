"""The turnaround figures page and its CSV: the director and admins only.

Under /consultations/director/, so two-factor is asked first
(community.middleware). Admins read no case content, and there is none
here: counts, durations, amounts and reviewer names.
"""

import csv
from decimal import Decimal
from functools import wraps

from django import forms
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache

from community.access import refuse
from community.roles import is_admin, is_director
from consultation_billing.figures import Figures, Period, bar_chart, figures_for
from memberships.money import format_money

REFUSED = "The turnaround figures are for the director and admins."
FIRST_YEAR = 2020


class PeriodForm(forms.Form):
    """A calendar year, or one quarter of it; nothing chosen is the last 12
    months."""

    year = forms.IntegerField(
        required=False,
        min_value=FIRST_YEAR,
        error_messages={"invalid": "Enter a year as four digits, e.g. 2026."},
    )
    quarter = forms.TypedChoiceField(
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", "The whole year"), *[(q, f"Q{q}") for q in (1, 2, 3, 4)]],
        error_messages={"invalid_choice": "Choose a quarter from 1 to 4."},
    )

    def clean_year(self):
        year = self.cleaned_data.get("year")
        if year is not None and year > timezone.now().year:
            raise forms.ValidationError("That year has not begun yet.")
        return year

    def clean(self):
        data = super().clean()
        if data.get("quarter") and not data.get("year") and "year" not in self.errors:
            self.add_error("year", "Choose the year of that quarter.")
        return data

    def period(self) -> Period:
        year, quarter = self.cleaned_data["year"], self.cleaned_data["quarter"]
        if year is None:
            return Period.last_12_months()
        return Period.of(year=year, quarter=quarter)


def _staff_only(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not (is_director(request.user) or is_admin(request.user)):
            return refuse(request, staff_only=True, message=REFUSED)
        return view(request, *args, **kwargs)

    return wrapped


def _money(amount: int, currency: str) -> str:
    """format_money, with the minus sign in front ("-$500.00": a reversal)."""
    shown = format_money(abs(amount), currency)
    return f"-{shown}" if amount < 0 else shown


def _charts(figures: Figures) -> dict:
    states = bar_chart([(label, n, str(n)) for _, label, n in figures.cases_by_state])
    currency = figures.currencies[0]
    revenue = bar_chart(
        [
            (
                row["quarter"],
                row["revenue"],
                format_money(row["revenue"], row["currency"]),
            )
            for row in figures.money
            if row["currency"] == currency
        ]
    )
    return {"states": states, "revenue": revenue, "revenue_currency": currency}


@never_cache
@_staff_only
def figures_page(request):
    form = PeriodForm(request.GET or None)
    if request.GET and not form.is_valid():
        return render(
            request,
            "consultation_billing/figures.html",
            {"form": form, "figures": None},
            status=400,
        )
    period = form.period() if form.is_bound else Period.last_12_months()
    figures = figures_for(period)
    money = [
        {
            **row,
            **{
                f"{m}_display": _money(row[m], row["currency"])
                for m in (
                    "revenue",
                    "refunds",
                    "payouts_earned",
                    "payouts_paid",
                    "payouts_owed",
                )
            },
        }
        for row in figures.money
    ]
    return render(
        request,
        "consultation_billing/figures.html",
        {
            "form": form,
            "figures": figures,
            "money": money,
            "charts": _charts(figures),
            "query": request.GET.urlencode(),
        },
    )


def _cell(value) -> str:
    """Nothing a spreadsheet would run as a formula (a reviewer's name)."""
    text = "" if value is None else str(value)
    return f"'{text}" if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _major(amount: int) -> str:
    return f"{Decimal(amount) / 100:.2f}"


def csv_rows(figures: Figures) -> list[list[str]]:
    """Long format: section, item, measure, value (amounts in major units,
    durations in hours, shares in per cent)."""
    p = figures.period
    rows = [
        ["period", p.label, "from", p.start.isoformat()],
        ["period", p.label, "until", p.end.isoformat()],
    ]
    rows += [
        ["cases by state", label, "cases", n] for _, label, n in figures.cases_by_state
    ]
    for name, d in (
        ("time to accept", figures.accept),
        ("time to deliver", figures.deliver),
    ):
        rows += [
            [name, "hours", "median", d.median],
            [name, "hours", "90th percentile", d.p90],
            [name, "hours", "count", d.count],
        ]
    for name, share in (
        ("offers accepted within the window", figures.offers_in_window),
        ("reports delivered within the due time", figures.delivered_in_time),
    ):
        rows += [
            [name, "all", "within", share.within],
            [name, "all", "total", share.total],
            [name, "all", "per cent", share.percent],
        ]
    for r in figures.reviewers:
        rows += [
            ["reviewer", r["name"], measure, r[measure]]
            for measure in ("accepted", "declined", "expired")
        ]
    for row in figures.money:
        item = f"{row['quarter']} {row['currency'].upper()}"
        rows += [
            ["money", item, measure.replace("_", " "), _major(row[measure])]
            for measure in (
                "revenue",
                "refunds",
                "payouts_earned",
                "payouts_paid",
                "payouts_owed",
            )
        ]
    return [
        [section, _cell(item), measure, "" if value is None else str(value)]
        for section, item, measure, value in rows
    ]


@never_cache
@_staff_only
def figures_csv(request):
    form = PeriodForm(request.GET or None)
    if request.GET and not form.is_valid():
        errors = "; ".join(m for ms in form.errors.values() for m in ms)
        return HttpResponseBadRequest(
            f"Bad period: {errors}", content_type="text/plain; charset=utf-8"
        )
    period = form.period() if form.is_bound else Period.last_12_months()
    figures = figures_for(period)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    slug = period.label.lower().replace(" ", "-")
    response["Content-Disposition"] = (
        f'attachment; filename="consultation-figures-{slug}.csv"'
    )
    writer = csv.writer(response)
    writer.writerow(["section", "item", "measure", "value"])
    writer.writerows(csv_rows(figures))
    return response
