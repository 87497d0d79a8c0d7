"""The director's side of a case (its part of the case page and the actions
posted from it) and the board of all cases.

Every action is a POST under /consultations/director/ (two-factor, see
community.middleware), open to the director only: admins keep the pool's
accounts (director_pool_views) but read no case, so they get 403 here. A
service's refusal (a move out of order, a stale page) comes back as a message
with nothing changed; a form typed wrong is shown again with what was typed.
"""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from consultations import states
from consultations.director_forms import ExtendForm, NoteForm, OfferForm, TopicsForm
from consultations.models import Case
from consultations.selectors import board as board_selectors
from consultations.selectors.pool import candidates
from consultations.services import offers as offer_services
from consultations.services import triage
from consultations.views_common import (
    act,
    case_for,
    director_only,
    render_case_page,
)

Status = Case.Status


def _offer_candidates(case, *, now, open_ids, matching_only=False):
    """Who the offer form lists: the pool's candidates for the case, less those
    already holding an open offer on it."""
    profiles = candidates(case=case, now=now)
    if matching_only:
        profiles = profiles.filter(matching_tags__gt=0)
    return [p for p in profiles if p.user_id not in open_ids]


def director_part(request, case, roles) -> dict:
    """What the director can do with the case in its state, with the forms."""
    now = timezone.now()
    bound = getattr(request, "_director_forms", {})
    status = case.status
    can_offer = states.allowed("offer", status)
    offers = list(case.offers.select_related("consultant").order_by("rank", "pk"))
    open_ids = {o.consultant_id for o in offers if o.status in offer_services.OPEN}
    offer_form = None
    if can_offer:
        offer_form = bound.get("offer") or OfferForm(
            candidates=_offer_candidates(
                case,
                now=now,
                open_ids=open_ids,
                matching_only=request.GET.get("matching") == "1",
            )
        )
    return {
        "now": now,
        "waive": status == Status.SUBMITTED,
        "triage": status == Status.TRIAGE,
        "return_form": bound.get("return") or NoteForm(prefix="return"),
        "decline_form": bound.get("decline") or NoteForm(prefix="decline"),
        "topics_form": (
            bound.get("topics")
            or TopicsForm(
                initial={"tags": list(case.tags.all()), "urgency": case.urgency}
            )
        )
        if status in triage.TOPICS_EDITABLE
        else None,
        "offer_form": offer_form,
        "matching_only": request.GET.get("matching") == "1",
        "offers": offers,
        "extend_form": (bound.get("extend") or ExtendForm())
        if status == Status.ESCALATED and case.lead_reviewer_id
        else None,
        "cancel_form": (bound.get("cancel") or NoteForm(prefix="cancel"))
        if states.allowed("cancel", status)
        else None,
    }


def _case_url(pk):
    return reverse("consultations:case", args=[pk])


def _redisplay(request, case, roles, **forms):
    """The case page again, with the director's form as typed and its errors."""
    request._director_forms = forms
    return render_case_page(request, case, roles, status=400)


def _director_case(request, pk):
    return case_for(request, pk, need=lambda roles: roles.director)


def _run(request, case, service, *, success: str, **kwargs):
    """One director action on the case, back to its page with the outcome."""
    response, _ = act(
        request,
        service,
        success=success,
        redirect_to=_case_url(case.pk),
        case_id=case.pk,
        actor=request.user,
        **kwargs,
    )
    return response


@director_only
@require_POST
def waive_fee(request, pk):
    case, _ = _director_case(request, pk)
    return _run(
        request,
        case,
        triage.case_waive_fee,
        success="The fee is waived; the request is in triage.",
    )


@director_only
@require_POST
def triage_decide(request, pk):
    case, roles = _director_case(request, pk)
    decision = request.POST.get("decision")
    if decision == "accept":
        return _run(
            request,
            case,
            triage.triage_accept,
            success="Accepted for matching: offer it to a reviewer below.",
        )
    if decision not in ("return", "decline"):
        return _redisplay(request, case, roles)
    form = NoteForm(request.POST, prefix=decision)
    if not form.is_valid():
        return _redisplay(request, case, roles, **{decision: form})
    service, success = (
        (triage.triage_return, "Returned to the therapist with your note.")
        if decision == "return"
        else (triage.triage_decline, "Declined; the therapist has your note.")
    )
    return _run(request, case, service, success=success, note=form.cleaned_data["note"])


@director_only
@require_POST
def set_topics(request, pk):
    case, roles = _director_case(request, pk)
    form = TopicsForm(request.POST)
    if not form.is_valid():
        return _redisplay(request, case, roles, topics=form)
    return _run(
        request,
        case,
        triage.case_set_topics,
        success="Topics and urgency saved.",
        tag_ids=[tag.pk for tag in form.cleaned_data["tags"]],
        urgency=form.cleaned_data["urgency"],
    )


@director_only
@require_POST
def make_offer(request, pk):
    case, roles = _director_case(request, pk)
    open_ids = set(
        case.offers.filter(status__in=offer_services.OPEN).values_list(
            "consultant_id", flat=True
        )
    )
    form = OfferForm(
        request.POST,
        candidates=_offer_candidates(case, now=timezone.now(), open_ids=open_ids),
    )
    if not form.is_valid():
        return _redisplay(request, case, roles, offer=form)
    return _run(
        request,
        case,
        offer_services.case_offer,
        success="Offered. The reviewers are emailed; the first to accept takes it.",
        consultant_ids=form.cleaned_data["ranked"],
        at_once=form.cleaned_data["at_once"],
    )


@director_only
@require_POST
def extend(request, pk):
    case, roles = _director_case(request, pk)
    form = ExtendForm(request.POST)
    if not form.is_valid():
        return _redisplay(request, case, roles, extend=form)
    return _run(
        request,
        case,
        triage.case_extend,
        success="The reviewer has more time; they are told the new due time.",
        hours=form.cleaned_data["hours"],
    )


@director_only
@require_POST
def cancel(request, pk):
    case, roles = _director_case(request, pk)
    form = NoteForm(request.POST, prefix="cancel")
    if not form.is_valid():
        return _redisplay(request, case, roles, cancel=form)
    return _run(
        request,
        case,
        triage.case_cancel,
        success="The consultation is cancelled; the therapist has your note.",
        note=form.cleaned_data["note"],
    )


@director_only
@require_GET
@never_cache
def board(request):
    now = timezone.now()
    group = request.GET.get("state", "")
    urgency = request.GET.get("urgency", "")
    if urgency not in Case.Urgency.values:
        urgency = ""
    context = {
        "now": now,
        "groups": board_selectors.GROUPS,
        "urgencies": Case.Urgency.choices,
        "state": group if group in board_selectors.GROUPS_BY_KEY else "",
        "urgency": urgency,
    }
    if context["state"]:
        page = Paginator(
            board_selectors.group_page(now=now, group=group, urgency=urgency),
            board_selectors.PAGE_SIZE,
        ).get_page(request.GET.get("page"))
        for case in page.object_list:
            board_selectors.annotate_flags(case, now=now)
        context["page"] = page
        context["group"] = board_selectors.GROUPS_BY_KEY[group]
    else:
        context["board"] = board_selectors.board(now=now, urgency=urgency)
    return render(request, "consultations/director/board.html", context)
