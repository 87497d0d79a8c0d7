"""The follow-up call's pages: its part of the case page, the moves (plain
POST forms, so everything works without JavaScript), the Checkout return page,
the calendar file and the join gate.

Only the requester and the case's reviewer act; the director reads. Access is
asked of the case's rules on every request (``consultations.views_common``).
"""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from consultation_billing.follow_up_pay import paid_payment
from consultation_billing.selectors import follow_up_fee
from consultation_calls import calendar, services
from consultation_calls.forms import AcceptForm, AskForm, ChooseForm, OfferTimesForm
from consultation_calls.models import FollowUpCall
from consultations.views_common import area_required, case_for, render_case_page
from memberships import stripe_api
from sessions.calendar_views import calendar_download
from sessions.join_views import gate_state, meeting_redirect

Status = FollowUpCall.Status
# Messages show in the follow-up part, where the person acted (the page opens
# there), not at the top of the case page.
HERE = "at:follow-up"
STRIPE_DOWN = (
    "The payment service could not be reached, so nothing was charged. "
    "Please try again in a few minutes."
)
NO_STRIPE = "Card payments are not set up on this site yet; please try again later."


def _either_side(roles) -> bool:
    return roles.requester or roles.lead


def _anchor(case) -> str:
    return case.get_absolute_url() + "#follow-up"


def show_part(roles, case) -> bool:
    if not (roles.requester or roles.lead or roles.director):
        return False
    return services.bookable(case) or case.follow_up_calls.exists()


def call_part(request, case, roles) -> dict:
    """The case page's "Follow-up call" part (registered in ``wagtail_hooks``)."""
    bound = getattr(request, "_call_forms", {})
    now = timezone.now()
    calls = list(
        case.follow_up_calls.select_related("cancelled_by").prefetch_related("slots")
    )
    fee = follow_up_fee()
    rows = []
    for call in calls:
        rows.append(
            {
                "call": call,
                "slots": [s for s in call.slots.all() if s.starts_at > now],
                "may_cancel": _either_side(roles) and services.may_cancel(call, now),
                "refund_percent": services.refund_percent_for(call, request.user),
                "payment": paid_payment(call)
                if roles.requester or roles.director
                else None,
            }
        )
    may_ask = (
        roles.requester
        and services.bookable(case)
        and services.open_call(case) is None
        and services.calls_left(case) > 0
    )
    return {
        "calls": rows,
        "fee": fee,
        "minutes": settings.CONSULT_FOLLOW_UP_MINUTES,
        "may_ask": may_ask,
        "ask_form": bound.get("ask") or AskForm(prefix="ask"),
        "offer_form": bound.get("offer") or OfferTimesForm(prefix="offer"),
        "accept_form": bound.get("accept") or AcceptForm(prefix="accept"),
        "choose_error": bound.get("choose"),
        "stripe_ready": stripe_api.is_configured(),
        "now": now,
    }


def _call_for(request, pk: int, call_id: int, *, need=_either_side):
    case, roles = case_for(request, pk, need=need)
    call = get_object_or_404(
        FollowUpCall.objects.select_related("case"), pk=call_id, case=case
    )
    return case, roles, call


def _redisplay(request, case, roles, **forms):
    request._call_forms = forms
    return render_case_page(request, case, roles, status=400)


def _refused(request, case, error: ValidationError):
    for message in error.messages:
        messages.error(request, message, extra_tags=HERE)
    return redirect(_anchor(case))


@area_required
@require_POST
def ask(request, pk: int):
    case, roles = case_for(request, pk, need=lambda roles: roles.requester)
    form = AskForm(request.POST, prefix="ask")
    if not form.is_valid():
        return _redisplay(request, case, roles, ask=form)
    try:
        services.call_request(
            case_id=case.pk,
            user=request.user,
            proposed_at=form.cleaned_data["proposed_at"],
        )
    except ValidationError as error:
        if error.code == "too_soon":
            form.add_error("proposed_at", error)
            return _redisplay(request, case, roles, ask=form)
        return _refused(request, case, error)
    messages.success(
        request,
        "Your follow-up call is asked for; the reviewer has been emailed.",
        extra_tags=HERE,
    )
    return redirect(_anchor(case))


def _reviewer_move(request, pk, call_id, *, key, form, run, success):
    case, roles, call = _call_for(request, pk, call_id, need=lambda roles: roles.lead)
    if not form.is_valid():
        return _redisplay(request, case, roles, **{key: form})
    try:
        run(call, form)
    except ValidationError as error:
        if error.code == "too_soon":
            form.add_error(None, error)
            return _redisplay(request, case, roles, **{key: form})
        return _refused(request, case, error)
    messages.success(request, success, extra_tags=HERE)
    return redirect(_anchor(case))


