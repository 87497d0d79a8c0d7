"""The directory's part of "download my data" and "delete my account"."""

import pytest

from community import data_rights
from referrals import services
from referrals.models import Recommendation, ReferralEntry
from tests.community import factories
from tests.referrals.helpers import entry

pytestmark = pytest.mark.django_db


@pytest.fixture
def member_with_everything():
    member = factories.member()
    approved = entry(name="Dr. Approved", suggested_by=member)
    entry(name="Dr. Waiting", suggested_by=member, approved=False)
    other = entry(name="Dr. Someone Else")
    for made in (approved, other):
        services.recommendation_save(
            entry=made, author=member, communication="Quick letter.", seen_within="week"
        )
    return member


def test_the_export_holds_the_suggestions_and_recommendations(member_with_everything):
    section = data_rights.export_all(user=member_with_everything)["referrals"]
    suggested = {item["name"]: item["status"] for item in section["suggestions"]}
    assert suggested == {"Dr. Approved": "approved", "Dr. Waiting": "pending"}
    assert section["suggestions"][0]["states"] == ["OR"]
    assert {item["entry"] for item in section["recommendations"]} == {
        "Dr. Approved",
        "Dr. Someone Else",
    }


def test_deletion_keeps_approved_entries_without_the_suggester(member_with_everything):
    data_rights.erase_all(user=member_with_everything)
    assert not Recommendation.objects.filter(author=member_with_everything).exists()
    assert set(ReferralEntry.objects.values_list("name", flat=True)) == {
        "Dr. Approved",
        "Dr. Someone Else",
    }
    assert ReferralEntry.objects.get(name="Dr. Approved").suggested_by is None


def test_every_model_here_is_covered():
    assert {"referrals.ReferralEntry", "referrals.Recommendation"} <= (
        data_rights.covered_models()
    )
