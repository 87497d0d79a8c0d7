"""Join (plans, Checkout), the activation page, and billing (Stripe's portal)."""

import logging

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from memberships import checkout as checkout_services
from memberships import stripe_api
from memberships.models import Plan
from memberships.rules import grace_ends_at, membership_grants_access
from memberships.selectors import membership_for

logger = logging.getLogger(__name__)

STRIPE_TROUBLE = (
    "We could not reach our payment provider just now. Nothing was charged and "
    "nothing changed; please try again in a few minutes."
)
ALREADY_A_MEMBER = (
    "You already have a membership, so no second one was started. To change your "
    "plan or card, use Manage billing."
)


def _stripe_error(request, exc):
    logger.warning("Stripe API error for user %s: %s", request.user.pk, exc)
    return render(
        request,
        "memberships/stripe_error.html",
        {"message": STRIPE_TROUBLE},
        status=502,
    )


@require_GET
def join(request):
    membership = membership_for(user=request.user)
    if request.GET.get("canceled"):
        messages.info(request, "Checkout was canceled; you have not been charged.")
    return render(
        request,
        "memberships/join.html",
        {
            "membership": membership,
            "live_subscription": bool(membership and membership.has_live_subscription),
            "billing_configured": stripe_api.is_configured(),
            "plans": Plan.objects.filter(active=True),
        },
    )


@login_required
@require_POST
def checkout(request):
    if not stripe_api.is_configured():
        messages.error(request, "Online payment is not set up on this site.")
        return redirect("memberships:join")
    membership = membership_for(user=request.user)
    if membership and membership.has_live_subscription:
        return _already_a_member(request)
    plan_id = request.POST.get("plan", "")
    plan = (
        Plan.objects.filter(active=True, pk=plan_id).first()
        if plan_id.isdigit()
        else None
    )
    if plan is None:
        messages.error(request, "Please choose one of the plans below.")
        return render(
            request,
            "memberships/join.html",
            {
                "membership": membership,
                "billing_configured": True,
                "plans": Plan.objects.filter(active=True),
            },
            status=400,
        )
    try:
        url = checkout_services.membership_start_checkout(user=request.user, plan=plan)
    except stripe_api.StripeError as exc:
        return _stripe_error(request, exc)
    if url is None:
        return _already_a_member(request)
    return _see_other(url)


def _already_a_member(request):
    """Never a second subscription: plan and card changes go through billing."""
    messages.info(request, ALREADY_A_MEMBER)
    return redirect("memberships:billing")


@login_required
@require_GET
def checkout_success(request):
    """After Checkout: "activating…" until the membership is live, then the dashboard.

    The browser's arrival proves nothing; the membership turns live when Stripe says
    so, through a webhook or through the checkout session we fetch here ourselves.
    """
    session_id = request.GET.get("session_id", "")
    if not _membership_is_live(request.user) and session_id.startswith("cs_"):
        try:
            checkout_services.membership_confirm_checkout(
                user=request.user, session_id=session_id
            )
        except stripe_api.StripeError as exc:
            logger.info("Checkout session %s not fetched: %s", session_id, exc)
        return redirect("memberships:checkout-success")  # poll without re-fetching
    if _membership_is_live(request.user):
        messages.success(request, "Your membership is active. Welcome!")
        return redirect("home")
    return render(request, "memberships/activating.html")


def _membership_is_live(user) -> bool:
    """Has the membership itself turned live? (Not "may this user see content":
    a director needs no membership, but this page is about the one just bought.)"""
    return membership_grants_access(membership_for(user=user))


@login_required
@require_GET
def billing(request):
    membership = membership_for(user=request.user)
    return render(
        request,
        "memberships/billing.html",
        {
            "membership": membership,
            "billing_configured": stripe_api.is_configured(),
            "grace_ends": grace_ends_at(membership),
        },
    )


@login_required
@require_POST
def portal(request):
    membership = membership_for(user=request.user)
    if not stripe_api.is_configured() or not (
        membership and membership.stripe_customer_id
    ):
        messages.info(request, "You have no paid membership to manage yet.")
        return redirect("memberships:join")
    return _portal_redirect(request, membership)


def _portal_redirect(request, membership):
    try:
        url = stripe_api.create_portal_session(
            customer_id=membership.stripe_customer_id
        )
    except stripe_api.StripeError as exc:
        return _stripe_error(request, exc)
    return _see_other(url)


def _see_other(url: str):
    response = redirect(url)
    response.status_code = 303  # after a POST, the browser GETs Stripe's page
    return response
