"""The Director role is set up by migrate itself, not by hand."""

import pytest
from django.apps import apps
from django.contrib.auth.models import Group

from community.apps import CommunityConfig


@pytest.mark.django_db
def test_migrate_creates_the_director_group_with_cms_access():
    group = Group.objects.get(name="Director")
    codenames = set(group.permissions.values_list("codename", flat=True))
    assert {"access_admin", "add_image", "add_document"} <= codenames
    page_permissions = set(
        group.page_permissions.values_list("permission__codename", flat=True)
    )
    assert page_permissions == {"add_page", "change_page", "publish_page"}


def test_local_apps_use_their_own_configs_and_labels():
    assert isinstance(apps.get_app_config("community"), CommunityConfig)
    assert apps.get_app_config("coaching_sessions").name == "sessions"
    assert apps.get_app_config("community_forum").name == "forum"
    assert apps.get_app_config("sessions").name == "django.contrib.sessions"


@pytest.mark.django_db
def test_migrate_creates_the_admins_group_with_cms_access():
    group = Group.objects.get(name="Admins")
    codenames = set(group.permissions.values_list("codename", flat=True))
    assert {"access_admin", "add_image", "add_document"} <= codenames
    page_permissions = set(
        group.page_permissions.values_list("permission__codename", flat=True)
    )
    assert {"add_page", "change_page", "publish_page"} <= page_permissions


@pytest.mark.django_db
def test_staff_accounts_hold_the_admins_role_and_lose_it_with_staff_status():
    from tests.community.factories import UserFactory

    user = UserFactory(is_staff=True)
    assert user.groups.filter(name="Admins").exists()
    assert user.has_perm("wagtailadmin.access_admin")

    # Saving the groups of a form (Django's or Wagtail's user admin) keeps it.
    user.groups.set([])
    assert user.groups.filter(name="Admins").exists()

    user.is_staff = False
    user.save()
    assert not user.groups.filter(name="Admins").exists()
    user = type(user).objects.get(pk=user.pk)
    assert not user.has_perm("wagtailadmin.access_admin")

    member = UserFactory()
    member.groups.add(Group.objects.get(name="Admins"))
    assert not member.groups.filter(name="Admins").exists()


@pytest.mark.django_db
def test_a_staff_admin_who_is_not_a_superuser_uses_the_cms_and_moderates(client):
    from tests.community.factories import staff_admin

    admin = staff_admin()
    assert not admin.is_superuser
    client.force_login(admin)
    assert client.get("/cms/").status_code == 200
    assert client.get("/cms/pages/").status_code == 200
    assert client.get("/cms/images/").status_code == 200
    assert client.get("/forum/moderation/").status_code == 200
    assert client.get("/forum/moderation/queue/").status_code == 200
    assert client.get("/forum/flags/").status_code == 200


@pytest.mark.django_db
def test_a_member_is_refused_the_cms_and_the_moderation_queue(client):
    from tests.community.factories import member

    client.force_login(member())
    assert client.get("/cms/").status_code == 302
    assert client.get("/forum/moderation/").status_code == 403
    assert client.get("/forum/moderation/queue/").status_code in (302, 403)
