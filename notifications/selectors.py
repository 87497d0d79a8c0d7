"""What the notification pages and the header's bell read."""

from notifications.models import MutedKind, Notification


def unread_count(user) -> int:
    if not getattr(user, "is_authenticated", False):
        return 0
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def entries_for(user):
    return Notification.objects.filter(user=user).only(
        "pk", "kind", "title", "url", "created_at", "read_at"
    )


def muted_kinds(user) -> set[str]:
    return set(MutedKind.objects.filter(user=user).values_list("kind", flat=True))
