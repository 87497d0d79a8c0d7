"""The referral directory in a browser: a member suggests a psychiatrist (and
is told what is missing), the director approves the suggestion, and members
find it under "Ketamine-assisted therapy" in Oregon."""

import re

import pytest
from playwright.sync_api import expect

from referrals.models import ReferralEntry, Specialty, Status
from tests.browser.conftest import check_accessibility
from tests.community import factories

pytestmark = pytest.mark.django_db(transaction=True)
NAME = "Dr. Ana Ruiz, MD"


@pytest.fixture
def specialties(db):
    """The seeded list (a data migration), as an earlier browser test's flush
    may have emptied it."""
    for slug, name in [
        ("ketamine-assisted-therapy", "Ketamine-assisted therapy"),
        ("tms", "TMS (transcranial magnetic stimulation)"),
    ]:
        Specialty.objects.get_or_create(slug=slug, defaults={"name": name})


def test_a_suggested_psychiatrist_is_approved_and_found_in_oregon(
    page, sign_in, home_page, specialties
):
    dana = factories.member(user__display_name="Dana R.")
    director = factories.director(display_name="Dr. Miriam Okafor")

    sign_in(dana)
    page.goto("/referrals/")
    check_accessibility(page, "referral directory (member)")
    page.get_by_role("link", name="Suggest a specialist").click()
    name = page.get_by_role("textbox", name="Name:", exact=True)
    name.fill(NAME)
    page.get_by_label("Ketamine-assisted therapy").check()
    page.get_by_label("Offers telehealth").check()
    page.get_by_label("Insurance accepted").fill("Aetna")
    page.get_by_role("button", name="Send my suggestion").click()
    # No state: the form comes back with what was typed and says what is missing.
    summary = page.get_by_role("alert").filter(has_text="There is a problem")
    expect(summary).to_contain_text("Choose at least one state")
    expect(name).to_have_value(NAME)
    check_accessibility(page, "referral suggestion with errors")
    assert not ReferralEntry.objects.exists()
    page.get_by_label("Oregon", exact=True).check()
    page.get_by_role("button", name="Send my suggestion").click()
    expect(
        page.get_by_text("Waiting for the director's approval.", exact=True)
    ).to_be_visible()
    assert ReferralEntry.objects.get().status == Status.PENDING

    sign_in(director)
    page.goto("/referrals/review/")
    check_accessibility(page, "referral review queue (director)")
    page.get_by_role("link", name=NAME).click()
    page.get_by_role("button", name="Approve").click()
    expect(page.get_by_text(f"“{NAME}” is in the directory.")).to_be_visible()
    assert ReferralEntry.objects.get().status == Status.APPROVED

    sign_in(factories.member(user__display_name="Kenji S."))
    page.goto("/referrals/")
    search = page.get_by_role("search", name="Find a specialist")
    search.get_by_label("Specialty").select_option(label="Ketamine-assisted therapy")
    search.get_by_label("Licensed in").select_option(label="Oregon")
    search.get_by_role("button", name="Show specialists").click()
    expect(page).to_have_url(re.compile(r"specialty=ketamine-assisted-therapy"))
    results = page.get_by_role("list", name="Specialists")
    expect(results.get_by_role("listitem").filter(has_text=NAME)).to_have_count(1)
    expect(page.get_by_role("status")).to_contain_text("1 specialist match")
    check_accessibility(page, "referral directory filtered (member)")
    page.get_by_role("link", name=NAME).click()
    expect(page.get_by_role("heading", name=NAME, level=1)).to_be_visible()
    expect(page.get_by_text("Oregon")).to_be_visible()
