"""Retention: a set time after a case is finished, its working material goes.

What goes (issue #15, step 10): the attachments (rows and files), the case
conference's discussion and the interview notes (the record that the interview
took place, and when, stays: the report names it as a source). What stays: the
request itself, the consent records, the audit trail, the report, which is the
therapist's until they delete it or their account, and the questions thread:
it is the exchange between the therapist and the team that the report answers,
written with the therapist, who keeps the right to read it with the report
(the issue names only the conference and the interview notes).

When the clock starts: a delivered (or delivered then closed) case at
``delivered_at``; a declined or cancelled one at the time it reached that state
(``closed_at`` when a service set it, else its transition in the audit trail),
since no report will follow and the material has no further use. Cases still
open are never touched.

``purge_expired`` runs daily (``consultations.tasks``). It is idempotent: a
purged case has ``purged_at`` and is skipped, and each case is purged under its
row lock, so two workers or a second run change nothing.
"""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from consultations import audit
from consultations.models import Attachment, AuditEvent, Case, CaseMessage, Interview
from consultations.services.common import locked_case

DELIVERED = (Case.Status.DELIVERED, Case.Status.CLOSED)
ENDED = (Case.Status.DECLINED, Case.Status.CANCELLED)
TARGET = "retention"


def cutoff(now=None):
    return (now or timezone.now()) - timedelta(days=settings.CONSULT_RETENTION_DAYS)


def expired_cases(*, now=None):
    """Finished cases whose retention period is over and that still hold material."""
    before = cutoff(now)
    ended_at = Subquery(
        AuditEvent.objects.filter(
            case=OuterRef("pk"),
            action=AuditEvent.Action.TRANSITION,
            to_status=OuterRef("status"),
        )
        .order_by("-at")
        .values("at")[:1]
    )
    return (
        Case.objects.filter(purged_at__isnull=True)
        .annotate(ended_at=Coalesce("closed_at", ended_at, "updated_at"))
        .filter(
            Q(status__in=DELIVERED, delivered_at__lte=before)
            | Q(status__in=ENDED, ended_at__lte=before)
        )
    )


def case_purge(*, case_id: int, now) -> bool:
    """Remove one case's material. False when it was already purged."""
    with transaction.atomic():
        case = locked_case(case_id)
        if case.purged_at is not None:
            return False
        attachments = Attachment.objects.filter(case=case)
        files = [name for name in attachments.values_list("file", flat=True) if name]
        attachments.delete()
        CaseMessage.objects.filter(
            case=case, thread=CaseMessage.Thread.CONFERENCE
        ).delete()
        Interview.objects.filter(case=case).update(notes="")
        case.purged_at = now
        case.save(update_fields=["purged_at", "updated_at"])
        audit.record_change(case=case, actor=None, target=TARGET)
        storage = Attachment._meta.get_field("file").storage
        transaction.on_commit(lambda: [storage.delete(name) for name in files])
    return True


def purge_expired(*, now=None) -> int:
    """Purge every case past its retention period; returns how many."""
    now = now or timezone.now()
    ids = list(expired_cases(now=now).values_list("pk", flat=True))
    return sum(case_purge(case_id=pk, now=now) for pk in ids)
