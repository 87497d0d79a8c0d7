"""The continuing-education transcript: only verified items (certificates,
confirmed attendance, delivered consultations), a friendly empty state, a PDF
issued as a snapshot, and its code checkable at the public certificate lookup."""

import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from consultations.models import Case, Report
from courses.models import Certificate
from sessions.models import Attendance, CoachingSession
from tests.community import factories
from tests.consultations import factories as consult
from transcripts.models import Transcript

pytestmark = pytest.mark.django_db

PAGE = "/account/transcript/"
CASE_TEXT = consult.CaseFactory.case_summary


def certificate(user, *, title="Working with shame", minutes=150):
    return Certificate.objects.create(
        user=user,
        recipient_name="Dana Reyes",
        course_title=title,
        minutes=minutes,
        completed_on=timezone.localdate() - timedelta(days=3),
    )


def session(title="Group coaching session", *, days_ago=2):
    starts = timezone.now() - timedelta(days=days_ago)
    return CoachingSession.objects.create(
        title=title,
        starts_at=starts,
        questions_close_at=starts - timedelta(hours=48),
        duration_minutes=90,
    )


def attended(user, held, *, minutes=75, confirmed=True):
    return Attendance.objects.create(
        session=held,
        user=user,
        first_joined_at=held.starts_at,
        last_joined_at=held.starts_at,
        minutes=minutes if confirmed else None,
        confirmed_at=timezone.now() if confirmed else None,
    )


@pytest.fixture
def dana(db):
    return factories.member(
        user__first_name="Dana", user__last_name="Reyes", user__display_name="Dana R."
    )


@pytest.fixture
def verified(dana):
    """Dana's verified record, and things that must not be listed."""
    certificate(dana)
    attended(dana, session("Shame and the body"), minutes=75)
    attended(dana, session("Not yet confirmed", days_ago=1), confirmed=False)
    attended(dana, session("Did not attend", days_ago=3), minutes=None)
    delivered = consult.case_in(Case.Status.DELIVERED, requester=dana)
    consult.case_in(Case.Status.DRAFTING, requester=dana)
    return delivered


def pdf_text(content: bytes) -> str:
    return " ".join(
        page.extract_text() for page in PdfReader(io.BytesIO(content)).pages
    )


def issue(client):
    response = client.post(reverse("transcripts:issue"))
    assert response.status_code == 302
    return Transcript.objects.latest("pk"), response


# The page ---------------------------------------------------------------------


def test_the_page_lists_only_verified_items_and_no_case_text(client, dana, verified):
    client.force_login(dana)
    response = client.get(PAGE)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Working with shame" in html
    assert Certificate.objects.get().code in html
    assert "Shame and the body" in html and "<td>75</td>" in html
    assert "Not yet confirmed" not in html
    assert "Did not attend" not in html
    assert verified.reference in html
    assert Case.objects.filter(requester=dana).count() == 2
    assert len(response.context["items"]["received"]) == 1
    assert CASE_TEXT not in html
    assert verified.referral_question not in html
    totals = response.context["totals"]
    # Two decimals, so that 75 minutes read 1.25 and the rows add up.
    assert totals["course_hours"] == "2.50"
    assert totals["session_hours"] == "1.25"
    assert totals["total_hours"] == "3.75"
    assert "Download PDF" in html
    assert 'aria-current="page"' in html and "CE transcript" in html


def test_sessions_are_dated_in_the_members_zone(client, db):
    tokyo = factories.member(user__time_zone="Asia/Tokyo")
    held = session()
    held.starts_at = held.starts_at.replace(hour=20, minute=0)  # 05:00 next day
    held.save()
    attended(tokyo, held)
    client.force_login(tokyo)
    [item] = client.get(PAGE).context["items"]["sessions"]
    assert item["on"] == (held.starts_at + timedelta(hours=9)).date()


def test_a_consultant_sees_the_consultations_they_gave_with_their_role(client, db):
    lead = consult.consultant()
    case = consult.case_in(Case.Status.CLOSED, lead=lead)
    panel = consult.panel_member(case)
    signer = consult.attending()
    Report.objects.filter(case=case).update(approved_by=signer)
    consult.case_in(Case.Status.IN_SIGNOFF, lead=lead)

    roles = {}
    for person in (lead, panel, signer):
        client.force_login(person)
        [given] = client.get(PAGE).context["items"]["given"]
        assert given["reference"] == case.reference
        roles[person] = given["role"]
    assert roles == {
        lead: "Lead reviewer",
        panel: "Panel member",
        signer: "Signed off (attending)",
    }


def test_nothing_verified_is_a_friendly_empty_state_without_a_pdf(client, member):
    attended(member, session(), confirmed=False)
    client.force_login(member)
    response = client.get(PAGE)
    html = response.content.decode()
    assert "Nothing verified yet." in html
    assert "Download PDF" not in html

    response = client.post(reverse("transcripts:issue"))
    assert response.status_code == 302 and response.url == PAGE
    assert not Transcript.objects.exists()
    assert "nothing verified" in client.get(PAGE).content.decode()


