"""seed_demo builds a usable demo and can run again without duplicating anything;
outside development it refuses, or seeds no account that a known password opens."""

import io

import pytest
from django.core.management import CommandError, call_command

from community import access
from community.demo import DEMO_PASSWORD
from community.models import HomePage, User
from memberships.models import Membership

pytestmark = pytest.mark.django_db


def counts():
    return (User.objects.count(), Membership.objects.count(), HomePage.objects.count())


def seed(*args) -> str:
    out = io.StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


def test_seed_demo_is_idempotent_and_gives_each_role(client, settings):
    settings.DEBUG = True
    seed()
    first = counts()
    seed()
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


def test_seed_demo_refuses_to_run_without_debug(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="--allow-production"):
        seed()
    assert not User.objects.filter(email__endswith="@example.com").exists()


def test_seed_demo_in_production_opens_no_account_with_a_known_password(
    client, settings
):
    settings.DEBUG = False
    output = seed("--allow-production")
    assert DEMO_PASSWORD not in output
    demo_people = User.objects.filter(email__endswith="@example.com")
    assert demo_people.filter(is_staff=True).exists()
    for user in demo_people:
        assert not user.has_usable_password(), user.email
    for email in ("director@example.com", "admin@example.com", "dana@example.com"):
        client.post("/accounts/login/", {"login": email, "password": DEMO_PASSWORD})
        assert "_auth_user_id" not in client.session
    assert "changepassword" in output


def test_seed_demo_in_production_locks_a_demo_password_set_earlier(settings):
    settings.DEBUG = True
    seed()
    settings.DEBUG = False
    seed("--allow-production")
    admin = User.objects.get(email="admin@example.com")
    assert not admin.check_password(DEMO_PASSWORD)


def test_readme_lists_seed_demo_only_for_development():
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text()
    production = readme.split("### Running on PostgreSQL and Redis")[1].split("###")[0]
    assert "seed_demo" not in production
    run_demo = (Path(__file__).resolve().parents[2] / "bin" / "run-demo").read_text()
    assert "DJANGO_SETTINGS_MODULE=community.settings.dev" in run_demo


def test_the_demo_director_reaches_her_tools_with_the_demo_two_factor_code(
    client, settings
):
    """Staff tools ask for a second factor; in the demo the director's account
    has one, and the development bypass code (settings/dev.py) answers it."""
    settings.DEBUG = True
    settings.DEMO_TWO_FACTOR_CODE = "000000"
    settings.MFA_TOTP_INSECURE_BYPASS_CODE = "000000"
    output = seed()
    assert "Two-factor code for director@example.com, admin@example.com: 000000" in (
        output
    )
    response = client.post(
        "/accounts/login/",
        {"login": "director@example.com", "password": DEMO_PASSWORD},
    )
    assert response["Location"] == "/accounts/2fa/authenticate/"
    response = client.post("/accounts/2fa/authenticate/", {"code": "000000"})
    assert response.status_code == 302
    assert client.get("/forum/moderation/queue/").status_code == 200


def test_without_the_bypass_code_the_demo_seeds_no_authenticator(settings):
    from allauth.mfa.models import Authenticator

    settings.DEBUG = True
    settings.DEMO_TWO_FACTOR_CODE = ""
    output = seed()
    assert "Two-factor code" not in output
    assert not Authenticator.objects.exists()
