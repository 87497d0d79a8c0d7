"""Every consultation email: a case reference, a link and a time, never case text.

The templates (``consultations/email/<kind>/{subject,body}.txt``) get no case
object, only ``reference``, ``url`` and, where there is one, ``deadline`` (an
aware datetime the template shows in the recipient's zone): a template cannot
leak what it is not given. Emails are queued on commit, and a failure to queue
one is logged (without text) and never undoes the state change that caused it.
"""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse

from community.mail import send_templated_mail
from community.roles import DIRECTOR_GROUP
from notifications.models import Kind
from notifications.services import notification_add, subject_title

logger = logging.getLogger(__name__)


def case_url(case) -> str:
    return settings.SITE_URL + reverse("consultations:case", args=[case.pk])


def offers_url() -> str:
    return settings.SITE_URL + reverse("consultations:reviewer")


def directors():
    return get_user_model().objects.filter(
        groups__name=DIRECTOR_GROUP, is_active=True, deleted_at__isnull=True
    )


def _send(kind: str, user_id: int, reference: str, url: str, deadline) -> None:
    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    if user is None or getattr(user, "deleted_at", None):
        return
    try:
        send_templated_mail(
            template=f"consultations/email/{kind}",
            to=[user.email],
            context={
                "user": user,
                "reference": reference,
                "url": url,
                "deadline": deadline,
            },
        )
    except Exception:
        logger.exception("Could not queue the consultation email %r", kind)


def notify(*, kind: str, user, case, url: str | None = None, deadline=None) -> None:
    """Queue email ``kind`` to ``user`` about ``case``, once the transaction
    commits, and add its subject line to their notification centre now (in
    the same transaction as the step itself)."""
    user_id, reference, link = user.pk, case.reference, url or case_url(case)
    title = subject_title(
        template=f"consultations/email/{kind}",
        context={
            "user": user,
            "reference": reference,
            "url": link,
            "deadline": deadline,
        },
        user=user,
    )
    notification_add(user=user, kind=Kind.CONSULTATION, title=title, url=link)
    transaction.on_commit(lambda: _send(kind, user_id, reference, link, deadline))


def notify_directors(*, kind: str, case, deadline=None) -> None:
    for director in directors():
        notify(kind=kind, user=director, case=case, deadline=deadline)
