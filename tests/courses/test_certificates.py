"""Certificates: issued once, a PDF that says the right things, checkable by anyone."""

import io
import json
from datetime import timedelta
from urllib.parse import quote

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from community.services import user_delete_account
from courses.models import Certificate
from courses.services import lesson_mark_complete
from memberships.models import Membership
from tests.community import factories
from tests.courses.conftest import lessons_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def finisher(db):
    return factories.member(
        user__first_name="Zofia", user__last_name="Łukasiewicz-Núñez"
    )


@pytest.fixture
def certificate(finisher, course):
    for lesson in lessons_of(course):
        issued = lesson_mark_complete(user=finisher, lesson=lesson)
    return issued


def pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    assert len(reader.pages) == 1
    return " ".join(reader.pages[0].extract_text().split())


def test_the_pdf_states_name_course_hours_date_and_code(client, finisher, certificate):
    client.force_login(finisher)
    response = client.get(
        reverse("courses:certificate-download", args=[certificate.code])
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    text = pdf_text(response.content)
    assert "Certificate of completion" in text
    assert "Zofia Łukasiewicz-Núñez" in text
    assert certificate.course_title in text
    assert "2.0 hours" in text
    assert certificate.completed_on.strftime("%-d %B %Y") in text
    assert certificate.code in text
    assert f"/certificates/{certificate.code}/" in text


def test_the_course_page_offers_the_download(client, finisher, certificate, course):
    client.force_login(finisher)
    text = client.get(course.url).content.decode()
    assert reverse("courses:certificate-download", args=[certificate.code]) in text
    assert "4 of 4 lessons done" in text


def test_only_the_owner_downloads_the_pdf(client, certificate):
    url = reverse("courses:certificate-download", args=[certificate.code])
    assert client.get(url).status_code == 302  # anonymous: sign in
    client.force_login(factories.member())
    assert client.get(url).status_code == 404


def lapse(user) -> None:
    user.membership.status = Membership.Status.CANCELED
    user.membership.current_period_end = timezone.now() - timedelta(days=1)
    user.membership.save()


def test_a_lapsed_member_downloads_the_certificate_they_earned(
    client, finisher, certificate, course
):
    lapse(finisher)
    client.force_login(finisher)
    url = reverse("courses:certificate-download", args=[certificate.code])
    assert url in client.get(course.url).content.decode()
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert certificate.code in pdf_text(response.content)


def test_a_lapsed_member_cannot_download_someone_elses_certificate(
    client, certificate, course
):
    client.force_login(factories.lapsed_member())
    url = reverse("courses:certificate-download", args=[certificate.code])
    assert client.get(url).status_code == 404
    assert url not in client.get(course.url).content.decode()


def test_anyone_can_verify_and_sees_only_what_the_certificate_says(
    client, finisher, certificate
):
    response = client.get(reverse("certificates:verify", args=[certificate.code]))
    assert response.status_code == 200
    text = response.content.decode()
    assert "This certificate is genuine" in text
    assert "Zofia Łukasiewicz-Núñez" in text
    assert certificate.course_title in text
    assert finisher.email not in text
    assert finisher.get_display_name() not in text


def test_a_code_typed_in_lowercase_or_without_dashes_is_found(client, certificate):
    loose = certificate.code.replace("-", "").lower()
    response = client.get(reverse("certificates:verify", args=[loose]), follow=True)
    assert "This certificate is genuine" in response.content.decode()
    lookup = client.get(reverse("certificates:lookup"), {"code": loose}, follow=True)
    assert "This certificate is genuine" in lookup.content.decode()


@pytest.mark.parametrize("code", ["AAAA-BBBB-CCCC", "nonsense", "<script>x<"])
def test_a_forged_code_is_not_found(client, certificate, code):
    response = client.get(f"/certificates/{quote(code)}/", follow=True)
    assert response.status_code == 404
    text = response.content.decode()
    assert "No certificate or transcript has this code" in text
    assert "<script>x" not in text


def test_the_lookup_form_explains_a_malformed_code(client):
    response = client.get(reverse("certificates:lookup"), {"code": "12"})
    assert response.status_code == 400
    assert "twelve letters and digits" in response.content.decode()
    assert 'value="12"' in response.content.decode()


def test_the_certificate_outlives_changes_to_the_course(client, certificate, course):
    lessons_of(course)[0].delete()
    course.title = "Renamed course"
    course.save_revision().publish()
    certificate.refresh_from_db()
    assert certificate.minutes == 120
    course.delete()
    response = client.get(reverse("certificates:verify", args=[certificate.code]))
    text = response.content.decode()
    assert "This certificate is genuine" in text
    assert "Course 1" in text and "2.0" in text


def test_export_lists_progress_and_certificates(client, finisher, certificate):
    client.force_login(finisher)
    response = client.post(reverse("account:export"))
    data = json.loads(response.content)
    assert data["course"]["certificates"][0]["code"] == certificate.code
    assert len(data["course"]["lessons"]) == 4


def test_deleting_the_account_withdraws_the_certificate(client, finisher, certificate):
    user_delete_account(user=finisher)
    assert not Certificate.objects.exists()
    response = client.get(reverse("certificates:verify", args=[certificate.code]))
    assert response.status_code == 404
