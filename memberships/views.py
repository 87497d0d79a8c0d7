"""Join (plans, Checkout), the activation page, and billing (Stripe's portal)."""

import contextlib
import logging

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from memberships import services, stripe_api
from memberships.models import Plan
from memberships.rules import grace_ends_at, membership_grants_access
from memberships.selectors import membership_for

logger = logging.getLogger(__name__)

STRIPE_TROUBLE = (
    "We could not reach our payment provider just now. Nothing was charged and "
    "nothing changed; please try again in a few minutes."
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
        # Never a second subscription: change plan or card in the portal instead.
        return _portal_redirect(request, membership)
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
        membership = services.membership_ensure_customer(
            user=request.user, create_customer=stripe_api.create_customer
        )
        url = stripe_api.create_checkout_session(
            user=request.user,
            customer_id=membership.stripe_customer_id,
            price_id=plan.stripe_price_id,
        )
    except stripe_api.StripeError as exc:
        return _stripe_error(request, exc)
    return _see_other(url)


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
            _sync_from_checkout_session(request.user, session_id)
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


def _sync_from_checkout_session(user, session_id: str) -> None:
    session = stripe_api.retrieve_checkout_session(session_id)
    if session.get("client_reference_id") != str(user.pk):
        logger.warning("Checkout session %s is not user %s's", session_id, user.pk)
        return
    subscription = session.get("subscription")
    if session.get("status") != "complete" or not isinstance(subscription, dict):
        return
    membership = services.membership_ensure_customer(
        user=user, create_customer=lambda user: session["customer"]
    )
    services.membership_link_checkout(
        membership=membership,
        customer_id=session.get("customer") or "",
        subscription_id=subscription.get("id", ""),
    )
    # A fresh read from Stripe is never stale; a webhook may just have beaten it.
    with contextlib.suppress(services.StaleStripeState):
        services.membership_sync_subscription(
            membership=membership, subscription=subscription, as_of=timezone.now()
        )


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
