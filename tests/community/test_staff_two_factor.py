"""Two-factor is required of everyone with moderation or CMS powers before their
tools: /cms/, /django-admin/, the forum's moderation and flag queues and the
sessions' curation boards. Members are never asked."""

import inspect
from datetime import timedelta

import pytest
from allauth.mfa.models import Authenticator
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from community.middleware import STAFF_TWO_FACTOR_PREFIXES, is_staff_tool
from sessions.models import CoachingSession
from tests.community import factories

pytestmark = pytest.mark.django_db

SETUP_URL = "/accounts/2fa/"


@pytest.fixture
def coaching_session(db):
    starts_at = timezone.now() + timedelta(days=7)
    return CoachingSession.objects.create(
        title="Group coaching session",
        starts_at=starts_at,
        questions_close_at=starts_at - timedelta(hours=48),
        meeting_url="https://meet.example.org/coaching",
        duration_minutes=90,
    )


@pytest.fixture
def director_tools(coaching_session):
    """One page of each protected area that the director uses."""
    return [
        "/cms/",
        "/forum/moderation/",
        "/forum/flags/",
        "/forum/moderation/queue/",
        f"/sessions/{coaching_session.pk}/curate/",
    ]


def test_director_without_two_factor_is_sent_to_set_it_up_for_each_tool(
    client, director_tools
):
    director = factories.director(two_factor=False)
    client.force_login(director)
    for url in [*director_tools, "/django-admin/"]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"] == SETUP_URL, url
    page = client.get(SETUP_URL).content.decode()
    assert "Two-factor authentication is required" in page
    assert "Authenticator app" in page


def test_director_without_two_factor_cannot_post_to_a_curation_board(
    client, coaching_session
):
    client.force_login(factories.director(two_factor=False))
    response = client.post(f"/sessions/{coaching_session.pk}/close/", {})
    assert response["Location"] == SETUP_URL


def test_director_with_an_authenticator_gets_in(client, director_tools):
    client.force_login(factories.director())
    assert Authenticator.objects.filter(type=Authenticator.Type.TOTP).exists()
    for url in director_tools:
        assert client.get(url).status_code == 200, url


def test_a_passkey_counts_as_two_factor(client, director_tools):
    director = factories.director(two_factor=False)
    Authenticator.objects.create(
        user=director, type=Authenticator.Type.WEBAUTHN, data={"name": "Laptop"}
    )
    client.force_login(director)
    assert client.get("/forum/flags/").status_code == 200


def test_admin_without_two_factor_is_sent_to_set_it_up(client):
    client.force_login(factories.admin(two_factor=False))
    for url in ("/cms/", "/django-admin/", "/forum/moderation/queue/"):
        assert client.get(url)["Location"] == SETUP_URL, url


def test_admin_with_an_authenticator_gets_into_both_admins(client):
    client.force_login(factories.admin())
    assert client.get("/cms/").status_code == 200
    assert client.get("/django-admin/").status_code == 200


def test_cms_editor_without_other_powers_needs_two_factor_too(client):
    from django.contrib.auth.models import Group, Permission

    editors = Group.objects.create(name="Newsletter editors")
    editors.permissions.add(Permission.objects.get(codename="access_admin"))
    editor = factories.UserFactory()
    editor.groups.add(editors)
    client.force_login(editor)
    assert client.get("/cms/")["Location"] == SETUP_URL


def test_a_member_is_never_sent_to_two_factor_setup(client, director_tools):
    member = factories.member()
    client.force_login(member)
    for url in [*director_tools, "/django-admin/", "/forum/", "/sessions/"]:
        response = client.get(url)
        assert response.get("Location") != SETUP_URL, url
    assert client.get("/").status_code == 200
    assert client.get("/account/").status_code == 200


def test_director_without_two_factor_still_uses_the_member_areas(client):
    client.force_login(factories.director(two_factor=False))
    for url in ("/", "/forum/", "/sessions/", "/account/", SETUP_URL):
        assert client.get(url).status_code == 200, url


def _patterns(resolver, prefix="", namespace=""):
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = (
                    f"{namespace}:{pattern.namespace}"
                    if namespace
                    else (pattern.namespace)
                )
            yield from _patterns(pattern, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}:{pattern.name}" if namespace else pattern.name
            view = inspect.unwrap(pattern.callback)
            module = getattr(getattr(view, "view_class", view), "__module__", "")
            yield prefix + str(pattern.pattern), name, module


def test_every_director_tool_url_is_in_the_protected_list():
    """A new curation or moderation view is protected without anyone remembering."""
    tools = [
        (route, name)
        for route, name, module in _patterns(get_resolver())
        if module == "sessions.curation_views"
        or (name or "").startswith("forum_moderation:")
        or name
        in {
            "community_forum:flags",
            "community_forum:resolve-flags",
            "community_forum:moderation",
        }
    ]
    assert len(tools) >= 10
    for route, name in tools:
        assert is_staff_tool(path="/" + route, url_name=name), (route, name)
    assert {"/cms/", "/django-admin/"} <= set(STAFF_TWO_FACTOR_PREFIXES)
