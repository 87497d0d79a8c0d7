"""Who may see what: every member-only view, page ``serve``, listing and search
asks here.

It composes the two rules below it and knows no content app:
- the roles (``community.roles``): directors and admins always have member access;
- the membership rules (``memberships.rules``): a paying, complimentary or
  in-grace member has access.
"""

from dataclasses import dataclass
from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import redirect

from community.roles import (
    DIRECTOR_GROUP,
    can_moderate,
    is_admin,
    is_director,
    is_live_account,
)
from community.text import full_stop
from memberships.rules import membership_access_q, membership_grants_access
from memberships.selectors import membership_for

# Names other apps ask this module for; the rules themselves live below it.
__all__ = [
    "DIRECTOR_GROUP",
    "MembersOnly",
    "can_moderate",
    "director_required",
    "has_member_access",
    "is_admin",
    "is_director",
    "member_only_urls",
    "member_required",
    "refuse",
    "users_with_member_access",
    "wants_email_q",
]

JOIN_URL_NAME = "memberships:join"
NO_ACCESS_MESSAGE = (
    "This part of the community is for members. Join, or renew your membership, "
    "to see it."
)


def users_with_member_access(users=None, *, now=None):
    """The same rule as ``has_member_access``, as a filter on users.

    For emails to many people (replies, agendas, reminders): one query, however
    many users, instead of asking about each one.
    """
    from django.contrib.auth import get_user_model
    from django.db.models import Exists, OuterRef

    user_model = get_user_model()
    users = user_model.objects.all() if users is None else users
    director = Exists(
        user_model.groups.through.objects.filter(
            user_id=OuterRef("pk"), group__name=DIRECTOR_GROUP
        )
    )
    return users.filter(is_active=True, deleted_at__isnull=True).filter(
        director
        | Q(is_staff=True)
        | Q(is_superuser=True)
        | membership_access_q(now=now, prefix="membership__")
    )


def wants_email_q(preference: str) -> Q:
    """Users whose notification setting allows this email (on by default)."""
    return Q(notification_preferences__isnull=True) | Q(
        **{f"notification_preferences__{preference}": True}
    )


def has_member_access(user) -> bool:
    if not is_live_account(user):
        return False
    if can_moderate(user):
        return True
    return membership_grants_access(membership_for(user=user))


STAFF_ONLY_MESSAGE = "This page is for the program director and admins."


@dataclass(frozen=True)
class MembersOnly:
    """What a refused visitor is told a members' page is (issue #19).

    ``heading`` names the kind ("This lesson is for members"); ``title`` is the
    page's own title, given only where the title is not member content itself:
    lessons, videos and sessions are named by the director, but a forum topic's
    title is written by a member about a case, so topics come without one.
    """

    heading: str
    title: str = ""

    def join_message(self, *, renew: bool) -> str:
        what = full_stop(
            f"{self.heading}: {self.title}" if self.title else self.heading
        )
        if renew:
            return f"{what} Renew your membership to open it."
        return f"{what} Join to open it."


def _has_lapsed(user) -> bool:
    """Someone who was a member once is asked to renew, not to join."""
    membership = membership_for(user=user)
    return membership is not None and (
        membership.status != membership.Status.NONE
        or membership.comp_granted_at is not None
    )


def refuse(
    request,
    *,
    staff_only: bool = False,
    message: str = STAFF_ONLY_MESSAGE,
    teaser: MembersOnly | None = None,
):
    """Anonymous users sign in; signed-in users without access go to Join
    (staff pages answer 403 with ``message``).

    The sign-in page says what the address is from its ``next`` (see
    ``community.teasers``); Join is told by a message, naming ``teaser``.
    """
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if staff_only:
        raise PermissionDenied(message)
    if teaser is not None:
        messages.info(request, teaser.join_message(renew=_has_lapsed(request.user)))
    else:
        messages.info(request, NO_ACCESS_MESSAGE)
    return redirect(JOIN_URL_NAME)


def member_required(view=None, *, teaser=None):
    """Members only. ``teaser(request, *args, **kwargs)`` (the view's own
    arguments) may return a ``MembersOnly`` that says what the refused address
    is: sign-in and Join pages show it. Use as ``@member_required`` or
    ``@member_required(teaser=...)``."""
    if view is None:
        return lambda view: member_required(view, teaser=teaser)

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not has_member_access(request.user):
            found = None
            if teaser is not None and request.user.is_authenticated:
                found = teaser(request, *args, **kwargs)
            return refuse(request, teaser=found)
        return view(request, *args, **kwargs)

    wrapped.members_only_teaser = teaser
    return wrapped


def director_required(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not can_moderate(request.user):
            return refuse(request, staff_only=True)
        return view(request, *args, **kwargs)

    return wrapped


def member_only_urls(patterns, *, teasers=None, _namespace=""):
    """Wrap every view in a list of URL patterns (and their includes) with the rule.

    Used for third-party URL sets such as machina's forum, so that none of their
    views can be reached without member access, whatever their own checks say.
    ``teasers`` maps a pattern's full name ("forum_conversation:topic") to a
    teaser function (see ``member_required``).
    """
    from django.urls import URLPattern, URLResolver

    teasers = teasers or {}
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            namespace = pattern.namespace or ""
            if _namespace and namespace:
                namespace = f"{_namespace}:{namespace}"
            member_only_urls(
                pattern.url_patterns,
                teasers=teasers,
                _namespace=namespace or _namespace,
            )
        elif isinstance(pattern, URLPattern) and not getattr(
            pattern.callback, "_member_only", False
        ):
            name = f"{_namespace}:{pattern.name}" if _namespace else pattern.name
            pattern.callback = member_required(
                pattern.callback, teaser=teasers.get(name)
            )
            pattern.callback._member_only = True
    return patterns
