"""The django-q2 schedules of the email outbox, kept in code and applied by
``migrate`` (``community.schedules``). Idempotent: found by name, never doubled."""

from datetime import time

from community.schedules import ensure_daily, ensure_every

SCHEDULE_SEND_DUE_EMAILS = "community: send due emails"
SCHEDULE_PURGE_SENT_EMAILS = "community: purge sent emails"


def ensure_schedules() -> None:
    """Every 2 minutes, retry failed sends and rows whose task was lost; once a
    day, delete sent mail older than EMAIL_OUTBOX_RETENTION_DAYS."""
    ensure_every(
        name=SCHEDULE_SEND_DUE_EMAILS,
        func="community.outbox.send_due_emails",
        minutes=2,
    )
    ensure_daily(
        name=SCHEDULE_PURGE_SENT_EMAILS,
        func="community.outbox.purge_sent_emails",
        at=time(4, 15),
    )
