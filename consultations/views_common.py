"""What every consultations view shares: who may enter the area, loading a case
for someone with the right role (404 for anyone the case is nothing to, 403 for
a part their role does not open), and turning a refused action into a message.
"""

from functools import wraps

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.cache import add_never_cache_headers

from community.access import refuse
from community.roles import is_director
from consultations import audit
from consultations.case_page import parts_for
from consultations.models import Case
from consultations.rules import CaseRoles, case_roles, may_enter_area

OFFER_CLOSED = (
    "This consultation is no longer offered to you: the offer lapsed, was "
    "withdrawn or went to another reviewer. Your open offers are on your "
    "reviewer page."
)


def area_required(view):
    """Members, consultants and the director; others sign in or go to Join."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not may_enter_area(request.user):
            return refuse(request)
        return view(request, *args, **kwargs)

    return wrapped


def director_only(view):
    """The director's tools. Admins keep the pool's accounts (see the pool
    views) but read no case content, so ``is_director``, not ``can_moderate``."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not is_director(request.user):
            return refuse(
                request, staff_only=True, message="This page is for the director."
            )
        return view(request, *args, **kwargs)

    return wrapped


def case_for(request, pk: int, *, need, view_target: str | None = None):
    """The case and the user's roles in it, or 404/403.

    ``need(roles)`` (or ``need(roles, case)``) says whether the part asked for is
    open to them; ``view_target`` names the part for the audit trail.
    """
    case = get_object_or_404(
        Case.objects.select_related("requester", "lead_reviewer"), pk=pk
    )
    roles = case_roles(request.user, case)
    if not roles.any:
        if case.offers.filter(consultant_id=request.user.pk).exists():
            # An old offer link: say why it is closed, show nothing of the case.
            raise PermissionDenied(OFFER_CLOSED)
        raise Http404("No such consultation.")
    allowed = need(roles, case) if need.__code__.co_argcount == 2 else need(roles)
    if not allowed:
        raise PermissionDenied("Your role in this consultation does not open this.")
    if view_target:
        audit.record_view(case=case, actor=request.user, target=view_target)
    return case, roles


def render_case_page(request, case, roles, *, status: int = 200):
    """The case page, made of the parts the viewer's role opens. Views that
    show a form again with its errors (status 400) render it here too; it is
    never cached, as it holds clinical text."""
    response = render(
        request,
        "consultations/case.html",
        {
            "case": case,
            "roles": roles,
            "parts": parts_for(request, case, roles),
            "now": timezone.now(),
        },
        status=status,
    )
    add_never_cache_headers(response)
    return response


def act(request, service, *, success: str, redirect_to, **kwargs):
    """Run a service for a POST: a refusal (a move out of order, an expired
    offer) is shown as a message and changes nothing; success too."""
    try:
        result = service(**kwargs)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect(redirect_to), None
    messages.success(request, success)
    return redirect(redirect_to), result


__all__ = [
    "CaseRoles",
    "act",
    "area_required",
    "case_for",
    "director_only",
    "render_case_page",
]
