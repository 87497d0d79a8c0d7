"""seed_demo adds three consultants (one attending, one away next week) and
cases in several states; run twice, it duplicates nothing."""

import io

import pytest
from django.core.management import call_command

from consultations.models import (
    Case,
    ConsultantAway,
    ConsultantProfile,
    Offer,
    Report,
)
from consultations.rules import is_consultant

pytestmark = pytest.mark.django_db
Status = Case.Status


def _counts():
    return tuple(
        model.objects.count()
        for model in (Case, ConsultantProfile, ConsultantAway, Offer, Report)
    )


def test_seed_demo_adds_consultants_and_cases_and_runs_twice(settings):
    settings.DEBUG = True
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    first = _counts()
    call_command("seed_demo", stdout=io.StringIO())
    assert _counts() == first

    profiles = ConsultantProfile.objects.select_related("user")
    assert profiles.count() == 3
    assert profiles.filter(is_attending=True).count() == 1
    assert all(p.specialties.exists() for p in profiles)
    assert ConsultantAway.objects.count() == 1
    assert all(is_consultant(p.user) for p in profiles)
    assert "consultant.ines@example.com" in out.getvalue()

    statuses = set(Case.objects.values_list("status", flat=True))
    assert {
        Status.DRAFT,
        Status.TRIAGE,
        Status.OFFERED,
        Status.DRAFTING,
        Status.IN_SIGNOFF,
        Status.DELIVERED,
    } <= statuses
    offered = Case.objects.get(status=Status.OFFERED)
    assert offered.offers.filter(status=Offer.Status.PENDING).exists()
    drafting = Case.objects.get(status=Status.DRAFTING)
    assert drafting.report.sections and drafting.lead_reviewer
    delivered = Case.objects.get(status=Status.DELIVERED)
    assert delivered.report.approved_at and delivered.delivered_at


def test_a_demo_consultant_can_sign_in_and_sees_their_card(client, settings):
    from community.demo import DEMO_PASSWORD

    settings.DEBUG = True
    call_command("seed_demo", stdout=io.StringIO())
    client.post(
        "/accounts/login/",
        {"login": "consultant.malik@example.com", "password": DEMO_PASSWORD},
    )
    html = client.get("/").content.decode()
    assert "Offers to answer" in html
    assert Case.objects.get(status=Status.OFFERED).reference in html
