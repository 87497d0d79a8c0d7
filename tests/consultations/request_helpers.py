"""What the request tests share: a well-formed request, and PDF and DOCX files
made in the test (fpdf2, python-docx), so no fixture file holds a name."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

REQUEST = {
    "referral_question": "How can I work with the avoidance of feelings?",
    "modality": "Psychodynamic, integrative",
    "frequency": "Weekly",
    "duration": "Eight months",
    "tried": "Psychoeducation and some exposure work.",
    "case_summary": "A woman in her thirties with recurrent low mood who "
    "withdraws when close to others.",
    "risk_notes": "No current risk.",
    "urgency": "standard",
}
# The guard marks these (a name after "my client", a date of birth).
IDENTIFYING = "My client Maria Gonzales, DOB 03/14/1987, withdraws from others."
NAME_IN_FILE = "Session notes. My client Maria Gonzales presented with low mood."
CLEAN_IN_FILE = "Session notes. The patient presented with low mood."


def pdf_bytes(text: str = CLEAN_IN_FILE) -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.multi_cell(0, 10, text)
    return bytes(pdf.output())


def docx_bytes(text: str = CLEAN_IN_FILE, *, header: str = "") -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph(text)
    if header:
        document.sections[0].header.paragraphs[0].text = header
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def upload(name: str, content: bytes, content_type: str = "application/pdf"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def edit_url(case) -> str:
    return reverse("consultations:edit", args=[case.pk])


def post_edit(client, case, *, action="save", files=None, **fields):
    data = {**REQUEST, "action": action, **fields}
    data = {key: value for key, value in data.items() if value is not None}
    if files:
        data.update(files)
    return client.post(edit_url(case), data)
