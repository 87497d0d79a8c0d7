"""Sign-up, verification, sign-in, password reset, two-factor and rate limits."""

import re
import time

import pytest
import time_machine
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import (
    SECRET_SESSION_KEY,
    format_hotp_value,
    hotp_value,
)
from django.core import mail
from django.test import Client

from community.models import User
from tests.community.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "another-long-password-77"


def totp_code(secret: str) -> str:
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def link_in(message) -> str:
    match = re.search(r"http://testserver(/\S+)", message.body)
    assert match, message.body
    return match.group(1)


def sign_up(client, **overrides):
    data = {
        "email": "new.member@example.org",
        "display_name": "New M.",
        "time_zone": "America/Chicago",
        "password1": NEW_PASSWORD,
        "password2": NEW_PASSWORD,
        **overrides,
    }
    return client.post("/accounts/signup/", data)


def test_sign_up_asks_for_email_only_and_sends_a_verification_email(client):
    page = client.get("/accounts/signup/").content.decode()
    assert 'name="username"' not in page
    assert 'name="email"' in page and 'name="display_name"' in page

    response = sign_up(client)
    assert response.status_code == 302
    assert response["Location"] == "/accounts/confirm-email/"
    user = User.objects.get(email="new.member@example.org")
    assert user.display_name == "New M."
    assert user.time_zone == "America/Chicago"
    assert len(mail.outbox) == 1
    assert "confirm" in mail.outbox[0].subject.lower()
    assert mail.outbox[0].to == ["new.member@example.org"]


def test_unverified_account_cannot_sign_in_until_the_link_is_followed(client):
    sign_up(client)
    confirm_url = link_in(mail.outbox[0])
    client.logout()
    response = client.post(
        "/accounts/login/",
        {"login": "new.member@example.org", "password": NEW_PASSWORD},
    )
    assert response["Location"] == "/accounts/confirm-email/"
    assert "_auth_user_id" not in client.session
    # The link is not re-sent within minutes (a rate limit against mail bombing).
    assert len(mail.outbox) == 1

    assert client.get(confirm_url).status_code == 200
    response = client.post(confirm_url)
    # Verified and signed in; without a membership the first stop is Join.
    assert response.status_code == 302
    assert response["Location"] == "/join/"
    assert EmailAddress.objects.get(email="new.member@example.org").verified


def test_verifying_right_after_sign_up_signs_in_and_lands_on_join(client):
    sign_up(client)
    response = client.post(link_in(mail.outbox[0]))
    assert response["Location"] == "/join/"
    assert "_auth_user_id" in client.session


def test_sign_up_errors_keep_what_was_typed(client):
    response = sign_up(client, password2="does-not-match-at-all")
    assert response.status_code == 200
    html = response.content.decode()
    assert "new.member@example.org" in html
    assert "New M." in html
    assert 'aria-invalid="true"' in html
    assert not User.objects.filter(email="new.member@example.org").exists()


def test_email_addresses_are_unique_whatever_their_case(client):
    UserFactory(email="taken@example.org")
    response = sign_up(client, email="TAKEN@example.org")
    assert User.objects.filter(email__iexact="taken@example.org").count() == 1
    # allauth does not reveal that the address exists: it mails its owner instead.
    assert response.status_code in (200, 302)


