"""The reviewer's side of the offers: "My offers and cases", the offer part of
the case page (declare no conflict, accept, or decline with a reason) and the
deadlines calendar.

Only consultants in the pool come here (``rules.is_consultant``), paying
members or not; whether an offer may still be accepted is the service's to
say, under the case's lock, and a refusal is a message that changes nothing.
"""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe
from wagtail import hooks

from consultations import audit, calendar, rules
from consultations.models import Offer
from consultations.reviewer_forms import (
    CONFLICT_STATEMENT,
    AcceptOfferForm,
    DeclineOfferForm,
)
from consultations.selectors import reviewer as selectors
from consultations.services.offers import NOT_YOURS, offer_accept, offer_decline
from consultations.views_common import act, case_for, render_case_page
from sessions.calendar_views import calendar_download

NOT_IN_POOL = "This page is for consultants in the reviewer pool."
# Other apps add links to the reviewer's page (billing: "My payouts") with a
# function taking the request and returning a list of (label, url).
LINKS_HOOK = "consultation_reviewer_links"
# Where a bound form with errors waits for the offer part to show it again.
FORMS_ATTR = "_reviewer_offer_forms"


def consultant_required(view):
    """Consultants in the pool; a visitor signs in, anyone else is refused
    (a member is not sent to Join: membership would not open this)."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not rules.is_consultant(request.user):
            raise PermissionDenied(NOT_IN_POOL)
        return view(request, *args, **kwargs)

    return wrapped


@consultant_required
@require_safe
@never_cache
def reviewer_home(request):
    user = request.user
    home = selectors.reviewer_home(user=user, is_attending=rules.is_attending(user))
    return render(
        request,
        "consultations/reviewer/home.html",
        {
            "home": home,
            "now": timezone.now(),
            "links": [
                link for hook in hooks.get_hooks(LINKS_HOOK) for link in hook(request)
            ],
        },
    )


# The offer part of the case page ---------------------------------------------------


def _own_pending_offer(case, user) -> Offer | None:
    return case.offers.filter(consultant=user, status=Offer.Status.PENDING).first()


def offer_part(request, case, roles) -> dict:
    """Shown to a consultant with a pending offer on the case; reading it is
    recorded as reading the offer."""
    offer = _own_pending_offer(case, request.user)
    if offer is None:
        return {}
    audit.record_view(case=case, actor=request.user, target="offer")
    bound = getattr(request, FORMS_ATTR, {})
    return {
        "offer": offer,
        "accept_form": bound.get("accept") or AcceptOfferForm(offer_id=offer.pk),
        "decline_form": bound.get("decline") or DeclineOfferForm(offer_id=offer.pk),
        "conflict_statement": CONFLICT_STATEMENT,
        "lapsed": offer.accept_by <= timezone.now(),
    }


def _offer_for(request, pk: int, offer_id: int) -> Offer:
    """The offer, 404 to anyone the case is nothing to, 403 to another member
    of the case (another offered consultant, the lead, the director)."""
    offer = Offer.objects.select_related("case").filter(pk=offer_id, case_id=pk).first()
    if offer is None:
        raise Http404("No such offer.")
    if offer.consultant_id != request.user.pk:
        if not rules.case_roles(request.user, offer.case).any:
            raise Http404("No such offer.")
        raise PermissionDenied(NOT_YOURS)
    return offer


def _redisplay(request, pk: int, **forms):
    """The case page again, with the form's errors next to its field (400)."""
    setattr(request, FORMS_ATTR, forms)
    case, roles = case_for(request, pk, need=lambda roles: True, view_target="case")
    return render_case_page(request, case, roles, status=400)


def _answered(response, result, case):
    """Back to the case after an answer; after a refusal (the offer lapsed,
    was taken by someone else), to the reviewer's page, which still opens."""
    return redirect(case) if result is not None else response


@consultant_required
@require_POST
def offer_accept_view(request, pk, offer_id):
    offer = _offer_for(request, pk, offer_id)
    form = AcceptOfferForm(request.POST, offer_id=offer.pk)
    if not form.is_valid():
        return _redisplay(request, pk, accept=form)
    response, result = act(
        request,
        offer_accept,
        success=f"You have accepted consultation {offer.case.reference}. "
        "The report's due time is below.",
        redirect_to="consultations:reviewer",
        case_id=pk,
        offer_id=offer.pk,
        user=request.user,
        no_conflict=form.cleaned_data["no_conflict"],
    )
    return _answered(response, result, offer.case)


@consultant_required
@require_POST
def offer_decline_view(request, pk, offer_id):
    offer = _offer_for(request, pk, offer_id)
    form = DeclineOfferForm(request.POST, offer_id=offer.pk)
    if not form.is_valid():
        return _redisplay(request, pk, decline=form)
    response, _ = act(
        request,
        offer_decline,
        success=f"You have declined consultation {offer.case.reference}. Thank you "
        "for saying why.",
        redirect_to="consultations:reviewer",
        case_id=pk,
        offer_id=offer.pk,
        user=request.user,
        reason=form.cleaned_data["reason"],
    )
    # A declined case is no longer theirs to open: always the reviewer's page.
    return response


# Calendar ---------------------------------------------------------------------------


@consultant_required
@require_safe
def deadlines_ics(request):
    offers, cases = selectors.calendar_deadlines(user=request.user)
    return calendar_download(
        calendar.deadlines_ics(offers=offers, cases=cases),
        filename=calendar.download_filename(),
    )


@consultant_required
@require_safe
def case_deadlines_ics(request, pk):
    case, _ = case_for(request, pk, need=lambda roles: roles.offered or roles.lead)
    offers, cases = selectors.calendar_deadlines(user=request.user, case_id=case.pk)
    return calendar_download(
        calendar.deadlines_ics(offers=offers, cases=cases),
        filename=calendar.download_filename(case),
    )
