"""Join (plans, Checkout), the activation page, and billing (Stripe's portal)."""

import logging

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from memberships import access_requests, stripe_api
from memberships import checkout as checkout_services
from memberships.forms import AccessRequestForm
from memberships.models import Membership, Plan
from memberships.money import format_money
from memberships.rules import grace_ends_at, membership_grants_access
from memberships.selectors import membership_for, plan_offers
from memberships.services import from_timestamp

logger = logging.getLogger(__name__)

STRIPE_TROUBLE = (
    "We could not reach our payment provider just now. Nothing was charged and "
    "nothing changed; please try again in a few minutes."
)
REQUESTS_TOO_FAST = (
    "We have had several requests from you already. Please wait an hour and try again."
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


def _is_lapsed(membership) -> bool:
    """Had a membership that no longer gives access: "Renew", not "Join"."""
    return bool(
        membership
        and (
            membership.state != Membership.Status.NONE
            or membership.comp_until is not None  # a comp that has ended
        )
        and not membership_grants_access(membership)
    )


def _join_context(request, *, request_form=None, **extra) -> dict:
    """What the Join page shows: the plans with their prices and savings, and
    what this visitor can do (check out, renew, or ask for access when online
    payment is off). Never the site's configuration: that is the operator's."""
    membership = membership_for(user=request.user)
    billing_on = stripe_api.is_configured()
    if request_form is None and not billing_on:
        user = request.user
        initial = (
            {"name": user.get_full_name() or user.display_name, "email": user.email}
            if user.is_authenticated
            else {}
        )
        request_form = AccessRequestForm(initial=initial)
    return {
        "membership": membership,
        "live_subscription": bool(membership and membership.has_live_subscription),
        "lapsed": _is_lapsed(membership),
        "billing_configured": billing_on,
        "offers": plan_offers(),
        "request_form": request_form,
        **extra,
    }


@require_GET
def join(request):
    if request.GET.get("canceled"):
        messages.info(request, "Checkout was canceled; you have not been charged.")
    return render(
        request,
        "memberships/join.html",
        _join_context(request, access_requested=request.GET.get("requested") == "1"),
    )


@require_POST
def request_access(request):
    """Anyone may ask for access (no account needed); the admins are emailed."""
    if stripe_api.is_configured():
        messages.info(request, "You can join online now: choose a plan below.")
        return redirect("memberships:join")
    form = AccessRequestForm(request.POST)
    status = 400
    if form.is_valid():
        if access_requests.access_request_allowed(
            request=request, email=form.cleaned_data["email"]
        ):
            access_requests.access_request_create(
                name=form.cleaned_data["name"],
                email=form.cleaned_data["email"],
                note=form.cleaned_data["note"],
                user=request.user,
            )
            # Said in the form's place, where the person is looking (the
            # form's action jumps to #request-access), not at the page's top.
            join_url = reverse("memberships:join")
            return redirect(f"{join_url}?requested=1#request-access")
        form.add_error(None, REQUESTS_TOO_FAST)
        status = 429
    return render(
        request,
        "memberships/join.html",
        _join_context(request, request_form=form),
        status=status,
    )


@login_required
@require_POST
def checkout(request):
    if not stripe_api.is_configured():
        messages.error(request, "Online payment is not open yet.")
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
            request, "memberships/join.html", _join_context(request), status=400
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


INVOICE_STATUS = {
    "paid": "Paid",
    "open": "Due",
    "uncollectible": "Not collected",
    "void": "Canceled",
}


@login_required
@require_GET
def billing(request):
    membership = membership_for(user=request.user)
    billing_on = stripe_api.is_configured()
    invoices, invoices_unavailable = [], False
    if billing_on and membership and membership.stripe_customer_id:
        try:
            invoices = _invoices_for_display(membership.stripe_customer_id)
        except stripe_api.StripeError as exc:
            logger.warning("Invoices for user %s not fetched: %s", request.user.pk, exc)
            invoices_unavailable = True
    return render(
        request,
        "memberships/billing.html",
        {
            "membership": membership,
            "billing_configured": billing_on,
            "grace_ends": grace_ends_at(membership),
            "comp_active": bool(membership and membership.comp_is_active()),
            "lapsed": _is_lapsed(membership),
            "period_ended": bool(
                membership
                and membership.current_period_end
                and membership.current_period_end <= timezone.now()
            ),
            "invoices": invoices,
            "invoices_unavailable": invoices_unavailable,
        },
    )


def _invoices_for_display(customer_id: str) -> list[dict]:
    return [
        {
            **invoice,
            "created": from_timestamp(invoice["created"]),
            "amount_display": format_money(invoice["amount"], invoice["currency"]),
            "status_display": INVOICE_STATUS.get(
                invoice["status"], invoice["status"].capitalize()
            ),
        }
        for invoice in stripe_api.recent_invoices(customer_id=customer_id)
    ]


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
