"""Adding, reading and muting notification entries.

``notification_add`` is what the apps call, inside the transaction of what
happened (a rolled-back change leaves no entry). It is idempotent by ``key``
(the unique constraint decides between two workers) and skips a person who
muted the kind or whose account is gone. Titles are neutral: callers pass the
subject line of the email they send for the same event, or a fixed phrase.
"""

from urllib.parse import urlsplit

from django.db import IntegrityError, transaction
from django.utils import timezone

from community.mail import render_subject
from community.time_zones import user_time_zone
from notifications.models import Kind, MutedKind, Notification


def site_path(url: str) -> str:
    """Only the path (and query, fragment) of a link: entries never point away."""
    parts = urlsplit(url)
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    if parts.fragment:
        path += "#" + parts.fragment
    return path


def notification_add(*, user, kind: str, title: str, url: str, key: str = ""):
    """The entry, or None when the person muted the kind, is gone, or has it."""
    if kind not in Kind.values:
        raise ValueError(f"Unknown notification kind {kind!r}")
    if user is None or not user.is_active or getattr(user, "deleted_at", None):
        return None
    if MutedKind.objects.filter(user=user, kind=kind).exists():
        return None
    try:
        with transaction.atomic():
            return Notification.objects.create(
                user=user,
                kind=kind,
                title=" ".join(title.split())[:200],
                url=site_path(url)[:300],
                key=key[:120],
            )
    except IntegrityError:
        return None  # added already, by an earlier run or another worker


def subject_title(*, template: str, context: dict, user) -> str:
    """The subject line of the email ``user`` gets for the same event, as an
    entry's title: rendered in their time zone, plain text (the entry's page
    escapes it)."""
    with timezone.override(user_time_zone(user)):
        return render_subject(template=template, context=context)


def notification_read(*, user, notification_id: int) -> Notification:
    """Mark one of ``user``'s entries read (a foreign id raises DoesNotExist)."""
    entry = Notification.objects.get(pk=notification_id, user=user)
    if entry.read_at is None:
        entry.read_at = timezone.now()
        entry.save(update_fields=["read_at"])
    return entry


def notifications_read_all(*, user) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )


@transaction.atomic
def muted_kinds_set(*, user, muted: set[str]) -> None:
    muted = {kind for kind in muted if kind in Kind.values}
    MutedKind.objects.filter(user=user).exclude(kind__in=muted).delete()
    for kind in muted:
        MutedKind.objects.get_or_create(user=user, kind=kind)
