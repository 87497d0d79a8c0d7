"""What a request may carry as attachments, and the text inside them.

A file is judged by its content, not its name: a PDF starts with ``%PDF-``, a
DOCX is a zip that holds ``word/document.xml``. The name's extension must
agree with the content, so a program renamed ``notes.pdf`` or a PDF renamed
``.docx`` is refused with a message, as is a macro-enabled document or a zip
that would unpack to far more than it weighs (a "zip bomb": python-docx would
read it whole into memory).

The text is extracted (pypdf, python-docx: body, tables, headers and footers,
where a letterhead with a patient's name tends to sit) and run through the
privacy guard at upload and again before the request is sent. A file whose
text cannot be read (a scan, a damaged page) is not refused: the therapist is
told that it could not be checked and confirms it themselves, as for a finding.
Nothing extracted is stored; the findings are shown and forgotten, and only
their categories and offsets are kept once confirmed (``privacy_report``).
"""

import contextlib
import logging
import zipfile
from dataclasses import dataclass, field
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.html import format_html

from community.privacy import CATEGORY_LABELS, find_identifiers
from community.privacy_forms import CHECK_FAILED, CHECK_FAILED_LABEL, member_full_names

logger = logging.getLogger(__name__)

PDF, DOCX = "pdf", "docx"
CONTENT_TYPES = {
    PDF: "application/pdf",
    DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
KIND_NAMES = {PDF: "a PDF", DOCX: "a Word document (.docx)"}
# A DOCX unpacks to a few times its size; far more is a zip bomb.
MAX_UNPACKED_BYTES = 100 * 1024 * 1024
# The guard reads at most this much of a file (a 300-page PDF takes a second).
MAX_TEXT_CHARS = 300_000
# Findings shown per file, and the text shown either side of each.
MAX_EXCERPTS = 20
EXCERPT_CONTEXT = 60
EXCERPT = '…{}<mark class="privacy-match" data-category="{}">{}</mark>{}…'

WRONG_TYPE = "Attach a PDF or a Word document (.docx); “{name}” is neither."
DISGUISED = (
    "“{name}” is named as {claimed} but its content is not {claimed}. "
    "Attach the file in its own format, PDF or .docx."
)
TOO_BIG = "“{name}” is {size}; each attachment can be at most {limit}."
EMPTY = "“{name}” is empty."
TOO_MANY = (
    "A request can have at most {count} attachments. Remove one before adding another."
)
MACROS = (
    "“{name}” contains macros, which we do not accept. Save it as a plain .docx "
    "(Word: File › Save as › Word Document) and attach that."
)
UNREADABLE = "“{name}” could not be opened: it may be damaged. Attach another copy."
ENCRYPTED = "“{name}” is password-protected. Attach a copy without a password."


def _sniff(upload) -> str | None:
    """PDF, DOCX or None, from the bytes alone."""
    upload.seek(0)
    head = upload.read(1024)
    upload.seek(0)
    # A PDF may have a little junk before its header; readers allow 1 KB.
    if b"%PDF-" in head:
        return PDF
    if not head.startswith(b"PK"):
        return None
    try:
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    finally:
        upload.seek(0)
    return DOCX if "word/document.xml" in names else None


def _extension(name: str) -> str:
    return PurePath(name).suffix.lower().lstrip(".")


def _check_docx(upload, name: str) -> None:
    with zipfile.ZipFile(upload) as archive:
        infos = archive.infolist()
    upload.seek(0)
    if any(PurePath(info.filename).name == "vbaProject.bin" for info in infos):
        raise ValidationError(MACROS.format(name=name), code="macros")
    if sum(info.file_size for info in infos) > MAX_UNPACKED_BYTES:
        raise ValidationError(UNREADABLE.format(name=name), code="unreadable")


def _check_pdf(upload, name: str) -> None:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(upload)
        if reader.is_encrypted and not reader.decrypt(""):
            raise ValidationError(ENCRYPTED.format(name=name), code="encrypted")
        len(reader.pages)
    except ValidationError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as error:
        logger.info("An attached PDF could not be read (%s)", type(error).__name__)
        raise ValidationError(UNREADABLE.format(name=name), code="unreadable") from None
    finally:
        upload.seek(0)


def check_upload(upload, *, existing: int) -> str:
    """The kind (PDF or DOCX) of an acceptable upload, or a ValidationError whose
    message names the file and what to do."""
    name = upload.name or "the file"
    if existing >= settings.CONSULT_ATTACHMENT_MAX_COUNT:
        raise ValidationError(
            TOO_MANY.format(count=settings.CONSULT_ATTACHMENT_MAX_COUNT),
            code="too_many",
        )
    if not upload.size:
        raise ValidationError(EMPTY.format(name=name), code="empty")
    if upload.size > settings.CONSULT_ATTACHMENT_MAX_BYTES:
        raise ValidationError(
            TOO_BIG.format(
                name=name,
                size=filesizeformat(upload.size),
                limit=filesizeformat(settings.CONSULT_ATTACHMENT_MAX_BYTES),
            ),
            code="too_big",
        )
    claimed = _extension(name)
    if claimed not in CONTENT_TYPES:
        raise ValidationError(WRONG_TYPE.format(name=name), code="wrong_type")
    kind = _sniff(upload)
    if kind != claimed:
        raise ValidationError(
            DISGUISED.format(name=name, claimed=KIND_NAMES[claimed]),
            code="disguised",
        )
    if kind == DOCX:
        _check_docx(upload, name)
    else:
        _check_pdf(upload, name)
    return kind


def display_name(name: str) -> str:
    """The file's own name, without any folder a browser sent, kept short."""
    base = PurePath(name.replace("\\", "/")).name or "attachment"
    suffix = PurePath(base).suffix
    stem = base[: len(base) - len(suffix)]
    return stem[: 190 - len(suffix)] + suffix


# --- The text inside ----------------------------------------------------------


def _pdf_text(handle) -> str:
    from pypdf import PdfReader

    reader = PdfReader(handle)
    if reader.is_encrypted:
        reader.decrypt("")
    parts, length = [], 0
    for page in reader.pages:
        text = page.extract_text() or ""
        parts.append(text)
        length += len(text)
        if length >= MAX_TEXT_CHARS:
            break
    return "\n".join(parts)


def _docx_text(handle) -> str:
    import docx

    document = docx.Document(handle)
    parts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    for section in document.sections:
        for part in (section.header, section.footer):
            parts.extend(paragraph.text for paragraph in part.paragraphs)
    return "\n".join(part for part in parts if part)


def extract_text(file, kind: str) -> str | None:
    """The file's text (at most MAX_TEXT_CHARS), or None when it cannot be read.

    ``kind`` is PDF or DOCX; ``file`` a stored FieldFile or an upload.
    """
    reader = _pdf_text if kind == PDF else _docx_text
    try:
        file.open("rb")
        file.seek(0)
        text = reader(file)
    except Exception as error:  # any parser failure: the file is "not checked"
        # Never the text, nor the file's name: it may name the patient.
        logger.warning(
            "Could not extract an attachment's text (%s)", type(error).__name__
        )
        return None
    finally:
        with contextlib.suppress(ValueError, OSError):
            file.seek(0)
    return text[:MAX_TEXT_CHARS]


def kind_of(attachment) -> str:
    return PDF if attachment.content_type == CONTENT_TYPES[PDF] else DOCX


@dataclass
class Finding:
    """What the guard found in one attachment, for the page and the record."""

    attachment: object
    readable: bool
    matches: list = field(default_factory=list)

    @property
    def excerpts(self) -> list:
        """Each match in a little of its context, as safe HTML."""
        shown = []
        for match in self.matches[:MAX_EXCERPTS]:
            source = match.source
            before = source[max(match.start - EXCERPT_CONTEXT, 0) : match.start]
            after = source[match.end : match.end + EXCERPT_CONTEXT]
            shown.append(
                {
                    "html": format_html(
                        EXCERPT,
                        " ".join(before.split()),
                        match.category,
                        match.text,
                        " ".join(after.split()),
                    ),
                    "reason": match.reason,
                }
            )
        return shown

    @property
    def more(self) -> int:
        return max(len(self.matches) - MAX_EXCERPTS, 0)

    def report(self) -> list[dict]:
        """As stored with the confirmation: never the matched text."""
        if not self.readable:
            return [{"category": CHECK_FAILED, "label": CHECK_FAILED_LABEL}]
        return [
            {
                "category": match.category,
                "label": CATEGORY_LABELS.get(match.category, match.category),
                "start": match.start,
                "end": match.end,
                "reason": match.reason,
            }
            for match in self.matches
        ]


def check_attachment(attachment) -> Finding:
    """Run the guard over one stored attachment's text."""
    text = extract_text(attachment.file, kind_of(attachment))
    if text is None:
        return Finding(attachment=attachment, readable=False)
    try:
        matches = find_identifiers(text, members=member_full_names())
    except Exception:
        logger.exception("The privacy check failed on an attachment")
        return Finding(attachment=attachment, readable=False)
    return Finding(attachment=attachment, readable=True, matches=matches)


def findings_needing_confirmation(attachments) -> list[Finding]:
    """The attachments whose text has identifiers, or could not be read."""
    found = [check_attachment(attachment) for attachment in attachments]
    return [finding for finding in found if finding.matches or not finding.readable]
