"""Bulk-email claims say only which bulk emails a person was sent: exported
as such, deleted with the account. Announcements are the director's."""

from announcements.models import Announcement, BulkEmailClaim
from community.data_rights import register as register_part


def export(*, user) -> tuple[str, object]:
    return "bulk_emails", [
        {"email": claim.key, "sent_at": claim.sent_at.isoformat()}
        for claim in BulkEmailClaim.objects.filter(user=user)
    ]


def erase(*, user) -> None:
    BulkEmailClaim.objects.filter(user=user).delete()
    Announcement.objects.filter(sent_by=user).update(sent_by=None)


def register() -> None:
    register_part(models=[Announcement, BulkEmailClaim], export=export, erase=erase)
