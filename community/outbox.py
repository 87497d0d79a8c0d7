"""Sending what is in the email outbox: the task, the sweep and the purge.

A worker claims a row with one conditional UPDATE (pending and due), which also
sets a lease: two workers given the same id, or a task and the sweep, send it
once, and a worker that dies mid-send is followed by another when the lease
ends. A failure is recorded and retried with a growing wait until
EMAIL_OUTBOX_MAX_ATTEMPTS; the task itself never raises, so django-q2 does not
retry on top. Once a row is sent or given up on, its body, alternatives,
attachments and headers are blanked at once: no password-reset, verification or
login-code link outlives the sending. A daily purge deletes finished rows after
EMAIL_OUTBOX_RETENTION_DAYS.

The task is given the row's id only, and returns a word: django-q2's tables keep
no part of a message.
"""

import logging
import time
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import get_connection
from django.db.models import F, Q
from django.utils import timezone

from community.mail import message_from
from community.models import OutgoingEmail

logger = logging.getLogger(__name__)

# Longer than any send can take (django-q2 stops a task after Q_CLUSTER's
# timeout), so a live claim is never taken over.
CLAIM_LEASE = timedelta(minutes=10)
FIRST_RETRY = timedelta(minutes=2)
LONGEST_RETRY = timedelta(hours=2)
# The sweep stops in time to finish inside django-q2's task timeout (60 s), even
# with one last send that takes EMAIL_TIMEOUT.
SWEEP_BATCH = 200
SWEEP_SECONDS = 25

# What a finished row no longer needs: only recipients, subject and dates stay.
_BLANK = {"body": "", "alternatives": [], "attachments": [], "headers": {}}


def _max_attempts() -> int:
    return settings.EMAIL_OUTBOX_MAX_ATTEMPTS


def retry_wait(attempts: int) -> timedelta:
    """2, 4, 8, 16 ... minutes after the ``attempts``-th failure, at most 2 hours."""
    return min(FIRST_RETRY * 2 ** (attempts - 1), LONGEST_RETRY)


def _claim(email_id: int, *, now: datetime) -> bool:
    """Take the row for one attempt, if it is pending and due; atomic on every
    database (PostgreSQL re-checks the condition after a concurrent update)."""
    return bool(
        OutgoingEmail.objects.filter(
            pk=email_id,
            status=OutgoingEmail.Status.PENDING,
            next_attempt_at__lte=now,
        ).update(next_attempt_at=now + CLAIM_LEASE, attempts=F("attempts") + 1)
    )


def _record_failure(email: OutgoingEmail, error: Exception) -> str:
    now = timezone.now()
    last_error = f"{type(error).__name__}: {error}"[:500]
    rows = OutgoingEmail.objects.filter(pk=email.pk)
    if email.attempts >= _max_attempts():
        rows.update(status=OutgoingEmail.Status.FAILED, last_error=last_error, **_BLANK)
        logger.error(
            "Email #%s failed %s times and is given up.", email.pk, email.attempts
        )
        return "failed"
    rows.update(last_error=last_error, next_attempt_at=now + retry_wait(email.attempts))
    logger.warning(
        "Email #%s failed (attempt %s, %s); it is retried later.",
        email.pk,
        email.attempts,
        type(error).__name__,
    )
    return "retry"


def deliver_outgoing_email(email_id: int) -> str:
    """The task: send one outbox row with the real backend (QUEUED_EMAIL_BACKEND).

    Returns "sent", "retry", "failed" or "not due" (another worker has it, it
    was sent already, or its next attempt is later)."""
    if not _claim(email_id, now=timezone.now()):
        return "not due"
    email = OutgoingEmail.objects.get(pk=email_id)
    try:
        connection = get_connection(settings.QUEUED_EMAIL_BACKEND, fail_silently=False)
        connection.send_messages([message_from(email)])
    except Exception as error:  # any failure of the mail server is retried
        return _record_failure(email, error)
    OutgoingEmail.objects.filter(pk=email_id).update(
        status=OutgoingEmail.Status.SENT,
        sent_at=timezone.now(),
        last_error="",
        **_BLANK,
    )
    return "sent"


def send_due_emails() -> int:
    """The sweep (every few minutes): try each pending row whose next attempt is
    due, which covers retries and rows whose task was lost. Safe with two
    workers: each row is claimed before it is sent. Returns how many it tried."""
    due = (
        OutgoingEmail.objects.filter(
            status=OutgoingEmail.Status.PENDING, next_attempt_at__lte=timezone.now()
        )
        .order_by("next_attempt_at", "pk")
        .values_list("pk", flat=True)[:SWEEP_BATCH]
    )
    started, tried = time.monotonic(), 0
    for email_id in list(due):
        if time.monotonic() - started > SWEEP_SECONDS:
            break  # the next sweep goes on
        if deliver_outgoing_email(email_id) != "not due":
            tried += 1
    return tried


def purge_sent_emails() -> int:
    """Daily: delete sent and failed rows older than EMAIL_OUTBOX_RETENTION_DAYS.
    Pending rows stay until they are sent or given up. Returns how many went."""
    cutoff = timezone.now() - timedelta(days=settings.EMAIL_OUTBOX_RETENTION_DAYS)
    deleted, _ = OutgoingEmail.objects.filter(
        Q(status=OutgoingEmail.Status.SENT, sent_at__lt=cutoff)
        | Q(status=OutgoingEmail.Status.FAILED, created_at__lt=cutoff)
    ).delete()
    return deleted
