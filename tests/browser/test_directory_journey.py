"""The member directory in a browser: a member lists herself and adds a
licence, the director verifies it, and another member finds her by modality and
state, with the badge."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from directory.models import Licence, Modality, Population
from tests.browser.conftest import check_accessibility
from tests.community import factories

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def terms(db):
    """The seeded lists (a data migration), as an earlier browser test's flush
    may have emptied them."""
    for name in ("EMDR", "Family therapy"):
        Modality.objects.get_or_create(name=name)
    Population.objects.get_or_create(name="Adolescents")


def test_a_member_lists_herself_is_verified_and_found_by_modality_and_state(
    page, sign_in, home_page, terms
):
    dana = factories.member(user__display_name="Dana R.", user__credentials="LCSW")
    director = factories.director(display_name="Dr. Miriam Okafor")
    kenji = factories.member(user__display_name="Kenji S.")
    expires = timezone.localdate() + timedelta(days=400)

    # Dana lists herself with what she does and where.
    sign_in(dana)
    page.goto("/account/directory/")
    check_accessibility(page, "directory settings (member)")
    page.get_by_label("List me in the member directory").check()
    page.get_by_label("EMDR", exact=True).check()
    page.get_by_label("Adolescents", exact=True).check()
    page.get_by_label("Practice city").fill("Portland")
    page.get_by_label("Practice state").select_option(label="Oregon")
    page.get_by_role("button", name="Save directory profile").click()
    expect(page.get_by_role("status").or_(page.get_by_role("alert"))).to_be_visible()

    # ...and adds her licence; an invalid NPI is caught first.
    page.goto("/account/licences/")
    page.get_by_role("link", name="Add a licence").click()
    page.get_by_label("Licence type").select_option(value=Licence.Kind.LCSW)
    page.get_by_label(re.compile(r"^State:?$")).select_option(label="Oregon")
    page.get_by_label("Licence number").fill("L10427")
    page.get_by_label("Expires on").fill(expires.isoformat())
    npi = page.get_by_label("NPI (optional)")
    npi.fill("1234567890")
    page.get_by_role("button", name="Add the licence").click()
    expect(page.get_by_text("check digit").first).to_be_visible()
    expect(page.get_by_label("Licence number")).to_have_value("L10427")
    assert not Licence.objects.exists()
    check_accessibility(page, "licence form with errors")
    page.get_by_label("NPI (optional)").fill("1234567893")
    page.get_by_role("button", name="Add the licence").click()
    expect(page.get_by_text("Waiting for the director to verify")).to_be_visible()

    # The director checks it against the board's lookup and marks it verified.
    sign_in(director)
    page.goto("/members/licences/")
    check_accessibility(page, "licence queue (director)")
    card = page.get_by_role("article").filter(
        has=page.get_by_role("heading", name="Dana R.")
    )
    expect(card).to_contain_text("L10427")
    card.get_by_role("button", name="Mark verified").click()
    expect(page.get_by_role("heading", name="Dana R.")).to_have_count(0)
    assert Licence.objects.get().verified_on is not None

    # Kenji looks for EMDR in Oregon and finds her, verified, without her number.
    sign_in(kenji)
    page.goto("/members/")
    page.get_by_label("Modality").select_option(label="EMDR")
    page.get_by_label(re.compile(r"^State:?$")).select_option(label="Oregon")
    page.get_by_role("button", name="Search").click()
    found = page.get_by_role("article").filter(
        has=page.get_by_role("heading", name="Dana R.")
    )
    expect(found).to_contain_text("Verified")
    expect(found).to_contain_text("Portland")
    expect(page.get_by_role("heading", name="Kenji S.")).to_have_count(0)
    check_accessibility(page, "member directory, filtered (member)")
    found.get_by_role("link", name="Dana R.").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Dana R.")
    expect(page.get_by_text("EMDR")).to_be_visible()
    expect(page.get_by_text("L10427")).to_have_count(0)

    # Another modality does not find her.
    page.goto("/members/")
    page.get_by_label("Modality").select_option(label="Family therapy")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_role("heading", name="Dana R.")).to_have_count(0)
