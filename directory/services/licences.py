"""Licences: what a member adds, what the director checks, and the daily sweep.

The director verifies a licence by hand against the board's public lookup, so
a verification holds for exactly what she saw: changing the type, the place,
the number or the expiry clears it (and the sweep's notice stamps, which were
about the old expiry). Each notice (expiring soon, expired) is claimed with a
conditional UPDATE of its stamp before it is sent, in the transaction that
queues the email and adds the entry: two workers never both send, and a second
run sends nothing. Emails and entries are neutral: a date and a link, never
the licence's number, which only the director and admins see.
"""

import hashlib
from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from community.access import can_moderate
from community.mail import send_templated_mail
from community.regions import OUTSIDE_US
from community.time_zones import user_time_zone
from directory.licence_selectors import WARN_DAYS
from directory.models import Licence
from directory.npi import validate_npi
from notifications.models import Kind
from notifications.services import notification_add, subject_title

# What the director checks against the board: changing any of it clears the check.
CHECKED_FIELDS = ("kind", "region", "country", "number", "expires_on")
EXPIRED_MESSAGE = "That expiry date has passed: give the expiry of a current licence."
DUPLICATE_MESSAGE = "You have already added this licence."
COUNTRY_MESSAGE = "Name the country that issued the licence."
EMAIL = "member_directory/email/{}"


def today_for(user) -> date:
    """Today's date where ``user`` lives (UTC if their zone is unusable)."""
    return timezone.now().astimezone(user_time_zone(user)).date()


def licence_fingerprint(licence: Licence) -> str:
    """A short digest of what the director sees; the verify form sends it back,
    so an edit made while her page was open is not verified unseen."""
    seen = "|".join(
        str(getattr(licence, name)) for name in (*CHECKED_FIELDS, "npi")
    ).encode()
    return hashlib.sha256(seen).hexdigest()[:16]


def _normalise(licence: Licence) -> None:
    licence.number = licence.number.strip()
    licence.number_key = Licence.key_for(licence.number)
    licence.country = licence.country.strip() if licence.region == OUTSIDE_US else ""
    licence.npi = "".join(ch for ch in licence.npi if ch not in " -")


def _validate(licence: Licence) -> None:
    errors = {}
    if licence.region == OUTSIDE_US and not licence.country:
        errors["country"] = COUNTRY_MESSAGE
    if licence.expires_on and licence.expires_on < today_for(licence.user):
        errors["expires_on"] = EXPIRED_MESSAGE
    if licence.npi:
        try:
            validate_npi(licence.npi)
        except ValidationError as error:
            errors["npi"] = error.messages
    duplicate = Licence.objects.filter(
        user=licence.user,
        kind=licence.kind,
        region=licence.region,
        country=licence.country,
        number_key=licence.number_key,
    ).exclude(pk=licence.pk)
    if duplicate.exists():
        errors["__all__"] = DUPLICATE_MESSAGE
    if errors:
        raise ValidationError(errors)
    licence.full_clean()


def _save(licence: Licence) -> None:
    try:
        with transaction.atomic():
            licence.save()
    except IntegrityError as clash:  # the same licence, added twice at once
        raise ValidationError(DUPLICATE_MESSAGE) from clash


@transaction.atomic
def licence_add(
    *,
    user,
    kind: str,
    region: str,
    number: str,
    expires_on: date,
    country: str = "",
    npi: str = "",
) -> Licence:
    licence = Licence(
        user=user,
        kind=kind,
        region=region,
        country=country or "",
        number=number or "",
        expires_on=expires_on,
        npi=npi or "",
    )
    _normalise(licence)
    _validate(licence)
    _save(licence)
    return licence


@transaction.atomic
def licence_update(
    *,
    licence: Licence,
    kind: str,
    region: str,
    number: str,
    expires_on: date,
    country: str = "",
    npi: str = "",
) -> Licence:
    """Save the member's changes; a change to what was checked clears the check."""
    locked = (
        Licence.objects.select_for_update().select_related("user").get(pk=licence.pk)
    )
    before = {name: getattr(locked, name) for name in CHECKED_FIELDS}
    locked.kind, locked.region, locked.country = kind, region, country or ""
    locked.number, locked.expires_on, locked.npi = number or "", expires_on, npi or ""
    _normalise(locked)
    _validate(locked)
    if any(getattr(locked, name) != value for name, value in before.items()):
        locked.verified_on = None
        locked.verified_by = None
        locked.expiry_warned_at = None
        locked.expired_noticed_at = None
        # Corrected: back in the director's queue.
        locked.not_verified_on = None
        locked.not_verified_reason = ""
    _save(locked)
    return locked


@transaction.atomic
def licence_remove(*, licence: Licence) -> None:
    Licence.objects.filter(pk=licence.pk).delete()


def _locked_for_director(licence: Licence, by) -> Licence:
    if not can_moderate(by):
        raise PermissionDenied("Only the director or an admin verifies licences.")
    return Licence.objects.select_for_update().select_related("user").get(pk=licence.pk)


