"""Issuing a transcript: the snapshot the PDF prints and the public lookup
confirms.

Each download of a new PDF issues a new transcript (a new code): the member may
want one now and an updated one after the next session, and an older PDF
already handed to a licensing board must keep verifying as it was.
"""

from django.core.exceptions import ValidationError
from django.db import transaction

from transcripts.models import Transcript, new_transcript_code
from transcripts.selectors import transcript_content


def transcript_issue(*, user) -> Transcript:
    """Snapshot ``user``'s verified items, in their name; refuses when there is
    nothing verified (no empty PDF)."""
    content = transcript_content(user=user)
    if content.is_empty:
        raise ValidationError("There is nothing verified to put on a transcript yet.")
    with transaction.atomic():
        transcript = Transcript(
            code=new_transcript_code(),
            user=user,
            recipient_name=(user.get_full_name() or user.get_display_name())[:255],
            items=content.items,
            totals=content.totals,
        )
        transcript.full_clean()
        transcript.save()
    return transcript


def transcripts_on_account_deleted(*, user) -> None:
    """A transcript is the member's own: it goes with the account (and its code
    stops verifying)."""
    Transcript.objects.filter(user=user).delete()
