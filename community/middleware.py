"""The site's own middleware: every time in the member's own time zone, and
two-factor before staff tools.

The zone is reset once the response is built, so nothing that runs on the same
thread afterwards (a test's next step, a task run inline) inherits the last
member's zone.
"""

import zoneinfo

from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled
from django.contrib import messages
from django.shortcuts import redirect
from django.utils import timezone

from community.roles import has_staff_powers


class MemberTimezoneMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        tz_name = getattr(request.user, "time_zone", None)
        if tz_name:
            try:
                timezone.activate(zoneinfo.ZoneInfo(tz_name))
            except (zoneinfo.ZoneInfoNotFoundError, ValueError):
                timezone.deactivate()
        else:
            timezone.deactivate()
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()


# Two-factor for staff powers ---------------------------------------------------------
#
# The one list of what needs it: the two admins, machina's moderation (its
# namespace, at /forum/moderation/), our flag and approval queues, every view of
# the sessions' curation boards and the consultations' director tools (board,
# case actions, reviewer pool: all under /consultations/director/).
STAFF_TWO_FACTOR_PREFIXES = (
    "/cms/",
    "/django-admin/",
    "/forum/moderation/",
    "/consultations/director/",
)
STAFF_TWO_FACTOR_NAMESPACES = ("forum_moderation",)
STAFF_TWO_FACTOR_URL_NAMES = frozenset(
    {
        "community_forum:moderation",
        "community_forum:flags",
        "community_forum:resolve-flags",
        "coaching_sessions:board",
        "coaching_sessions:question-act",
        "coaching_sessions:merge",
        "coaching_sessions:agenda",
        "coaching_sessions:close",
        "coaching_sessions:from-topic",
    }
)
# The two admins' sign-in pages only hand over to the site's sign-in.
STAFF_TWO_FACTOR_EXEMPT = ("/cms/login/", "/django-admin/login/")
TWO_FACTOR_SETUP_URL_NAME = "mfa_index"
TWO_FACTOR_REQUIRED_MESSAGE = (
    "Two-factor authentication is required for the director, admins and anyone "
    "who moderates or edits the site, before the moderation tools, the curation "
    "boards, /cms/ or /django-admin/. Set up an authenticator app or a passkey "
    "here, then go back."
)


def is_staff_tool(*, path: str, url_name: str | None) -> bool:
    if path.startswith(STAFF_TWO_FACTOR_EXEMPT):
        return False
    if path.startswith(STAFF_TWO_FACTOR_PREFIXES):
        return True
    if not url_name:
        return False
    return (
        url_name in STAFF_TWO_FACTOR_URL_NAMES
        or url_name.partition(":")[0] in STAFF_TWO_FACTOR_NAMESPACES
    )


def has_second_factor(user) -> bool:
    """An authenticator app or a passkey (recovery codes only back them up)."""
    return is_mfa_enabled(
        user, types=[Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN]
    )


class StaffTwoFactorMiddleware:
    """Whoever holds staff powers (community.roles.has_staff_powers) sets up a
    second factor before using them.

    Signing in with one is allauth's part: once an account has an authenticator,
    allauth asks for it at every sign-in. Members are never asked: the check runs
    only on the tools above, and only for accounts with powers.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = getattr(request, "resolver_match", None)
        url_name = match.view_name if match is not None else None
        if not is_staff_tool(path=request.path_info, url_name=url_name):
            return None
        user = request.user
        if not has_staff_powers(user) or has_second_factor(user):
            return None
        messages.warning(request, TWO_FACTOR_REQUIRED_MESSAGE)
        return redirect(TWO_FACTOR_SETUP_URL_NAME)
