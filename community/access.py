"""Who may see what: every member-only view, page ``serve``, listing and search
asks here.

Roles:
- *member*: a signed-in, active user whose membership grants access;
- *director*: a member of the Director group (moderation and curation);
- *admin*: staff. Directors and admins always have member access.
"""

from datetime import timedelta
from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import AccessMixin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import redirect
from django.utils import timezone

from memberships.models import Membership
from memberships.selectors import membership_for

DIRECTOR_GROUP = "Director"
JOIN_URL_NAME = "memberships:join"
NO_ACCESS_MESSAGE = (
    "This part of the community is for members. Join, or renew your membership, "
    "to see it."
)


def _is_live_account(user) -> bool:
    return bool(
        user is not None
        and user.is_authenticated
        and user.is_active
        and getattr(user, "deleted_at", None) is None
    )


def is_admin(user) -> bool:
    return _is_live_account(user) and (user.is_staff or user.is_superuser)


def is_director(user) -> bool:
    if not _is_live_account(user):
        return False
    if not hasattr(user, "_is_director_cache"):
        user._is_director_cache = user.groups.filter(name=DIRECTOR_GROUP).exists()
    return user._is_director_cache


def can_moderate(user) -> bool:
    """Director tools: moderation, curation, announcements."""
    return is_director(user) or is_admin(user)


def grace_period() -> timedelta:
    return timedelta(days=getattr(settings, "MEMBERSHIP_GRACE_DAYS", 7))


def grace_ends_at(membership: Membership | None):
    """When a past-due membership loses access, or None if it is not past due."""
    if membership is None or membership.status != Membership.Status.PAST_DUE:
        return None
    return (membership.past_due_since or timezone.now()) + grace_period()


def membership_grants_access(membership: Membership | None, *, now=None) -> bool:
    """The rule for a paying (or complimentary) member. Access is the union of both."""
    if membership is None:
        return False
    now = now or timezone.now()
    if membership.comp_is_active(now):
        return True
    status = membership.status
    if status in (Membership.Status.TRIALING, Membership.Status.ACTIVE):
        return True
    if status == Membership.Status.PAST_DUE:
        since = membership.past_due_since or now
        return now < since + grace_period()
    if status == Membership.Status.CANCELED:
        return bool(
            membership.current_period_end and now < membership.current_period_end
        )
    return False


def comp_active_q(*, now=None, prefix: str = "") -> Q:
    """``Membership.comp_is_active`` as a filter."""
    now = now or timezone.now()
    return Q(**{f"{prefix}comp_granted_at__isnull": False}) & (
        Q(**{f"{prefix}comp_until__isnull": True})
        | Q(**{f"{prefix}comp_until__gt": now})
    )


def membership_access_q(*, now=None, prefix: str = "") -> Q:
    """The same rule as ``membership_grants_access``, as a filter on Membership.

    ``prefix`` reaches the membership from another model, e.g. "membership__" on
    User. Keep the two in step: tests compare them state by state.
    """
    now = now or timezone.now()
    status = f"{prefix}status"
    return comp_active_q(now=now, prefix=prefix) | (
        Q(**{f"{status}__in": [Membership.Status.TRIALING, Membership.Status.ACTIVE]})
        | (
            Q(**{status: Membership.Status.PAST_DUE})
            & (
                Q(**{f"{prefix}past_due_since__isnull": True})
                | Q(**{f"{prefix}past_due_since__gt": now - grace_period()})
            )
        )
        | Q(
            **{
                status: Membership.Status.CANCELED,
                f"{prefix}current_period_end__gt": now,
            }
        )
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
    if not _is_live_account(user):
        return False
    if can_moderate(user):
        return True
    return membership_grants_access(membership_for(user=user))


def refuse(request, *, staff_only: bool = False):
    """Anonymous users sign in; signed-in users without access go to Join."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if staff_only:
        raise PermissionDenied("This page is for the program director and admins.")
    messages.info(request, NO_ACCESS_MESSAGE)
    return redirect(JOIN_URL_NAME)


def member_required(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not has_member_access(request.user):
            return refuse(request)
        return view(request, *args, **kwargs)

    return wrapped


def director_required(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not can_moderate(request.user):
            return refuse(request, staff_only=True)
        return view(request, *args, **kwargs)

    return wrapped


class MemberRequiredMixin(AccessMixin):
    """For class-based views (machina's, our own): the same rule as member_required."""

    def dispatch(self, request, *args, **kwargs):
        if not has_member_access(request.user):
            return refuse(request)
        return super().dispatch(request, *args, **kwargs)


class DirectorRequiredMixin(AccessMixin):
    def dispatch(self, request, *args, **kwargs):
        if not can_moderate(request.user):
            return refuse(request, staff_only=True)
        return super().dispatch(request, *args, **kwargs)


def member_only_urls(patterns):
    """Wrap every view in a list of URL patterns (and their includes) with the rule.

    Used for third-party URL sets such as machina's forum, so that none of their
    views can be reached without member access, whatever their own checks say.
    """
    from django.urls import URLPattern, URLResolver

    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            member_only_urls(pattern.url_patterns)
        elif isinstance(pattern, URLPattern) and not getattr(
            pattern.callback, "_member_only", False
        ):
            pattern.callback = member_required(pattern.callback)
            pattern.callback._member_only = True
    return patterns
