"""A complimentary membership granted "until 31 January" reads 31 January
everywhere (whatever the zone of whoever looks), holds through that day in the
member's own zone, and the member is told by email."""

import json
from datetime import UTC, date, datetime

import pytest
import time_machine
from django.conf import settings
from django.core import mail

from memberships.models import Membership
from memberships.services import membership_grant_comp
from tests.community.factories import UserFactory

pytestmark = pytest.mark.django_db

GRANT = "/cms/memberships/members/grant/"
MEMBERS = "/cms/memberships/members/"
DJANGO_ADMIN = "/django-admin/memberships/membership/"
NOW = datetime(2026, 12, 1, 18, 0, tzinfo=UTC)


@pytest.fixture
def admin_in_los_angeles(client, site_admin):
    site_admin.time_zone = "America/Los_Angeles"
    site_admin.save(update_fields=["time_zone"])
    client.force_login(site_admin)
    return client


def grant(client, person, until="2027-01-31", note="Speaker at the spring retreat"):
    mail.outbox.clear()
    return client.post(
        GRANT, {"email": person.email, "until": until, "note": note}, follow=True
    )


@time_machine.travel(NOW, tick=False)
def test_a_member_in_utc_sees_the_day_the_admin_chose(admin_in_los_angeles, client):
    person = UserFactory(time_zone="UTC")
    grant(admin_in_los_angeles, person)
    membership = Membership.objects.get(user=person)
    assert membership.comp_last_day == date(2027, 1, 31)

    listing = admin_in_los_angeles.get(MEMBERS).content.decode()
    assert "31 Jan 2027" in listing and "1 Feb 2027" not in listing
    django_admin = admin_in_los_angeles.get(DJANGO_ADMIN).content.decode()
    assert "Jan. 31, 2027" in django_admin and "Feb. 1, 2027" not in django_admin

    client.force_login(person)
    billing = client.get("/account/billing/").content.decode()
    assert "31 January 2027" in billing
    assert "1 February 2027" not in billing


@time_machine.travel(NOW, tick=False)
def test_the_day_holds_in_a_member_zone_later_than_the_admins(admin_in_los_angeles):
    person = UserFactory(time_zone="Pacific/Honolulu")
    grant(admin_in_los_angeles, person)
    membership = Membership.objects.get(user=person)
    # Midnight at the end of 31 January in Honolulu (UTC-10), after Los Angeles'.
    assert membership.comp_until == datetime(2027, 2, 1, 10, 0, tzinfo=UTC)
    late_on_the_last_day = datetime(2027, 2, 1, 9, 30, tzinfo=UTC)  # 23:30 there
    assert membership.comp_is_active(late_on_the_last_day)


@time_machine.travel(NOW, tick=False)
def test_the_member_is_emailed_the_grant_with_the_day_and_their_zone(
    admin_in_los_angeles,
):
    person = UserFactory(time_zone="Asia/Tokyo", email="guest@example.org")
    response = grant(admin_in_los_angeles, person)
    assert any("We emailed them" in str(m) for m in response.context["messages"])
    [email] = mail.outbox
    assert email.to == ["guest@example.org"]
    assert settings.COMMUNITY_NAME in email.subject
    assert "complimentary" in email.subject
    assert "Sunday, 31 January 2027" in email.body
    assert "Asia/Tokyo" in email.body
    assert settings.COMMUNITY_NAME in email.body
    assert "retreat" not in email.body  # the admins' note stays with the admins
    assert "example.com" not in email.body


@time_machine.travel(NOW, tick=False)
def test_a_grant_without_an_end_date_says_so(admin_in_los_angeles):
    person = UserFactory()
    grant(admin_in_los_angeles, person, until="")
    [email] = mail.outbox
    assert "with no end date" in email.body


@time_machine.travel(NOW, tick=False)
def test_a_director_cannot_grant_and_nobody_is_emailed(client, director):
    person = UserFactory()
    client.force_login(director)
    mail.outbox.clear()
    response = client.post(GRANT, {"email": person.email, "until": "2027-01-31"})
    assert response.status_code in (302, 403)
    assert not Membership.objects.filter(user=person).exists()
    assert mail.outbox == []


@time_machine.travel(NOW, tick=False)
def test_the_django_admin_edits_the_last_day_and_tells_the_member(
    admin_in_los_angeles,
):
    person = UserFactory(time_zone="UTC")
    membership = membership_grant_comp(user=person, last_day=date(2027, 1, 31))
    mail.outbox.clear()
    url = f"{DJANGO_ADMIN}{membership.pk}/change/"
    response = admin_in_los_angeles.post(
        url, {"comp_last_day": "2027-03-31", "comp_note": "Extended"}
    )
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.comp_last_day == date(2027, 3, 31)
    assert membership.comp_until == datetime(2027, 4, 1, 7, 0, tzinfo=UTC)  # PDT
    [email] = mail.outbox
    assert "31 March 2027" in email.body

    # A note alone changes no date: the member is not emailed again.
    mail.outbox.clear()
    admin_in_los_angeles.post(
        url, {"comp_last_day": "2027-03-31", "comp_note": "Extended twice"}
    )
    assert mail.outbox == []


@time_machine.travel(NOW, tick=False)
def test_an_end_set_before_last_days_were_stored_survives_a_note_edit(
    admin_in_los_angeles,
):
    until = datetime(2027, 2, 1, 8, 0, tzinfo=UTC)
    person = UserFactory()
    membership = Membership.objects.create(
        user=person, comp_granted_at=NOW, comp_until=until
    )
    admin_in_los_angeles.post(
        f"{DJANGO_ADMIN}{membership.pk}/change/", {"comp_note": "Board member"}
    )
    membership.refresh_from_db()
    assert membership.comp_until == until
    assert membership.comp_note == "Board member"


@time_machine.travel(NOW, tick=False)
def test_the_data_export_names_the_last_day(client):
    person = UserFactory(time_zone="UTC")
    with time_machine.travel(NOW, tick=False):
        membership_grant_comp(user=person, last_day=date(2027, 1, 31))
    from memberships.selectors import membership_export

    _, data = membership_export(user=person)
    assert json.loads(json.dumps(data))["complimentary_last_day"] == "2027-01-31"
