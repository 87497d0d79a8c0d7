"""seed_demo builds a usable demo and can run again without duplicating anything."""

import pytest
from django.core.management import call_command

from community import access
from community.demo import DEMO_PASSWORD
from community.models import HomePage, User
from memberships.models import Membership

pytestmark = pytest.mark.django_db


def counts():
    return (User.objects.count(), Membership.objects.count(), HomePage.objects.count())


def test_seed_demo_is_idempotent_and_gives_each_role(client):
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    first = counts()
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert counts() == first

    by_email = {u.email: u for u in User.objects.all()}
    assert access.is_director(by_email["director@example.com"])
    assert access.is_admin(by_email["admin@example.com"])
    assert access.has_member_access(by_email["dana@example.com"])
    assert not access.has_member_access(by_email["lapsed@example.com"])
    assert not access.has_member_access(by_email["visitor@example.com"])

    response = client.post(
        "/accounts/login/", {"login": "dana@example.com", "password": DEMO_PASSWORD}
    )
    assert response.status_code == 302
    assert "Welcome back, Dana R." in client.get("/").content.decode()
