"""The daily licence sweep: a member is warned once, 30 days before a verified
licence expires, and told once when it has expired that its badge is gone;
a second run (or a second worker) sends nothing; "today" is the member's own.
No email or entry carries the licence's number."""

from datetime import UTC, datetime, timedelta

import pytest
from django.core import mail
from django.utils import timezone
from django_q.models import Schedule

from community.time_zones import user_time_zone
from directory import tasks
from directory.models import Licence
from directory.services import licences as services
from notifications.models import Kind, Notification
from tests.community import factories

pytestmark = pytest.mark.django_db

NUMBER = "SECRET-LICENCE-4411"


def today_of(user, now=None):
    return (now or timezone.now()).astimezone(user_time_zone(user)).date()


def verified_licence(user, *, expires_in: int, now=None, **fields):
    today = today_of(user, now)
    values = {
        "kind": Licence.Kind.LMFT,
        "region": "WA",
        "number": NUMBER,
        "expires_on": today + timedelta(days=expires_in),
        "verified_on": today - timedelta(days=300),
        "verified_by": factories.director(),
    }
    return Licence.objects.create(user=user, **{**values, **fields})


def assert_no_number_leaves():
    for message in mail.outbox:
        assert NUMBER not in message.subject + message.body
    for entry in Notification.objects.all():
        assert NUMBER not in entry.title + entry.url


def test_a_member_is_warned_once_thirty_days_before_expiry():
    member = factories.member()
    licence = verified_licence(member, expires_in=30)
    later = verified_licence(member, expires_in=31, number="OTHER")
    waiting = verified_licence(member, expires_in=10, number="WAITING")
    Licence.objects.filter(pk=waiting.pk).update(verified_on=None)

    assert services.licence_expiry_sweep() == {"warned": 1, "expired": 0}
    [email] = mail.outbox
    assert email.to == [member.email]
    expires = licence.expires_on
    assert email.subject == f"Your licence expires on {expires:%-d %B %Y}"
    assert "/account/licences/" in email.body
    entry = Notification.objects.get(user=member)
    assert entry.kind == Kind.LICENCE and entry.title == email.subject
    licence.refresh_from_db()
    later.refresh_from_db()
    assert licence.expiry_warned_at is not None and later.expiry_warned_at is None
    assert_no_number_leaves()

    # Twice-run safe: a retried task, or tomorrow's run, sends nothing more.
    assert services.licence_expiry_sweep() == {"warned": 0, "expired": 0}
    assert services.licence_expiry_sweep(now=timezone.now() + timedelta(days=1)) == {
        "warned": 1,
        "expired": 0,
    }  # the other licence, now 30 days out
    assert len(mail.outbox) == 2
    assert Notification.objects.filter(user=member).count() == 2


def test_an_expired_licence_loses_its_badge_and_the_member_is_told_once():
    member = factories.member()
    licence = verified_licence(member, expires_in=-1)
    Licence.objects.filter(pk=licence.pk).update(expiry_warned_at=timezone.now())
    assert not Licence.objects.valid(today=today_of(member)).exists()

    assert services.licence_expiry_sweep() == {"warned": 0, "expired": 1}
    [email] = mail.outbox
    assert "badge was removed" in email.subject
    assert "/account/licences/" in email.body
    assert Notification.objects.get(user=member).kind == Kind.LICENCE
    assert_no_number_leaves()

    assert services.licence_expiry_sweep() == {"warned": 0, "expired": 0}
    assert len(mail.outbox) == 1
    licence.refresh_from_db()
    assert licence.expired_noticed_at is not None


def test_a_licence_expiring_today_is_still_valid_and_only_warned():
    member = factories.member()
    verified_licence(member, expires_in=0)
    assert services.licence_expiry_sweep() == {"warned": 1, "expired": 0}
    assert Licence.objects.valid(today=today_of(member)).exists()


def test_two_workers_never_both_send_a_notice():
    member = factories.member()
    licence = verified_licence(member, expires_in=5)
    # Both workers read the licence before either claimed it.
    first_read = Licence.objects.select_related("user").get(pk=licence.pk)
    second_read = Licence.objects.select_related("user").get(pk=licence.pk)
    now = timezone.now()
    kind, stamp = "licence_expiring", "expiry_warned_at"
    assert services._send_once(first_read, stamp=stamp, kind=kind, now=now)
    assert not services._send_once(second_read, stamp=stamp, kind=kind, now=now)
    assert len(mail.outbox) == 1


def test_the_warning_follows_the_members_own_date():
    """At 20:00 UTC it is already tomorrow in Tokyo: a licence 31 days out by
    UTC's date is 30 days out there, and it is warned; in Berlin it waits."""
    now = datetime(2031, 5, 10, 20, 0, tzinfo=UTC)
    tokyo = factories.member(user__time_zone="Asia/Tokyo")
    berlin = factories.member(user__time_zone="Europe/Berlin")
    utc_date = now.date()
    for user in (tokyo, berlin):
        Licence.objects.create(
            user=user,
            kind=Licence.Kind.LPC,
            region="NY",
            number=NUMBER,
            expires_on=utc_date + timedelta(days=31),
            verified_on=utc_date - timedelta(days=30),
        )
    assert services.licence_expiry_sweep(now=now) == {"warned": 1, "expired": 0}
    assert [message.to for message in mail.outbox] == [[tokyo.email]]


def test_renewing_after_a_warning_warns_again_before_the_new_expiry():
    member = factories.member()
    licence = verified_licence(member, expires_in=10)
    services.licence_expiry_sweep()
    renewed = services.licence_update(
        licence=licence,
        kind=licence.kind,
        region=licence.region,
        number=licence.number,
        expires_on=licence.expires_on + timedelta(days=730),
    )
    assert renewed.expiry_warned_at is None and renewed.verified_on is None
    # Verified again by the director, and two years later due again.
    director = factories.director()
    services.licence_verify(licence=renewed, by=director, checked_on=today_of(director))
    later = timezone.now() + timedelta(days=730)
    assert services.licence_expiry_sweep(now=later) == {"warned": 1, "expired": 0}
    subjects = [message.subject for message in mail.outbox]
    assert subjects[0].startswith("Your licence expires on")
    assert subjects[1] == "Your licence was verified"
    assert subjects[2].startswith("Your licence expires on")


def test_the_daily_task_runs_the_sweep_and_is_scheduled():
    member = factories.member()
    verified_licence(member, expires_in=3)
    tasks.licence_expiry_sweep()
    tasks.licence_expiry_sweep()
    assert len(mail.outbox) == 1
    assert Schedule.objects.filter(func="directory.tasks.licence_expiry_sweep").exists()