def test_sign_in_by_email_is_case_insensitive(client):
    user = UserFactory(email="dana@example.org")
    response = client.post(
        "/accounts/login/", {"login": "DANA@example.org", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def test_password_reset_sends_a_working_link(client):
    user = UserFactory()
    client.post("/accounts/password/reset/", {"email": user.email})
    assert len(mail.outbox) == 1
    assert "password" in mail.outbox[0].subject.lower()
    reset_url = link_in(mail.outbox[0])
    form_url = client.get(reset_url)["Location"]
    response = client.post(
        form_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)


def test_password_change_is_confirmed_by_email(client):
    user = UserFactory()
    client.force_login(user)
    client.post(
        "/accounts/password/change/",
        {"oldpassword": PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    assert any("password" in m.subject.lower() for m in mail.outbox)


def test_adding_an_email_address_sends_its_verification(client):
    user = UserFactory()
    client.force_login(user)
    client.post("/accounts/email/", {"action_add": "", "email": "second@example.org"})
    assert any(m.to == ["second@example.org"] for m in mail.outbox)


def test_failed_sign_ins_are_rate_limited(client):
    user = UserFactory()
    for _ in range(5):
        response = client.post(
            "/accounts/login/", {"login": user.email, "password": "wrong-password"}
        )
        assert response.status_code == 200
    # Even the right password is refused for a while, with a clear message.
    response = client.post(
        "/accounts/login/", {"login": user.email, "password": PASSWORD}
    )
    assert "_auth_user_id" not in client.session
    assert "Too many failed login attempts" in response.content.decode()


def test_sign_in_requests_per_address_are_rate_limited_with_a_429(client):
    for _ in range(30):
        client.post("/accounts/login/", {"login": "x@example.org", "password": "x"})
    response = client.post(
        "/accounts/login/", {"login": "y@example.org", "password": "y"}
    )
    assert response.status_code == 429
    assert "Too many attempts" in response.content.decode()


def test_two_factor_setup_then_sign_in_asks_for_the_code():
    user = UserFactory()
    client = Client()  # signed in a while ago: setting up asks for the password
    client.force_login(user)
    # Setting up two-factor asks for the password again first.
    page = client.get("/accounts/2fa/totp/activate/")
    assert page["Location"].startswith("/accounts/reauthenticate/")
    client.post(page["Location"], {"password": PASSWORD})
    page = client.get("/accounts/2fa/totp/activate/")
    assert page.status_code == 200
    secret = client.session[SECRET_SESSION_KEY]
    response = client.post("/accounts/2fa/totp/activate/", {"code": totp_code(secret)})
    assert response.status_code == 302
    assert Authenticator.objects.filter(user=user, type="totp").exists()
    assert Authenticator.objects.filter(user=user, type="recovery_codes").exists()

    client.logout()
    response = client.post(
        "/accounts/login/", {"login": user.email, "password": PASSWORD}
    )
    assert response["Location"] == "/accounts/2fa/authenticate/"
    assert "_auth_user_id" not in client.session
    wrong = client.post("/accounts/2fa/authenticate/", {"code": "000000"})
    assert wrong.status_code == 200
    assert "_auth_user_id" not in client.session
    # The code used at activation cannot be replayed; the next period's code works.
    with time_machine.travel(time.time() + 30):
        response = client.post(
            "/accounts/2fa/authenticate/", {"code": totp_code(secret)}
        )
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def test_recovery_code_signs_in_when_the_phone_is_lost(client):
    from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    user = UserFactory()
    TOTP.activate(user, generate_totp_secret())
    codes = RecoveryCodes.activate(user).get_unused_codes()
    client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
    response = client.post("/accounts/2fa/authenticate/", {"code": codes[0]})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def test_deactivated_account_cannot_sign_in(client):
    user = UserFactory(is_active=False)
    response = client.post(
        "/accounts/login/", {"login": user.email, "password": PASSWORD}
    )
    assert "_auth_user_id" not in client.session
    assert response.status_code in (200, 302)


def test_passkeys_are_offered_beside_the_authenticator_app(settings):
    from allauth.mfa import app_settings

    assert settings.MFA_SUPPORTED_TYPES == ["totp", "webauthn", "recovery_codes"]
    assert app_settings.PASSKEY_LOGIN_ENABLED
    assert not settings.MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN


def test_account_security_page_lists_the_app_and_passkeys(client):
    client.force_login(UserFactory())
    page = client.get("/accounts/2fa/").content.decode()
    assert "Authenticator app" in page
    assert "Passkeys" in page
    assert 'href="/accounts/2fa/webauthn/add/"' in page


def test_passkey_add_page_renders_for_a_member_with_local_scripts():
    from tests.community.factories import member

    client = Client()  # signed in a while ago: adding a key asks for the password
    client.force_login(member())
    page = client.get("/accounts/2fa/webauthn/add/")
    assert page["Location"].startswith("/accounts/reauthenticate/")
    client.post(page["Location"], {"password": PASSWORD})
    page = client.get("/accounts/2fa/webauthn/add/")
    assert page.status_code == 200
    html = page.content.decode()
    assert 'id="mfa_webauthn_add"' in html
    scripts = re.findall(r"<script([^>]*)>", html)
    sources = [re.search(r'src="([^"]+)"', s).group(1) for s in scripts if "src=" in s]
    assert "/static/mfa/js/webauthn.js" in sources
    # Every script is this site's own file; the inline ones are JSON data only.
    assert all(src.startswith("/static/") for src in sources)
    assert all("src=" in s or "application/json" in s for s in scripts)
    csp = page["Content-Security-Policy"]
    assert (
        "script-src 'self'" in csp
        and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    )


def test_sign_in_page_offers_a_passkey(client):
    page = client.get("/accounts/login/").content.decode()
    assert 'id="passkey_login"' in page
    assert "/static/mfa/js/webauthn.js" in page
