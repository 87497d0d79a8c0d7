"""Requests for access from the Join page, while online payment is off.

A request is stored for the admins' list in the CMS (where each links to the
grant form) and every admin is emailed that one arrived. The email names the
person but not their note: the note stays on the site, in the CMS, like every
free text people write here. Sending is rate-limited per address and per IP
(allauth's limiter, ``ACCOUNT_RATE_LIMITS["access_request"]``).
"""

from allauth.core import ratelimit
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction

from community.mail import send_templated_mail
from memberships.models import AccessRequest

REQUESTS_PATH = "/cms/memberships/access-requests/"


def access_request_allowed(*, request, email: str) -> bool:
    """Counts one attempt; False once the address or IP sent too many."""
    return ratelimit.consume(
        request, action="access_request", key=email.strip().lower()
    )


def _admin_addresses() -> list[str]:
    admins = get_user_model().objects.filter(
        is_staff=True, is_active=True, deleted_at__isnull=True
    )
    return sorted({email for email in admins.values_list("email", flat=True) if email})


@transaction.atomic
def access_request_create(*, name: str, email: str, note: str, user) -> AccessRequest:
    access_request = AccessRequest(
        name=name,
        email=email,
        note=note,
        user=user if getattr(user, "is_authenticated", False) else None,
    )
    access_request.full_clean()
    access_request.save()
    for address in _admin_addresses():
        send_templated_mail(
            template="memberships/email/access_request",
            to=[address],
            context={
                "author": access_request,
                "url": f"{settings.SITE_URL}{REQUESTS_PATH}",
            },
        )
    return access_request
