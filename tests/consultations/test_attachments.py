"""Attachments: checked by content (not by name), limited in size and number,
their text run through the guard, downloaded only through the access check
(and recorded), and their files gone when removed."""

import io
import zipfile

import pytest
from django.core.files.storage import default_storage
from django.test import override_settings
from django.urls import reverse

from consultations import attachments as files
from consultations.models import Attachment, AuditEvent, Case, Offer
from tests.community import factories as people
from tests.consultations.factories import case_in, consultant, panel_member
from tests.consultations.request_helpers import (
    NAME_IN_FILE,
    docx_bytes,
    pdf_bytes,
    post_edit,
    upload,
)

pytestmark = pytest.mark.django_db
Status = Case.Status
DOCX_TYPE = files.CONTENT_TYPES[files.DOCX]


@pytest.fixture
def draft(member):
    return case_in(Status.DRAFT, requester=member)


def _attach(client, case, name, content, **fields):
    return post_edit(
        client, case, files={"attachment": upload(name, content)}, **fields
    )


def test_a_pdf_and_a_docx_are_stored_under_a_random_name(client, member, draft):
    client.force_login(member)
    assert (
        _attach(client, draft, "Notes for the team.pdf", pdf_bytes()).status_code == 302
    )
    assert _attach(client, draft, "letter.docx", docx_bytes()).status_code == 302
    pdf, word = draft.attachments.order_by("pk")
    assert (pdf.original_name, pdf.content_type) == (
        "Notes for the team.pdf",
        "application/pdf",
    )
    assert word.content_type == DOCX_TYPE
    assert "Notes" not in pdf.file.name and pdf.file.name.endswith(".pdf")
    assert default_storage.exists(pdf.file.name)


@override_settings(CONSULT_ATTACHMENT_MAX_BYTES=2000)
def test_an_oversized_file_is_refused_next_to_the_field_and_the_text_kept(
    client, member, draft
):
    client.force_login(member)
    big = b"%PDF-1.4\n" + b"0" * 3000
    response = _attach(client, draft, "big.pdf", big, tried="Typed before the upload.")
    assert response.status_code == 400
    body = response.content.decode()
    assert "each attachment can be at most" in body
    assert "Typed before the upload." in body
    draft.refresh_from_db()
    assert draft.tried == "Typed before the upload."  # nothing else lost
    assert not draft.attachments.exists()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("notes.pdf", b"MZ\x90\x00 a program renamed", "its content is not a PDF"),
        ("notes.docx", pdf_bytes(), "its content is not a Word document"),
        ("notes.pdf", docx_bytes(), "its content is not a PDF"),
        ("notes.txt", b"plain text", "Attach a PDF or a Word document"),
        ("notes.docx", b"PK\x03\x04 not really a zip", "its content is not a Word"),
    ],
)
def test_a_wrong_type_is_refused_whatever_its_name(
    client, member, draft, name, content, message
):
    client.force_login(member)
    response = _attach(client, draft, name, content)
    assert response.status_code == 400
    assert message in response.content.decode().replace("&#x27;", "'")
    assert not draft.attachments.exists()


def test_a_zip_that_only_looks_like_a_docx_by_name_is_refused(client, member, draft):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("readme.txt", "hello")
    client.force_login(member)
    assert _attach(client, draft, "notes.docx", out.getvalue()).status_code == 400


def test_a_macro_enabled_document_is_refused(client, member, draft):
    source = io.BytesIO(docx_bytes())
    out = io.BytesIO()
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(out, "w") as new:
        for item in old.infolist():
            new.writestr(item, old.read(item))
        new.writestr("word/vbaProject.bin", b"\x00" * 10)
    client.force_login(member)
    response = _attach(client, draft, "notes.docx", out.getvalue())
    assert response.status_code == 400 and "macros" in response.content.decode()


