"""The transcript as a PDF: a ``SitePDF`` document (the site's fonts, margins
and footer, shared with reports and receipts) listing the snapshot's verified
items, with the code and the address where anyone can check it."""

from datetime import date

from django.conf import settings
from django.urls import reverse
from django.utils.formats import date_format

from community.pdf_fonts import BRAND, INK, MUTED, SitePDF


def verification_url(transcript) -> str:
    return settings.SITE_URL + reverse(
        "transcripts-verify", kwargs={"code": transcript.code}
    )


def _day(iso: str) -> str:
    return date_format(date.fromisoformat(iso), "j F Y")


def _hours(value: str) -> str:
    return f"{value} hour{'' if value == '1.0' else 's'}"


def render_transcript_pdf(transcript) -> bytes:
    issued = date_format(transcript.issued_on, "j F Y")
    pdf = SitePDF(
        title=f"Continuing-education transcript: {transcript.recipient_name}",
        mark=f"Transcript {transcript.code} · {transcript.recipient_name} · {issued}",
    )
    items, totals = transcript.items, transcript.totals

    def line(text):
        """One listed item, left-aligned (justified lines would stretch names)."""
        pdf.set_font("Sans", "", 11)
        pdf.set_text_color(*INK)
        pdf.multi_cell(0, 5.5, text, align="L", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(1)

    pdf.para(settings.COMMUNITY_NAME.upper(), size=9, color=BRAND, space=4)
    pdf.para(
        "Continuing-education transcript", font="Serif", style="B", size=18, space=3
    )
    pdf.para(f"Issued to {transcript.recipient_name}", size=12, space=0)
    pdf.para(f"Issued on {issued}", size=10, color=MUTED, space=0)
    pdf.para(
        "Only what the community has verified is listed: course certificates, "
        "live sessions whose attendance the director confirmed, and delivered "
        "consultations.",
        size=10,
        color=MUTED,
        space=6,
    )

    def heading(text):
        pdf.para(text, font="Serif", style="B", size=13, color=BRAND, space=1)

    if items.get("certificates"):
        heading(f"Courses completed ({_hours(totals['course_hours'])})")
        for row in items["certificates"]:
            line(
                f"{row['title']}: {_hours(row['hours'])}, completed on "
                f"{_day(row['on'])} (certificate {row['code']})"
            )
        pdf.ln(3)
    if items.get("sessions"):
        heading(f"Live sessions attended ({_hours(totals['session_hours'])})")
        for row in items["sessions"]:
            line(
                f"{row['title']}, {_day(row['on'])}: {row['minutes']} minutes "
                f"({_hours(row['hours'])})"
            )
        pdf.ln(3)
    if items.get("received"):
        heading(f"Consultations received ({totals['received']})")
        for row in items["received"]:
            line(f"{row['reference']}, delivered on {_day(row['on'])}")
        pdf.ln(3)
    if items.get("given"):
        heading(f"Consultations given ({totals['given']})")
        for row in items["given"]:
            line(f"{row['reference']}, delivered on {_day(row['on'])}: {row['role']}")
        pdf.ln(3)

    heading("Total")
    line(
        f"{_hours(totals['total_hours'])} of learning: {totals['course_hours']} in "
        f"courses, {totals['session_hours']} in live sessions."
    )
    pdf.ln(5)
    pdf.para(f"Verification code: {transcript.code}", size=11, space=1)
    pdf.para(f"Check it at {verification_url(transcript)}", size=10, color=MUTED)
    return bytes(pdf.output())
