"""The notification centre's part of "download my data" and "delete my
account": the entries are exported and deleted with the account's data."""

from community.data_rights import register as register_part
from notifications.models import MutedKind, Notification


def export(*, user) -> tuple[str, object]:
    return "notifications", {
        "entries": [
            {
                "kind": entry.kind,
                "title": entry.title,
                "url": entry.url,
                "created_at": entry.created_at.isoformat(),
                "read_at": entry.read_at.isoformat() if entry.read_at else None,
            }
            for entry in Notification.objects.filter(user=user)
        ],
        "muted_kinds": sorted(
            MutedKind.objects.filter(user=user).values_list("kind", flat=True)
        ),
    }


def erase(*, user) -> None:
    Notification.objects.filter(user=user).delete()
    MutedKind.objects.filter(user=user).delete()


def register() -> None:
    register_part(models=[Notification, MutedKind], export=export, erase=erase)
