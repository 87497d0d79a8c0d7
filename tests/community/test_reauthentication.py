"""Downloading my data and deleting my account ask again for the password or the
second factor, through allauth's reauthentication (not a password field of ours)."""

import json
import time

import pytest
import time_machine
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
)
from django.test import Client

from tests.community.factories import PASSWORD, member

pytestmark = pytest.mark.django_db

REAUTHENTICATE = "/accounts/reauthenticate/"


def totp_code(secret: str) -> str:
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


@pytest.fixture
def signed_in():
    """A member signed in a while ago: nothing confirmed in the last minutes."""
    user = member()
    client = Client()
    client.force_login(user)
    return client, user


@pytest.mark.parametrize("url", ["/account/export/", "/account/delete/"])
def test_without_recent_authentication_it_asks_again(signed_in, url):
    client, user = signed_in
    data = {"confirm": "on"} if url.endswith("delete/") else {}
    response = client.post(url, data)
    assert response.status_code == 302
    assert response["Location"] == f"{REAUTHENTICATE}?next={url.replace('/', '%2F')}"
    user.refresh_from_db()
    assert user.is_active and user.deleted_at is None


def test_the_pages_show_before_asking(signed_in):
    client, _ = signed_in
    assert client.get("/account/export/").status_code == 200
    page = client.get("/account/delete/").content.decode()
    assert 'name="password"' not in page
    assert "asked for your password" in page


def test_after_reauthenticating_the_export_downloads(signed_in):
    client, user = signed_in
    client.post("/account/export/")
    # allauth replays the request that was interrupted.
    response = client.post(
        f"{REAUTHENTICATE}?next=/account/export/", {"password": PASSWORD}
    )
    assert response.status_code == 200
    assert json.loads(response.content)["account"]["email"] == user.email
    # Within the next minutes it does not ask again.
    assert client.post("/account/export/").status_code == 200


def test_after_reauthenticating_the_account_is_deleted(signed_in):
    client, user = signed_in
    client.post(REAUTHENTICATE, {"password": PASSWORD})
    response = client.post("/account/delete/", {"confirm": "on"})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.deleted_at is not None and not user.is_active


def test_a_wrong_password_does_not_reauthenticate(signed_in):
    client, user = signed_in
    response = client.post(REAUTHENTICATE, {"password": "not-the-password"})
    assert response.status_code == 200
    assert client.post("/account/delete/", {"confirm": "on"}).status_code == 302
    user.refresh_from_db()
    assert user.deleted_at is None


def test_reauthentication_expires(signed_in):
    client, user = signed_in
    client.post(REAUTHENTICATE, {"password": PASSWORD})
    with time_machine.travel(time.time() + 60 * 60):
        response = client.post("/account/delete/", {"confirm": "on"})
    assert response["Location"].startswith(REAUTHENTICATE)
    user.refresh_from_db()
    assert user.deleted_at is None


def test_delete_still_needs_the_confirmation(signed_in):
    client, user = signed_in
    client.post(REAUTHENTICATE, {"password": PASSWORD})
    response = client.post("/account/delete/", {})
    assert response.status_code == 400
    user.refresh_from_db()
    assert user.deleted_at is None


def test_a_member_with_totp_can_reauthenticate_with_a_code(signed_in):
    client, user = signed_in
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    response = client.post("/account/delete/", {"confirm": "on"})
    assert response["Location"].startswith(REAUTHENTICATE)
    # The password page offers the authenticator instead.
    page = client.get(response["Location"]).content.decode()
    assert "/accounts/2fa/reauthenticate/" in page

    assert client.post("/accounts/2fa/reauthenticate/", {"code": "000000"}).status_code
    assert client.post("/account/delete/", {"confirm": "on"}).status_code == 302
    user.refresh_from_db()
    assert user.deleted_at is None

    with time_machine.travel(time.time() + 1):
        client.post("/accounts/2fa/reauthenticate/", {"code": totp_code(secret)})
        response = client.post("/account/delete/", {"confirm": "on"}, follow=True)
    assert "Your account is deleted" in response.content.decode()
    user.refresh_from_db()
    assert user.deleted_at is not None
