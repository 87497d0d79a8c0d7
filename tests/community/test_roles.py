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