@area_required
@require_POST
def offer_times(request, pk: int, call_id: int):
    return _reviewer_move(
        request,
        pk,
        call_id,
        key="offer",
        form=OfferTimesForm(request.POST, prefix="offer"),
        run=lambda call, form: services.call_offer_times(
            call_id=call.pk,
            user=request.user,
            times=form.times(),
            meeting_url=form.cleaned_data["meeting_url"],
        ),
        success="Your times are sent to the therapist.",
    )


@area_required
@require_POST
def accept(request, pk: int, call_id: int):
    return _reviewer_move(
        request,
        pk,
        call_id,
        key="accept",
        form=AcceptForm(request.POST, prefix="accept"),
        run=lambda call, form: services.call_accept_proposed(
            call_id=call.pk,
            user=request.user,
            meeting_url=form.cleaned_data["meeting_url"],
        ),
        success="The proposed time is accepted; the therapist has been emailed.",
    )


@area_required
@require_POST
def choose(request, pk: int, call_id: int):
    case, roles, call = _call_for(
        request, pk, call_id, need=lambda roles: roles.requester
    )
    if follow_up_fee() is not None and not stripe_api.is_configured():
        # Nothing is held for a time that cannot be paid for.
        messages.error(request, NO_STRIPE, extra_tags=HERE)
        return redirect(_anchor(case))
    form = ChooseForm(request.POST, slots=call.slots.all())
    if not form.is_valid():
        return _redisplay(
            request, case, roles, choose="Choose one of the times offered."
        )
    try:
        services.call_choose(
            call_id=call.pk, user=request.user, slot_id=form.cleaned_data["slot"]
        )
    except ValidationError as error:
        return _refused(request, case, error)
    call.refresh_from_db()
    if call.status == Status.BOOKED:
        messages.success(request, "Your follow-up call is booked.", extra_tags=HERE)
        return redirect(_anchor(case))
    return _pay(request, case, call)


@area_required
@require_POST
def pay(request, pk: int, call_id: int):
    case, _roles, call = _call_for(
        request, pk, call_id, need=lambda roles: roles.requester
    )
    return _pay(request, case, call)


def _pay(request, case, call):
    if follow_up_fee() is not None and not stripe_api.is_configured():
        messages.error(request, NO_STRIPE, extra_tags=HERE)
        return redirect(_anchor(case))
    try:
        url = services.call_checkout_url(call_id=call.pk, user=request.user)
    except ValidationError as error:
        return _refused(request, case, error)
    except stripe_api.StripeError:
        messages.error(request, STRIPE_DOWN, extra_tags=HERE)
        return redirect(_anchor(case))
    return redirect(url)


@area_required
@never_cache
@require_GET
def paid(request, pk: int, call_id: int):
    """Where Checkout sends the requester back: the webhook decides."""
    case, _roles, call = _call_for(
        request, pk, call_id, need=lambda roles: roles.requester
    )
    return render(
        request,
        "consultation_calls/paid.html",
        {"case": case, "call": call, "payment": paid_payment(call)},
    )


@area_required
@require_POST
def cancel(request, pk: int, call_id: int):
    case, _roles, call = _call_for(request, pk, call_id)
    try:
        services.call_cancel(call_id=call.pk, user=request.user)
    except ValidationError as error:
        return _refused(request, case, error)
    messages.success(
        request,
        "The follow-up call is cancelled; the other side has been emailed.",
        extra_tags=HERE,
    )
    return redirect(_anchor(case))


def _scheduled(request, pk, call_id):
    case, roles, call = _call_for(request, pk, call_id)
    if call.starts_at is None or call.status in (Status.REQUESTED, Status.OFFERED):
        raise Http404("This call has no time yet.")
    return case, roles, call


@area_required
@require_GET
def call_ics(request, pk: int, call_id: int):
    _case, _roles, call = _scheduled(request, pk, call_id)
    return calendar_download(
        calendar.call_ics(call), filename=calendar.download_filename(call)
    )


def join_state(call: FollowUpCall, now) -> str:
    if call.status == Status.AWAITING_PAYMENT:
        return "unpaid"
    return gate_state(
        opens_at=call.join_opens_at,
        ends_at=call.ends_at,
        link=call.meeting_url,
        now=now,
        cancelled=call.status == Status.CANCELLED,
    )


@area_required
@never_cache
@require_GET
def join(request, pk: int, call_id: int):
    """The only door to the call's video: asks the case's rule each time and
    opens 15 minutes before the start."""
    case, _roles, call = _scheduled(request, pk, call_id)
    now = timezone.now()
    state = join_state(call, now)
    if state == "open":
        return meeting_redirect(call.meeting_url)
    return render(
        request,
        "consultation_calls/join.html",
        {"case": case, "call": call, "state": state, "now": now},
    )
