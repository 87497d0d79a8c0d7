"""A visitor signs up, verifies the email, sets up two-factor and signs in with it;
the director is sent to set up two-factor before her tools."""

import re
import time

import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.core import mail
from playwright.sync_api import expect

from tests.browser.conftest import check_accessibility
from tests.community import factories

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "a-long-browser-password-31"


def totp_code(secret: str) -> str:
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def test_visitor_signs_up_verifies_sets_up_2fa_and_lands_on_join(page, home_page):
    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_have_text(home_page.hero_title)
    check_accessibility(page, "landing page (visitor)")
    page.get_by_role("link", name="Join the community").first.click()
    check_accessibility(page, "sign up (visitor)")

    page.get_by_label("Email").fill("new.therapist@example.org")
    page.get_by_label("Display name").fill("Alex T.")
    page.get_by_label("Time zone").select_option("Europe/Vienna")
    page.get_by_label("Password:", exact=True).fill(PASSWORD)
    page.get_by_label("Password (again)").fill(PASSWORD)
    page.get_by_role("button", name="Sign up").click()
    heading = page.get_by_role("heading", level=1)
    expect(heading).to_have_text("Verify your email address")
    check_accessibility(page, "verify your email (visitor)")

    body = mail.outbox[-1].body
    link = re.search(r"https?://[^/\s]+(/accounts/confirm-email/\S+)", body)
    page.goto(link.group(1))
    page.get_by_role("button", name="Confirm").click()
    # Signed in, not yet a member: the Join page.
    expect(page).to_have_url(re.compile(r"/join/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Join the community")
    check_accessibility(page, "join after verifying the email (signed up)")

    page.get_by_role("link", name="Account").click()
    page.get_by_role("navigation", name="Account").get_by_role(
        "link", name="Two-factor"
    ).click()
    page.get_by_role("link", name="Activate").first.click()
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Confirm").click()
    check_accessibility(page, "two-factor setup (signed up)")
    secret = page.locator("#authenticator_secret").input_value()
    page.get_by_label("Authenticator code").fill(totp_code(secret))
    page.get_by_role("button", name="Activate").click()
    expect(page.get_by_text("Authenticator app activated.")).to_be_visible()

    # The recovery codes are shown next: keep one, sign out and in again with it.
    expect(page.get_by_role("heading", level=1)).to_have_text("Recovery codes")
    check_accessibility(page, "recovery codes (signed up)")
    codes = page.get_by_label("Unused codes").input_value().split()
    assert len(codes) == 10
    page.get_by_role("button", name="Sign out").click()
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill("new.therapist@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in", exact=True).click()
    expect(page.get_by_label("Code")).to_be_visible()
    check_accessibility(page, "two-factor sign in (visitor)")
    page.get_by_label("Code").fill(codes[0])
    page.get_by_role("button", name="Sign in", exact=True).click()
    expect(page).to_have_url(re.compile(r"/join/$"))


def test_director_sets_up_two_factor_before_the_flag_queue(page):
    director = factories.director(two_factor=False, display_name="Dr. Miriam Okafor")
    csp_errors = []
    page.on(
        "console",
        lambda message: (
            csp_errors.append(message.text)
            if "Content Security Policy" in message.text
            else None
        ),
    )
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(director.email)
    page.get_by_label("Password").fill(factories.PASSWORD)
    page.get_by_role("button", name="Sign in", exact=True).click()
    expect(page.get_by_role("link", name="Account")).to_be_visible()

    page.goto("/forum/flags/")
    expect(page).to_have_url(re.compile(r"/accounts/2fa/$"))
    expect(page.get_by_text("Two-factor authentication is required")).to_be_visible()
    check_accessibility(page, "two-factor required (director)")

    # A passkey: the page loads allauth's WebAuthn script from the site itself.
    page.get_by_role("link", name="Add a passkey").click()
    page.get_by_label("Password").fill(factories.PASSWORD)
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Add a security key")
    check_accessibility(page, "add a passkey (director)")
    assert page.evaluate("typeof window.allauth.webauthn.forms.addForm") == "function"

    # The authenticator app instead; then the flag queue opens.
    page.goto("/accounts/2fa/totp/activate/")
    secret = page.locator("#authenticator_secret").input_value()
    page.get_by_label("Authenticator code").fill(totp_code(secret))
    page.get_by_role("button", name="Activate").click()
    expect(page.get_by_text("Authenticator app activated.")).to_be_visible()
    page.goto("/forum/flags/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Flagged posts")
    assert not csp_errors, csp_errors
