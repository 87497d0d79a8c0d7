"""/account/: profile, notifications, data export and account deletion."""

import json

import pytest
from allauth.account.models import EmailAddress
from django.core import mail

from community.models import DELETED_MEMBER_NAME, NotificationPreferences, Orientation
from memberships.services import membership_grant_comp
from tests.community.factories import PASSWORD

pytestmark = pytest.mark.django_db


def test_account_pages_need_sign_in(client):
    for path in [
        "/account/",
        "/account/notifications/",
        "/account/export/",
        "/account/delete/",
    ]:
        response = client.get(path)
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")


def test_signed_up_non_member_can_manage_their_account(client, signed_up):
    client.force_login(signed_up)
    assert client.get("/account/").status_code == 200


def test_profile_saves_credentials_orientations_and_time_zone(client, member):
    client.force_login(member)
    cbt = Orientation.objects.get(name__startswith="Cognitive")
    response = client.post(
        "/account/",
        {
            "display_name": "Dana R.",
            "first_name": "Dana",
            "last_name": "Reyes",
            "credentials": "LCSW",
            "orientations": [cbt.pk],
            "time_zone": "Asia/Tokyo",
        },
        follow=True,
    )
    assert "Your profile is saved." in response.content.decode()
    member.refresh_from_db()
    assert member.credentials == "LCSW"
    assert member.time_zone == "Asia/Tokyo"
    assert list(member.orientations.all()) == [cbt]


def test_bad_profile_input_keeps_what_was_typed_and_saves_nothing(client, member):
    client.force_login(member)
    response = client.post(
        "/account/",
        {
            "display_name": "",
            "credentials": "PsyD typed here",
            "time_zone": "Mars/Base",
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "PsyD typed here" in html
    assert "Select a valid choice" in html
    assert 'aria-invalid="true"' in html
    member.refresh_from_db()
    assert member.credentials == ""


def test_member_times_are_shown_in_their_own_time_zone(client, member):
    member.time_zone = "Asia/Kolkata"
    member.save()
    client.force_login(member)
    response = client.get("/")
    assert "Asia/Kolkata" in response.content.decode()
    assert response.context["TIME_ZONE"] == "Asia/Kolkata"


def test_notification_preferences_are_saved(client, member):
    client.force_login(member)
    client.post(
        "/account/notifications/",
        {"forum_replies": "digest", "session_reminder_hour": "on"},
    )
    preferences = NotificationPreferences.objects.get(user=member)
    assert preferences.forum_replies == "digest"
    assert preferences.session_reminder_hour is True
    assert preferences.session_reminder_day is False


def test_notification_form_refuses_unknown_delivery(client, member):
    client.force_login(member)
    response = client.post("/account/notifications/", {"forum_replies": "hourly"})
    assert response.status_code == 400


def test_data_export_is_a_json_download_of_everything_we_hold(client, member):
    member.credentials = "PhD"
    member.save()
    client.force_login(member)
    response = client.post("/account/export/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["account"]["email"] == member.email
    assert data["account"]["credentials"] == "PhD"
    assert data["membership"]["state"] == "active"
    assert data["notification_preferences"]["forum_replies"] == "immediate"
    assert "password" not in json.dumps(data).lower()


# The password (or second factor) and the confirmation that deletion asks for:
# tests/community/test_reauthentication.py.


def test_deleting_an_account_scrubs_it_and_keeps_a_readable_tombstone(client, member):
    membership_grant_comp(user=member)
    email = member.email
    client.force_login(member)
    response = client.post(
        "/account/delete/", {"password": PASSWORD, "confirm": "on"}, follow=True
    )
    assert "Your account is deleted" in response.content.decode()
    assert "_auth_user_id" not in client.session

    member.refresh_from_db()
    assert member.deleted_at is not None
    assert not member.is_active
    assert member.email != email and member.display_name == ""
    assert not member.has_usable_password()
    # Content they wrote keeps its author link and reads as from a deleted member.
    assert str(member) == DELETED_MEMBER_NAME
    assert not EmailAddress.objects.filter(user=member).exists()
    assert not member.membership.comp_is_active()

    # The address is free again, and the old credentials sign nobody in.
    client.post("/accounts/login/", {"login": email, "password": PASSWORD})
    assert "_auth_user_id" not in client.session


def test_a_deleted_account_can_sign_up_again_with_the_same_email(client, member):
    email = member.email
    client.force_login(member)
    client.post("/account/delete/", {"password": PASSWORD, "confirm": "on"})
    mail.outbox.clear()
    client.post(
        "/accounts/signup/",
        {
            "email": email,
            "display_name": "Back again",
            "time_zone": "UTC",
            "password1": "yet-another-long-pass-9",
            "password2": "yet-another-long-pass-9",
        },
    )
    assert EmailAddress.objects.filter(email=email).count() == 1
    assert len(mail.outbox) == 1


@pytest.mark.parametrize(
    "bad_id",
    [
        "12345678901234567890123",  # 23 digits: past every database's integers
        "9223372036854775808",  # one past SQLite's and PostgreSQL's bigint
        "2147483648",  # one past PostgreSQL's integer (the AutoField's column)
        "-1",
        "-12345678901234567890123",
        "cbt",
        "1.5",
        "",
    ],
)
def test_impossible_orientation_ids_are_a_form_error_not_a_crash(
    client, member, bad_id
):
    client.force_login(member)
    cbt = Orientation.objects.get(name__startswith="Cognitive")
    response = client.post(
        "/account/",
        {
            "display_name": "Dana R.",
            "credentials": "PsyD typed here",
            "orientations": [str(cbt.pk), bad_id],
            "time_zone": "Asia/Tokyo",
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Select a valid choice" in html or "is not a valid value" in html
    assert "PsyD typed here" in html  # what was typed is kept
    assert 'value="Asia/Tokyo" selected' in html
    member.refresh_from_db()
    assert member.credentials == "" and not member.orientations.exists()
