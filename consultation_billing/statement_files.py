"""A payout statement as a CSV and as a PDF (fpdf2, the site's DejaVu fonts),
for the reviewer and for the department that pays them.

References only: the reviewer's name, the quarter, each line's date, case
reference, kind and amount, the total and whether it is paid. Nothing of any
case's text is ever read here (a line holds none).
"""

import csv
import io

from django.conf import settings

from community.pdf_fonts import BRAND, INK, MUTED, SitePDF
from consultation_billing.statements import StatementView, money

HEADER = ["Date", "Case reference", "Kind", "Amount", "Currency"]


def filename(view: StatementView, extension: str) -> str:
    return f"payout-statement-{view.quarter.year}-q{view.quarter.quarter}.{extension}"


def _cell(text: str) -> str:
    """A spreadsheet must not read a name as a formula."""
    return f"'{text}" if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _decimal(amount: int) -> str:
    sign = "-" if amount < 0 else ""
    return f"{sign}{abs(amount) // 100}.{abs(amount) % 100:02d}"


def statement_csv(view: StatementView) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    statement = view.statement
    writer.writerow(["Reviewer", _cell(statement.reviewer.get_display_name())])
    writer.writerow(["Quarter", str(view.quarter)])
    writer.writerow(["Status", view.paid_status])
    writer.writerow([])
    writer.writerow(HEADER)
    for line in view.lines:
        writer.writerow(
            [
                line.earned_on.isoformat(),
                _cell(line.case_reference),
                line.get_kind_display(),
                _decimal(line.amount),
                line.currency.upper(),
            ]
        )
    writer.writerow(["Total", "", "", _decimal(view.total), view.currency.upper()])
    return out.getvalue()


def statement_pdf(view: StatementView) -> bytes:
    statement = view.statement
    name = statement.reviewer.get_display_name()
    title = f"Payout statement, {view.quarter}"
    pdf = SitePDF(title=title, mark=f"{name} · {view.quarter}")

    pdf.para(settings.COMMUNITY_NAME.upper(), size=9, color=BRAND, space=4)
    pdf.para(title, font="Serif", style="B", size=18, space=3)
    pdf.para(f"Reviewer: {name}", size=10, color=MUTED, space=0)
    quarter = view.quarter
    pdf.para(
        f"Quarter: {quarter} ({quarter.first_day:%d %B %Y} to "
        f"{quarter.last_day:%d %B %Y}, dates in UTC)",
        size=10,
        color=MUTED,
        space=0,
    )
    pdf.para(view.paid_status, size=10, color=MUTED, space=6)

    widths = (32, 44, 64, 40)
    pdf.set_text_color(*INK)
    with pdf.table(
        col_widths=widths,
        text_align=("LEFT", "LEFT", "LEFT", "RIGHT"),
        first_row_as_headings=False,  # headings would ask for a bold Sans
    ) as table:
        pdf.set_font("Sans", "", 10)
        table.row(["Date", "Case reference", "Kind", "Amount"])
        for line in view.lines:
            table.row(
                [
                    f"{line.earned_on:%Y-%m-%d}",
                    line.case_reference,
                    line.get_kind_display(),
                    money(line.amount, line.currency),
                ]
            )
        table.row(["Total", "", "", view.display_total])
    if not view.lines:
        pdf.ln(2)
        pdf.para("No line in this quarter.", space=2)
    return bytes(pdf.output())