@override_settings(CONSULT_ATTACHMENT_MAX_COUNT=5)
def test_a_sixth_file_is_refused(client, member, draft):
    client.force_login(member)
    for n in range(5):
        assert _attach(client, draft, f"file{n}.pdf", pdf_bytes()).status_code == 302
    response = _attach(client, draft, "sixth.pdf", pdf_bytes())
    assert response.status_code == 400
    assert "at most 5 attachments" in response.content.decode()
    assert draft.attachments.count() == 5


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("notes.pdf", pdf_bytes(NAME_IN_FILE)),
        ("notes.docx", docx_bytes(NAME_IN_FILE)),
        ("letter.docx", docx_bytes("A plain body.", header=NAME_IN_FILE)),
    ],
)
def test_a_name_inside_a_file_is_found_and_needs_confirmation(
    client, member, draft, name, content
):
    client.force_login(member)
    response = _attach(client, draft, name, content)
    assert response.status_code == 302
    page = client.get(response.url).content.decode()
    assert "possible identifier" in page  # told at once, on upload
    response = post_edit(client, draft, action="submit")
    assert response.status_code == 400
    body = response.content.decode()
    assert f"In the attachment “{name}”" in body
    assert '<mark class="privacy-match"' in body and "Maria" in body
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT

    assert (
        post_edit(client, draft, action="submit", privacy_confirmed="on").status_code
        == 302
    )
    draft.refresh_from_db()
    assert draft.status == Status.SUBMITTED
    stored = draft.attachments.get().privacy_confirmed_matches
    assert stored and stored[0]["category"] == "name"
    assert "Maria" not in str(stored)


def test_a_clean_file_sends_without_confirmation(client, member, draft):
    client.force_login(member)
    _attach(client, draft, "notes.pdf", pdf_bytes())
    assert post_edit(client, draft, action="submit").status_code == 302


def test_extraction_reads_the_text_of_both_kinds():
    pdf = upload("a.pdf", pdf_bytes(NAME_IN_FILE))
    word = upload("a.docx", docx_bytes(NAME_IN_FILE))
    assert "Maria Gonzales" in files.extract_text(pdf, files.PDF)
    assert "Maria Gonzales" in files.extract_text(word, files.DOCX)


def test_removing_an_attachment_deletes_its_file(
    client, member, draft, django_capture_on_commit_callbacks
):
    client.force_login(member)
    _attach(client, draft, "notes.pdf", pdf_bytes())
    attachment = draft.attachments.get()
    name = attachment.file.name
    with django_capture_on_commit_callbacks(execute=True):
        response = post_edit(
            client, draft, remove=str(attachment.pk), tried="Still here."
        )
    assert response.status_code == 302
    assert not Attachment.objects.filter(pk=attachment.pk).exists()
    assert not default_storage.exists(name)
    draft.refresh_from_db()
    assert draft.tried == "Still here."


def _attached(case):
    attachment = Attachment(
        case=case, original_name="notes.pdf", size=10, content_type="application/pdf"
    )
    from django.core.files.base import ContentFile

    attachment.file.save("x.pdf", ContentFile(pdf_bytes()), save=False)
    attachment.save()
    return attachment


def _download(case, attachment):
    return reverse("consultations:attachment", args=[case.pk, attachment.pk])


def test_the_requester_and_the_team_download_and_each_download_is_recorded(client):
    case = case_in(Status.DRAFTING)
    attachment = _attached(case)
    panel = panel_member(case)
    for user in (case.requester, case.lead_reviewer, panel):
        client.force_login(user)
        response = client.get(_download(case, attachment))
        assert response.status_code == 200
        assert b"".join(response.streaming_content).startswith(b"%PDF")
        assert 'attachment; filename="notes.pdf"' in response["Content-Disposition"]
        assert "private" in response["Cache-Control"]
    events = AuditEvent.objects.filter(case=case, target=f"attachment:{attachment.pk}")
    assert {e.actor for e in events} == {case.requester, case.lead_reviewer, panel}
    assert {e.action for e in events} == {"download"}


@pytest.mark.parametrize(
    "who", ["other_member", "consultant", "offered", "admin", "visitor"]
)
def test_others_cannot_download(client, who):
    case = case_in(Status.OFFERED)
    attachment = _attached(case)
    user = {
        "other_member": people.member,
        "consultant": consultant,
        "offered": lambda: Offer.objects.get(case=case).consultant,
        "admin": people.admin,
        "visitor": lambda: None,
    }[who]()
    if user:
        client.force_login(user)
    response = client.get(_download(case, attachment))
    expected = {"visitor": 302, "offered": 403}.get(who, 404)
    assert response.status_code == expected
    assert not AuditEvent.objects.filter(action="download").exists()
