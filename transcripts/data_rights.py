"""The transcripts' part of "download my data" and "delete my account": every
transcript issued is exported, and deleted with the account."""

from community.data_rights import register as register_part
from transcripts.models import Transcript
from transcripts.services import transcripts_on_account_deleted


def export(*, user) -> tuple[str, object]:
    return "transcripts", [
        {
            "code": transcript.code,
            "recipient_name": transcript.recipient_name,
            "issued_at": transcript.issued_at.isoformat(),
            "items": transcript.items,
            "totals": transcript.totals,
        }
        for transcript in Transcript.objects.filter(user=user).order_by("issued_at")
    ]


def register() -> None:
    register_part(
        models=[Transcript], export=export, erase=transcripts_on_account_deleted
    )
