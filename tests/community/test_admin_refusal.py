"""The Django admin refuses the director as a page for admins (issue #19: it
used to call her the program director while refusing her)."""

import pytest

from tests.community import factories

pytestmark = pytest.mark.django_db


def test_the_director_is_told_the_django_admin_is_for_admins(client):
    client.force_login(factories.director())
    response = client.get("/django-admin/", follow=True)
    assert response.status_code == 403
    text = response.content.decode()
    assert "This page is for admins." in text
    assert "for the program director and admins" not in text


def test_a_member_at_the_cms_sign_in_is_told_it_is_for_staff(client):
    client.force_login(factories.member())
    response = client.get("/cms/login/")
    assert response.status_code == 403
    assert "for the program director and admins" in response.content.decode()