@transaction.atomic
def licence_verify(
    *, licence: Licence, by, checked_on: date, seen: str | None = None
) -> Licence:
    """Record that ``by`` checked the licence against the board on ``checked_on``
    (a day in her own zone, not in the future), and tell the member."""
    locked = _locked_for_director(licence, by)
    if seen is not None and seen != licence_fingerprint(locked):
        raise ValidationError(
            "The member changed this licence since the page was loaded: "
            "check it again before verifying.",
            code="changed",
        )
    today = today_for(by)
    if checked_on > today:
        raise ValidationError(
            {"checked_on": "The date checked can't be in the future."}
        )
    added_on = timezone.localtime(locked.created_at, user_time_zone(by)).date()
    if checked_on < added_on:
        raise ValidationError(
            {"checked_on": "The date checked can't be before the licence was added."}
        )
    if locked.expires_on < today_for(locked.user):
        raise ValidationError(
            "This licence has expired: the member must update its expiry first."
        )
    locked.verified_on = checked_on
    locked.verified_by = by
    locked.not_verified_on = None
    locked.not_verified_reason = ""
    locked.full_clean()
    locked.save(
        update_fields=[
            "verified_on",
            "verified_by",
            "not_verified_on",
            "not_verified_reason",
        ]
    )
    _notify(kind="licence_verified", licence=locked)
    return locked


@transaction.atomic
def licence_decline(*, licence: Licence, by, reason: str) -> Licence:
    """The director looked the licence up and could not verify it: it leaves
    her queue, and the member reads why on their licences page (the email says
    only that there is something to correct) until they correct it."""
    locked = _locked_for_director(licence, by)
    reason = " ".join((reason or "").split())
    if not reason:
        raise ValidationError({"reason": "Say what the member should correct."})
    locked.verified_on = None
    locked.verified_by = None
    locked.not_verified_on = today_for(by)
    locked.not_verified_reason = reason[:300]
    locked.save(
        update_fields=[
            "verified_on",
            "verified_by",
            "not_verified_on",
            "not_verified_reason",
        ]
    )
    _notify(kind="licence_not_verified", licence=locked)
    return locked


@transaction.atomic
def licence_unverify(*, licence: Licence, by) -> Licence:
    """Take a verification back (checked in error); the member is not emailed:
    their list shows the licence waiting again."""
    locked = _locked_for_director(licence, by)
    locked.verified_on = None
    locked.verified_by = None
    locked.expiry_warned_at = None
    locked.expired_noticed_at = None
    locked.save(
        update_fields=[
            "verified_on",
            "verified_by",
            "expiry_warned_at",
            "expired_noticed_at",
        ]
    )
    return locked


def licences_url() -> str:
    return settings.SITE_URL + reverse("licences:list")


def _notify(*, kind: str, licence: Licence, key: str = "") -> None:
    """Email the member and add the same subject line to their notification
    centre, in the caller's transaction. The templates get the member, the
    expiry date as ``deadline`` and a link, nothing else."""
    user = licence.user
    if not user.is_active or getattr(user, "deleted_at", None):
        return
    template = EMAIL.format(kind)
    context = {"user": user, "deadline": licence.expires_on, "url": licences_url()}
    title = subject_title(template=template, context=context, user=user)
    notification_add(
        user=user,
        kind=Kind.LICENCE,
        title=title,
        url=context["url"],
        key=key,
    )
    send_templated_mail(template=template, to=[user.email], context=context)


def _claim(licence: Licence, stamp: str, now) -> bool:
    """Take the notice for this licence, unless a run or a worker already did."""
    claimed = Licence.objects.filter(
        pk=licence.pk,
        expires_on=licence.expires_on,
        verified_on__isnull=False,
        **{f"{stamp}__isnull": True},
    ).update(**{stamp: now})
    return claimed == 1


def _send_once(licence: Licence, *, stamp: str, kind: str, now) -> bool:
    with transaction.atomic():
        if not _claim(licence, stamp, now):
            return False
        _notify(
            kind=kind,
            licence=licence,
            key=f"{kind}:{licence.pk}:{licence.expires_on.isoformat()}",
        )
    return True


def licence_expiry_sweep(*, now=None) -> dict[str, int]:
    """The daily task: warn members 30 days before a verified licence expires,
    and tell them once it has expired that its badge is gone (the badge itself
    goes by date: ``Licence.objects.valid()``). Dates are each member's own."""
    now = now or timezone.now()
    utc_today = now.date()
    verified = Licence.objects.filter(verified_on__isnull=False).select_related("user")
    sent = {"warned": 0, "expired": 0}
    # One day either side of UTC's date covers every member's own "today".
    expiring = verified.filter(
        expiry_warned_at__isnull=True,
        expires_on__gte=utc_today - timedelta(days=1),
        expires_on__lte=utc_today + timedelta(days=WARN_DAYS + 1),
    )
    for licence in expiring:
        today = now.astimezone(user_time_zone(licence.user)).date()
        if not today <= licence.expires_on <= today + timedelta(days=WARN_DAYS):
            continue
        if _send_once(
            licence, stamp="expiry_warned_at", kind="licence_expiring", now=now
        ):
            sent["warned"] += 1
    expired = verified.filter(
        expired_noticed_at__isnull=True, expires_on__lte=utc_today + timedelta(days=1)
    )
    for licence in expired:
        today = now.astimezone(user_time_zone(licence.user)).date()
        if licence.expires_on >= today:
            continue
        if _send_once(
            licence, stamp="expired_noticed_at", kind="licence_expired", now=now
        ):
            sent["expired"] += 1
    return sent
