"""The delivered report as a PDF (fpdf2, the site's DejaVu fonts from
``community.pdf_fonts``): the whole report for the therapist, or only the
sections ticked as shareable for the patient.

Every page is marked with the requester's name and the date of the download,
so a printed copy says whose it is and when it was taken; the shareable one
says on its face that it was prepared to be given to the patient.
"""

from django.conf import settings
from django.utils import timezone
from django.utils.formats import date_format
from fpdf import FPDF

from community.pdf_fonts import add_fonts
from consultations import report_sections

INK = (31, 41, 55)
MUTED = (75, 85, 99)
BRAND = (30, 64, 120)


class _ReportPDF(FPDF):
    mark = ""

    def footer(self):
        self.set_y(-15)
        self.set_font("Sans", "", 8)
        self.set_text_color(*MUTED)
        self.cell(0, 5, f"{self.mark} · page {self.page_no()}/{{nb}}", align="C")


def render_report_pdf(
    case, report, *, shareable_only: bool = False, today=None
) -> bytes:
    today = today or timezone.localdate()
    name = case.requester.get_display_name()
    dated = date_format(today, "j F Y")
    pdf = _ReportPDF(format="A4")
    pdf.mark = f"Prepared for {name} · {dated} · {case.reference}"
    title = (
        "Consultation report: the sections to share with the patient"
        if shareable_only
        else "Consultation report"
    )
    pdf.set_title(f"{title} ({case.reference})")
    pdf.set_author(settings.COMMUNITY_NAME)
    pdf.set_creator(settings.COMMUNITY_NAME)
    add_fonts(pdf)
    pdf.set_auto_page_break(auto=True, margin=20)
    pdf.add_page()

    def para(text, *, font="Sans", style="", size=11, color=INK, space=2):
        pdf.set_font(font, style, size)
        pdf.set_text_color(*color)
        pdf.multi_cell(0, size * 0.5, text, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(space)

    para(settings.COMMUNITY_NAME.upper(), size=9, color=BRAND, space=4)
    para(title, font="Serif", style="B", size=18, space=3)
    para(f"Consultation {case.reference}", size=10, color=MUTED, space=0)
    para(f"Prepared for {name}", size=10, color=MUTED, space=0)
    if case.delivered_at:
        delivered = date_format(timezone.localtime(case.delivered_at), "j F Y")
        para(f"Delivered on {delivered}", size=10, color=MUTED, space=0)
    para(f"Downloaded on {dated}", size=10, color=MUTED, space=6)
    if shareable_only:
        para(
            "The reviewers marked these sections as suitable to share with the "
            "patient. The full report stays with the therapist.",
            size=10,
            color=MUTED,
            space=6,
        )

    shown = report_sections.for_reading(report.sections, shareable_only=shareable_only)
    if not shown:
        para("No section of this report was marked as shareable.", space=4)
    for section in shown:
        para(section["label"], font="Serif", style="B", size=13, color=BRAND, space=1)
        para(section["text"].strip(), space=5)
    return bytes(pdf.output())
