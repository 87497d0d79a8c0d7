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
from consultations.case_page import parts_for
from consultations.director_forms import ExtendForm, NoteForm, OfferForm, TopicsForm
from consultations.models import Case, Offer
from consultations.selectors import board as board_selectors
from consultations.selectors.pool import candidates
from consultations.services import offers as offer_services
from consultations.services import triage
from consultations.views_common import act, case_for, director_only

Status = Case.Status
OPEN_OFFERS = (Offer.Status.QUEUED, Offer.Status.PENDING)


def _offer_candidates(request, case, now):
    profiles = candidates(case=case, now=now)
    if request.GET.get("matching") == "1":
        profiles = profiles.filter(matching_tags__gt=0)
    return list(profiles)


def director_part(request, case, roles) -> dict:
    """What the director can do with the case in its state, with the forms."""
    now = timezone.now()
    bound = getattr(request, "_director_forms", {})
    status = case.status
    can_offer = states.allowed("offer", status)
    offers = list(case.offers.select_related("consultant").order_by("rank", "pk"))
    open_ids = {o.consultant_id for o in offers if o.status in OPEN_OFFERS}
    offer_form = None
    if can_offer:
        offer_form = bound.get("offer") or OfferForm(
            candidates=[
                p
                for p in _offer_candidates(request, case, now)
                if p.user_id not in open_ids
            ]
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
    return render(
        request,
        "consultations/case.html",
        {
            "case": case,
            "roles": roles,
            "parts": parts_for(request, case, roles),
            "now": timezone.now(),
        },
        status=400,
    )


def _director_case(request, pk):
    return case_for(request, pk, need=lambda roles: roles.director)


@director_only
@require_POST
def waive_fee(request, pk):
    case, _ = _director_case(request, pk)
    response, _ = act(
        request,
        triage.case_waive_fee,
        success="The fee is waived; the request is in triage.",
        redirect_to=_case_url(pk),
        case_id=case.pk,
        actor=request.user,
    )
    return response


@director_only
@require_POST
def triage_decide(request, pk):
    case, roles = _director_case(request, pk)
    decision = request.POST.get("decision")
    if decision == "accept":
        response, _ = act(
            request,
            triage.triage_accept,
            success="Accepted for matching: offer it to a reviewer below.",
            redirect_to=_case_url(pk),
            case_id=case.pk,
            actor=request.user,
        )
        return response
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
    response, _ = act(
        request,
        service,
        success=success,
        redirect_to=_case_url(pk),
        case_id=case.pk,
        actor=request.user,
        note=form.cleaned_data["note"],
    )
    return response


@director_only
@require_POST
def set_topics(request, pk):
    case, roles = _director_case(request, pk)
    form = TopicsForm(request.POST)
    if not form.is_valid():
        return _redisplay(request, case, roles, topics=form)
    response, _ = act(
        request,
        triage.case_set_topics,
        success="Topics and urgency saved.",
        redirect_to=_case_url(pk),
        case_id=case.pk,
        actor=request.user,
        tag_ids=[tag.pk for tag in form.cleaned_data["tags"]],
        urgency=form.cleaned_data["urgency"],
    )
    return response


@director_only
@require_POST
def make_offer(request, pk):
    case, roles = _director_case(request, pk)
    open_ids = set(
        case.offers.filter(status__in=OPEN_OFFERS).values_list(
            "consultant_id", flat=True
        )
    )
    pool = [
        p
        for p in candidates(case=case, now=timezone.now())
        if p.user_id not in open_ids
    ]
    form = OfferForm(request.POST, candidates=pool)
    if not form.is_valid():
        return _redisplay(request, case, roles, offer=form)
    response, _ = act(
        request,
        offer_services.case_offer,
        success="Offered. The reviewers are emailed; the first to accept takes it.",
        redirect_to=_case_url(pk),
        case_id=case.pk,
        consultant_ids=form.cleaned_data["ranked"],
        at_once=form.cleaned_data["at_once"],
        actor=request.user,
    )
    return response


@director_only
@require_POST
def extend(request, pk):
    case, roles = _director_case(request, pk)
    form = ExtendForm(request.POST)
    if not form.is_valid():
        return _redisplay(request, case, roles, extend=form)
    response, _ = act(
        request,
        triage.case_extend,
        success="The reviewer has more time; they are told the new due time.",
        redirect_to=_case_url(pk),
        case_id=case.pk,
        actor=request.user,
        hours=form.cleaned_data["hours"],
    )
    return response


@director_only
@require_POST
def cancel(request, pk):
    case, roles = _director_case(request, pk)
    form = NoteForm(request.POST, prefix="cancel")
    if not form.is_valid():
        return _redisplay(request, case, roles, cancel=form)
    response, _ = act(
        request,
        triage.case_cancel,
        success="The consultation is cancelled; the therapist has your note.",
        redirect_to=_case_url(pk),
        case_id=case.pk,
        actor=request.user,
        note=form.cleaned_data["note"],
    )
    return response


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
