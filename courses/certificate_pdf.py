"""The certificate as a one-page PDF (fpdf2, with DejaVu fonts so any name prints).

fpdf2 is pure Python and maintained; the fonts (``community.pdf_fonts``, shared
with the consultation report) are embedded as subsets, so the file renders the
same everywhere and its text can be extracted (the tests read it back).
"""

from django.conf import settings
from django.urls import reverse
from django.utils.formats import date_format
from fpdf import FPDF

from community.pdf_fonts import add_fonts

INK = (31, 41, 55)
MUTED = (75, 85, 99)
BRAND = (30, 64, 120)


def verification_url(certificate) -> str:
    return settings.SITE_URL + reverse(
        "certificates:verify", kwargs={"code": certificate.code}
    )


def render_certificate_pdf(certificate) -> bytes:
    pdf = FPDF(orientation="landscape", format="A4")
    pdf.set_title(f"Certificate of completion: {certificate.course_title}")
    pdf.set_author(settings.COMMUNITY_NAME)
    pdf.set_creator(settings.COMMUNITY_NAME)
    add_fonts(pdf)
    pdf.set_auto_page_break(auto=False)
    pdf.add_page()

    width, height = pdf.w, pdf.h
    pdf.set_draw_color(*BRAND)
    pdf.set_line_width(1.2)
    pdf.rect(10, 10, width - 20, height - 20)
    pdf.set_line_width(0.3)
    pdf.rect(14, 14, width - 28, height - 28)

    def line(text, *, font="Serif", style="", size=14, color=INK, space=4):
        pdf.set_font(font, style, size)
        pdf.set_text_color(*color)
        pdf.multi_cell(0, size * 0.5, text, align="C", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(space)

    pdf.set_y(32)
    line(settings.COMMUNITY_NAME.upper(), font="Sans", size=11, color=BRAND, space=8)
    line("Certificate of completion", style="B", size=30, space=10)
    line("This certifies that", size=14, color=MUTED)
    line(certificate.recipient_name, style="B", size=26, space=6)
    line("has completed the course", size=14, color=MUTED)
    line(certificate.course_title, style="B", size=20, space=8)
    hours = certificate.hours
    unit = "hour" if hours == 1 else "hours"
    completed = date_format(certificate.completed_on, "j F Y")
    line(f"{hours} {unit} of learning, completed on {completed}", size=14)

    pdf.set_y(height - 42)
    line(f"Verification code: {certificate.code}", font="Sans", size=11, space=1)
    line(
        f"Check it at {verification_url(certificate)}",
        font="Sans",
        size=10,
        color=MUTED,
    )
    return bytes(pdf.output())
