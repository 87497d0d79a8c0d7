"""What ``migrate`` keeps in shape for the project itself: the django-q2
schedules of the email outbox (``community.schedules``; found by name, never
doubled) and the Sites framework's one site. Idempotent."""

from datetime import time
from urllib.parse import urlsplit

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


def ensure_site() -> None:
    """The one Site carries the product's name and address: allauth's emails
    print them ("Hello from …", the sign-up and reset links' domain), and
    Django would otherwise leave "example.com" there."""
    from django.conf import settings
    from django.contrib.sites.models import Site

    domain = urlsplit(settings.SITE_URL).netloc or "localhost"
    Site.objects.update_or_create(
        pk=settings.SITE_ID,
        defaults={"domain": domain, "name": settings.COMMUNITY_NAME},
    )
