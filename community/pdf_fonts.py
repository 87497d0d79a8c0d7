"""The fonts every PDF of the site uses (fpdf2): DejaVu, so any name or text
prints, embedded as subsets so that the file reads the same everywhere and its
text can be extracted (the tests read certificates and reports back).

The files live in ``courses/fonts`` (``bin/vendor-static`` refreshes them from
the npm registry); the certificate registers them through ``add_fonts``; the
consultation report, receipts and payout statements are ``SitePDF`` documents.
"""

from pathlib import Path

from django.conf import settings
from fpdf import FPDF

FONTS = Path(settings.BASE_DIR) / "courses" / "fonts"


def add_fonts(pdf) -> None:
    """Register "Serif" (regular and bold) and "Sans" on an ``FPDF``."""
    pdf.add_font("Serif", "", FONTS / "DejaVuSerif.ttf")
    pdf.add_font("Serif", "B", FONTS / "DejaVuSerif-Bold.ttf")
    pdf.add_font("Sans", "", FONTS / "DejaVuSans.ttf")


# The site's document colours (ink, muted grey, brand blue), as RGB.
INK = (31, 41, 55)
MUTED = (75, 85, 99)
BRAND = (30, 64, 120)


class SitePDF(FPDF):
    """An A4 document of the site: its fonts, margins and metadata, paragraphs
    in its colours, and ``mark`` (when set) with the page number in every
    footer (whose copy it is, and when it was taken)."""

    mark = ""

    def __init__(self, *, title: str, mark: str = ""):
        super().__init__(format="A4")
        self.mark = mark
        self.set_title(title)
        self.set_author(settings.COMMUNITY_NAME)
        self.set_creator(settings.COMMUNITY_NAME)
        add_fonts(self)
        self.set_auto_page_break(auto=True, margin=20)
        self.add_page()

    def para(self, text, *, font="Sans", style="", size=11, color=INK, space=2):
        self.set_font(font, style, size)
        self.set_text_color(*color)
        self.multi_cell(0, size * 0.5, text, new_x="LMARGIN", new_y="NEXT")
        self.ln(space)

    def footer(self):
        if not self.mark:
            return
        self.set_y(-15)
        self.set_font("Sans", "", 8)
        self.set_text_color(*MUTED)
        self.cell(0, 5, f"{self.mark} · page {self.page_no()}/{{nb}}", align="C")
