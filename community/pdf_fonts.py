"""The fonts every PDF of the site uses (fpdf2): DejaVu, so any name or text
prints, embedded as subsets so that the file reads the same everywhere and its
text can be extracted (the tests read certificates and reports back).

The files live in ``courses/fonts`` (``bin/vendor-static`` refreshes them from
the npm registry); the certificate and the consultation report both register
them through ``add_fonts``.
"""

from pathlib import Path

from django.conf import settings

FONTS = Path(settings.BASE_DIR) / "courses" / "fonts"


def add_fonts(pdf) -> None:
    """Register "Serif" (regular and bold) and "Sans" on an ``FPDF``."""
    pdf.add_font("Serif", "", FONTS / "DejaVuSerif.ttf")
    pdf.add_font("Serif", "B", FONTS / "DejaVuSerif-Bold.ttf")
    pdf.add_font("Sans", "", FONTS / "DejaVuSans.ttf")