def test_the_page_query_count_does_not_grow_with_items(
    client, dana, django_assert_max_num_queries
):
    client.force_login(dana)
    certificate(dana)
    attended(dana, session())
    with django_assert_max_num_queries(30) as few:
        client.get(PAGE)
    for n in range(4):
        certificate(dana, title=f"Course {n}")
        attended(dana, session(f"Session {n}", days_ago=5 + n))
        consult.case_in(Case.Status.DELIVERED, requester=dana)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(PAGE)


def test_visitors_are_sent_to_sign_in(client, db):
    for response in (client.get(PAGE), client.post(reverse("transcripts:issue"))):
        assert response.status_code == 302
        assert reverse("account_login") in response.url


def test_a_lapsed_member_keeps_their_transcript(client, db):
    lapsed = factories.lapsed_member()
    certificate(lapsed)
    client.force_login(lapsed)
    assert "Working with shame" in client.get(PAGE).content.decode()


# The PDF ------------------------------------------------------------------------


def test_the_pdf_is_a_snapshot_in_the_members_name(client, dana, verified):
    client.force_login(dana)
    transcript, response = issue(client)
    assert response.url == reverse("transcripts:download", args=[transcript.code])

    download = client.get(response.url)

    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    text = pdf_text(download.content)
    assert "Dana Reyes" in text
    assert "Working with shame" in text
    assert "Shame and the body" in text and "75 minutes" in text
    assert verified.reference in text
    assert transcript.code in text
    assert f"/certificates/{transcript.code}/" in text
    assert "Not yet confirmed" not in text
    assert CASE_TEXT[:30] not in text
    assert transcript.recipient_name == "Dana Reyes"
    assert transcript.totals["total_hours"] == "3.75"

    # Later changes do not touch the issued snapshot.
    Certificate.objects.all().delete()
    assert "Working with shame" in pdf_text(client.get(response.url).content)


def test_other_people_cannot_download_someone_elses_pdf(client, dana, verified):
    client.force_login(dana)
    transcript, _ = issue(client)
    url = reverse("transcripts:download", args=[transcript.code])

    client.force_login(factories.member())
    assert client.get(url).status_code == 404
    client.logout()
    response = client.get(url)
    assert response.status_code == 302
    assert reverse("account_login") in response.url


def test_a_transcript_code_is_never_a_certificates(client, dana, monkeypatch):
    taken = certificate(dana).code
    codes = iter([taken, "ABCD-EFGH-JKMN"])
    monkeypatch.setattr("transcripts.models.new_certificate_code", lambda: next(codes))
    client.force_login(dana)
    transcript, _ = issue(client)
    assert transcript.code == "ABCD-EFGH-JKMN"


# Public verification ---------------------------------------------------------------


def test_the_lookup_verifies_a_transcript_code(client, dana, verified):
    client.force_login(dana)
    transcript, _ = issue(client)
    client.logout()

    lookup = client.get(
        reverse("certificates:lookup"), {"code": transcript.code.lower()}
    )
    assert lookup.status_code == 302
    assert lookup.url == f"/certificates/{transcript.code}/"
    response = client.get(lookup.url)

    assert response.status_code == 200
    html = response.content.decode()
    assert "This transcript is genuine" in html
    assert "Dana Reyes" in html
    assert "Working with shame" in html and "Shame and the body" in html
    assert verified.reference in html
    assert "Not yet confirmed" not in html
    assert CASE_TEXT not in html
    assert dana.email not in html


def test_a_loose_transcript_code_redirects_to_its_page(client, dana, verified):
    client.force_login(dana)
    transcript, _ = issue(client)
    loose = transcript.code.replace("-", "").lower()
    response = client.get(f"/certificates/{loose}/")
    assert response.status_code == 302
    assert response.url == f"/certificates/{transcript.code}/"


def test_the_lookup_still_verifies_certificates_and_refuses_unknown_codes(client, dana):
    code = certificate(dana).code
    assert reverse("certificates:verify", args=[code]) == f"/certificates/{code}/"
    response = client.get(reverse("certificates:verify", args=[code]))
    assert response.status_code == 200
    assert "This certificate is genuine" in response.content.decode()
    assert client.get("/certificates/AAAA-BBBB-CCCC/").status_code == 404


# Data rights --------------------------------------------------------------------


def test_transcripts_are_exported_and_go_with_the_account(client, dana, verified):
    from community.data_rights import export_all
    from transcripts.data_rights import transcripts_on_account_deleted

    client.force_login(dana)
    transcript, _ = issue(client)
    [exported] = export_all(user=dana)["transcripts"]
    assert exported["code"] == transcript.code
    assert exported["items"]["sessions"][0]["minutes"] == 75

    transcripts_on_account_deleted(user=dana)
    assert not Transcript.objects.exists()
    assert client.get(f"/certificates/{transcript.code}/").status_code == 404
