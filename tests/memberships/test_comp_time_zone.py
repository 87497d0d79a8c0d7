"""A complimentary membership's last day is a day in the admin's own time zone
(their account setting, as in the session tools), and it is shown as that day."""

from datetime import UTC, datetime

import pytest
import time_machine
from wagtail.users.models import UserProfile

from memberships.models import Membership
from tests.community.factories import UserFactory

pytestmark = pytest.mark.django_db

MEMBERS = "/cms/memberships/members/"
GRANT = "/cms/memberships/members/grant/"
LOS_ANGELES = "America/Los_Angeles"


@pytest.fixture
def admin_in_los_angeles(client, site_admin):
    site_admin.time_zone = LOS_ANGELES
    site_admin.save(update_fields=["time_zone"])
    # Wagtail's own profile setting says otherwise; the account's zone wins.
    profile = UserProfile.get_for_user(site_admin)
    profile.current_time_zone = "Asia/Tokyo"
    profile.save()
    client.force_login(site_admin)
    return client


@time_machine.travel(datetime(2026, 12, 1, 18, 0, tzinfo=UTC), tick=False)
def test_a_comp_until_31_january_ends_when_that_day_ends_in_the_admins_zone(
    admin_in_los_angeles,
):
    person = UserFactory(email="guest@example.org", display_name="Guest Speaker")
    response = admin_in_los_angeles.post(
        GRANT,
        {"email": person.email, "until": "2027-01-31", "note": "Speaker"},
        follow=True,
    )
    membership = Membership.objects.get(user=person)
    # Midnight at the end of 31 January in Los Angeles (UTC-8 in winter).
    assert membership.comp_until == datetime(2027, 2, 1, 8, 0, tzinfo=UTC)
    messages = [str(m) for m in response.context["messages"]]
    assert any("until 31 Jan 2027" in m for m in messages), messages

    html = admin_in_los_angeles.get(MEMBERS).content.decode()
    assert "31 Jan 2027" in html
    assert "1 Feb 2027" not in html


@time_machine.travel(datetime(2026, 12, 2, 3, 0, tzinfo=UTC), tick=False)
def test_today_is_the_admins_today(admin_in_los_angeles):
    """03:00 UTC on 2 December is still 1 December in Los Angeles."""
    person = UserFactory()
    response = admin_in_los_angeles.post(
        GRANT, {"email": person.email, "until": "2026-12-01"}
    )
    assert response.status_code == 302
    membership = Membership.objects.get(user=person)
    assert membership.comp_until == datetime(2026, 12, 2, 8, 0, tzinfo=UTC)
    assert membership.comp_is_active()


@time_machine.travel(datetime(2026, 12, 2, 3, 0, tzinfo=UTC), tick=False)
def test_the_grant_form_names_the_admins_time_zone(admin_in_los_angeles):
    html = admin_in_los_angeles.get(GRANT).content.decode()
    assert LOS_ANGELES in html


@time_machine.travel(datetime(2026, 12, 1, 18, 0, tzinfo=UTC), tick=False)
def test_the_member_sees_the_last_day_of_their_comp(client):
    person = UserFactory(time_zone=LOS_ANGELES)
    Membership.objects.create(
        user=person,
        status=Membership.Status.NONE,
        comp_granted_at=datetime(2026, 12, 1, tzinfo=UTC),
        comp_until=datetime(2027, 2, 1, 8, 0, tzinfo=UTC),
    )
    client.force_login(person)
    html = client.get("/account/billing/").content.decode()
    assert "<dd>31 January 2027 (complimentary)</dd>" in html
