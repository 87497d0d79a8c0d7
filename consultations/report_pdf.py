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

from community.pdf_fonts import BRAND, MUTED, SitePDF
from consultations import report_sections


def render_report_pdf(
    case, report, *, shareable_only: bool = False, today=None
) -> bytes:
    today = today or timezone.localdate()
    name = case.requester.get_display_name()
    dated = date_format(today, "j F Y")
    title = (
        "Consultation report: the sections to share with the patient"
        if shareable_only
        else "Consultation report"
    )
    pdf = SitePDF(
        title=f"{title} ({case.reference})",
        mark=f"Prepared for {name} · {dated} · {case.reference}",
    )

    pdf.para(settings.COMMUNITY_NAME.upper(), size=9, color=BRAND, space=4)
    pdf.para(title, font="Serif", style="B", size=18, space=3)
    pdf.para(f"Consultation {case.reference}", size=10, color=MUTED, space=0)
    pdf.para(f"Prepared for {name}", size=10, color=MUTED, space=0)
    if case.delivered_at:
        delivered = date_format(timezone.localtime(case.delivered_at), "j F Y")
        pdf.para(f"Delivered on {delivered}", size=10, color=MUTED, space=0)
    pdf.para(f"Downloaded on {dated}", size=10, color=MUTED, space=6)
    if shareable_only:
        pdf.para(
            "The reviewers marked these sections as suitable to share with the "
            "patient. The full report stays with the therapist.",
            size=10,
            color=MUTED,
            space=6,
        )

    shown = report_sections.for_reading(report.sections, shareable_only=shareable_only)
    if not shown:
        pdf.para("No section of this report was marked as shareable.", space=4)
    for section in shown:
        pdf.para(
            section["label"], font="Serif", style="B", size=13, color=BRAND, space=1
        )
        pdf.para(section["text"].strip(), space=5)
    return bytes(pdf.output())
