"""Admins grant and revoke complimentary memberships."""

from datetime import timedelta

import pytest
from django.utils import timezone

from community.access import has_member_access
from community.models import User
from memberships.models import Membership
from tests.community.factories import UserFactory

pytestmark = pytest.mark.django_db


def fresh(user):
    return User.objects.get(pk=user.pk)


def test_admin_adds_a_comp_membership_with_an_end_date(client, site_admin):
    person = UserFactory()
    client.force_login(site_admin)
    until = timezone.localtime() + timedelta(days=90)
    response = client.post(
        "/django-admin/memberships/membership/add/",
        {
            "user": person.pk,
            "status": "none",
            "comp_until_0": until.strftime("%Y-%m-%d"),
            "comp_until_1": until.strftime("%H:%M:%S"),
            "comp_note": "Scholarship",
        },
    )
    assert response.status_code == 302
    assert has_member_access(fresh(person))


def test_grant_and_revoke_actions(client, site_admin):
    person = UserFactory()
    membership = Membership.objects.create(user=person)
    client.force_login(site_admin)
    url = "/django-admin/memberships/membership/"
    client.post(url, {"action": "grant_comp", "_selected_action": [membership.pk]})
    assert has_member_access(fresh(person))
    client.post(url, {"action": "revoke_comp", "_selected_action": [membership.pk]})
    assert not has_member_access(fresh(person))


def test_members_cannot_grant_memberships(client, member):
    client.force_login(member)
    response = client.get("/django-admin/memberships/membership/add/")
    assert response.status_code == 302
    assert "/login/" in response["Location"]
