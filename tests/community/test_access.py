"""The one access rule, through HTTP, for every role and every member area."""

from urllib.parse import unquote

import pytest
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.test import RequestFactory

from community import access
from tests.conftest import ROLES

# The course outline and video titles are a public teaser; their content pages are
# gated in tests/courses/test_pages.py and tests/memberships/test_gating.py.
MEMBER_AREAS = ["/forum/", "/sessions/"]
ALLOWED = {"member", "director", "site_admin"}


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("path", MEMBER_AREAS)
def test_member_areas_are_refused_to_everyone_without_access(as_role, role, path):
    client, _ = as_role(role)
    response = client.get(path)
    if role in ALLOWED:
        assert response.status_code == 200
    elif role == "visitor":
        assert response.status_code == 302
        assert response["Location"].startswith(f"/accounts/login/?next={path}")
    else:
        assert response.status_code == 302
        assert response["Location"] == "/join/"


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["signed_up", "lapsed"])
def test_refused_member_lands_on_join_with_a_clear_message(as_role, role):
    client, _ = as_role(role)
    response = client.get("/forum/", follow=True)
    assert response.request["PATH_INFO"] == "/join/"
    assert "This part of the community is for members" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_dashboard_is_for_members_and_the_landing_page_for_the_rest(
    as_role, role, home_page
):
    client, _ = as_role(role)
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    if role in ALLOWED:
        assert "Next coaching session" in html
        assert home_page.hero_title not in html
    else:
        assert home_page.hero_title in html
        assert "Next coaching session" not in html


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_django_admin_is_for_admins_only(as_role, role):
    client, _ = as_role(role)
    response = client.get("/django-admin/")
    if role == "site_admin":
        assert response.status_code == 200
    else:
        assert response.status_code == 302
        assert "/login/" in response["Location"]


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_wagtail_admin_is_for_the_director_and_admins(as_role, role):
    client, _ = as_role(role)
    response = client.get("/cms/", follow=True)
    if role in {"director", "site_admin"}:
        assert response.status_code == 200
    elif role == "visitor":  # via /cms/login/ to the one sign-in
        assert response.request["PATH_INFO"] == "/accounts/login/"
        assert unquote(response.request["QUERY_STRING"]) == "next=/cms/"
    else:  # signed in without the right: refused, not sent round in a loop
        assert response.status_code == 403


@pytest.mark.parametrize("path", ["/django-admin/login/", "/cms/login/"])
def test_admin_login_forms_send_people_to_the_one_sign_in(client, path):
    response = client.get(f"{path}?next=/cms/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/cms/"


def test_admin_login_redirect_ignores_offsite_next(client):
    response = client.get("/cms/login/?next=https://evil.example/")
    assert response["Location"] == "/accounts/login/?next=/"


@pytest.mark.django_db
def test_director_required_refuses_members_with_403(member, director):
    @access.director_required
    def view(request):
        return HttpResponse("tools")

    request = RequestFactory().get("/tools/")
    request.user = member
    with pytest.raises(PermissionDenied):
        view(request)
    request.user = director
    assert view(request).status_code == 200


@pytest.mark.django_db
def test_deactivated_director_loses_every_role(director):
    director.is_active = False
    director.save()
    assert not access.is_director(director)
    assert not access.has_member_access(director)


@pytest.mark.django_db
def test_users_with_member_access_matches_the_per_user_rule(
    signed_up, lapsed, member, director, site_admin
):
    from community.models import User
    from tests.community.factories import UserFactory

    gone = UserFactory(is_active=False)
    everyone = [signed_up, lapsed, member, director, site_admin, gone]
    expected = {u.pk for u in everyone if access.has_member_access(u)}
    assert set(access.users_with_member_access().values_list("pk", flat=True)) == (
        expected
    )
    assert expected == {member.pk, director.pk, site_admin.pk}
    assert User.objects.count() == len(everyone)
