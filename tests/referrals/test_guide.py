"""The "When to refer to psychiatry" guide: in the library after migrate, for
members only, linked from the directory and the report's psychiatric section."""

import pytest
from django.urls import reverse

from consultations.models import Case, Report
from courses.models import VideoIndexPage
from referrals.models import ReferralGuidePage
from referrals.setup import ensure_guide_page
from tests.community import factories
from tests.consultations.factories import case_in
from tests.consultations.report_helpers import url

pytestmark = pytest.mark.django_db
GUIDE = "/videos/when-to-refer-to-psychiatry/"


def test_migrate_puts_the_guide_in_the_library_once():
    guide = ReferralGuidePage.objects.get()
    assert guide.live
    assert guide.get_parent().specific_class is VideoIndexPage
    assert guide.url == GUIDE
    assert ensure_guide_page() == guide
    assert ReferralGuidePage.objects.count() == 1


def test_the_guide_is_for_members(client):
    response = client.get(GUIDE)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    client.force_login(factories.lapsed_member())
    assert client.get(GUIDE)["Location"] == reverse("memberships:join")
    client.force_login(factories.member())
    page = client.get(GUIDE).content.decode()
    for words in (
        "When to refer",
        "too depleted",
        "plateaued",
        "second opinion",
        "two failed medication trials",
        "How to talk with the client about it",
    ):
        assert words in page
    assert reverse("referrals:list") in page


def test_the_directory_links_the_guide_and_the_member_directory(client):
    client.force_login(factories.member())
    page = client.get(reverse("referrals:list")).content.decode()
    assert f'href="{GUIDE}"' in page
    assert 'href="/members/"' in page


def test_the_report_links_the_guide_in_its_psychiatric_section_only(client):
    case = case_in(Case.Status.DELIVERED)
    Report.objects.filter(case=case).update(
        sections={
            "question": {"text": "Working with avoidance.", "shareable": True},
            "psychiatric": {"text": "A medication review is worth raising."},
        }
    )
    client.force_login(case.requester)
    page = client.get(url("report", case)).content.decode()
    assert page.count("When to refer to psychiatry") == 1
    psychiatric = page.split('id="section-psychiatric"')[1].split("</section>")[0]
    assert f'href="{GUIDE}"' in psychiatric
    assert reverse("referrals:list") in psychiatric


def test_the_report_editor_links_the_guide_under_the_psychiatric_field(client):
    case = case_in(Case.Status.ACCEPTED)
    client.force_login(case.lead_reviewer)
    page = client.get(url("report-edit", case)).content.decode()
    assert page.count("When to refer to psychiatry") == 1
