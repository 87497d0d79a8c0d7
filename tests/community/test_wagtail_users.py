"""Admins manage people in Wagtail's user admin, with our fields."""

import pytest

from community.models import User

pytestmark = pytest.mark.django_db


def test_admin_creates_a_user_with_a_display_name_and_no_last_name(client, site_admin):
    client.force_login(site_admin)
    page = client.get("/cms/users/new/")
    assert page.status_code == 200
    assert 'name="display_name"' in page.content.decode()
    response = client.post(
        "/cms/users/new/",
        {
            "email": "new.person@example.org",
            "display_name": "New P.",
            "first_name": "",
            "last_name": "",
            "password1": "a-long-admin-set-password-5",
            "password2": "a-long-admin-set-password-5",
        },
    )
    assert response.status_code == 302
    assert User.objects.get(email="new.person@example.org").display_name == "New P."


def test_admin_edits_a_users_display_name(client, site_admin, member):
    client.force_login(site_admin)
    url = f"/cms/users/edit/{member.pk}/"
    assert 'name="display_name"' in client.get(url).content.decode()
    response = client.post(
        url,
        {
            "email": member.email,
            "display_name": "Renamed",
            "first_name": "",
            "last_name": "",
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.display_name == "Renamed"


def test_members_cannot_open_the_user_admin(client, member, director):
    client.force_login(member)
    assert client.get("/cms/users/").status_code in (302, 403)
    client.force_login(director)
    assert client.get("/cms/users/").status_code in (302, 403)
