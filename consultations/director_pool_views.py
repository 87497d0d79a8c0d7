"""The reviewer pool's pages, under /consultations/director/pool/ (two-factor).

Open to the director and to admins: admins keep the pool's accounts, and
nothing here shows case content (a consultant's load is a number).
"""

from functools import wraps

from django.contrib import messages
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from community.access import refuse
from community.roles import is_admin, is_director
from consultations.director_forms import AwayForm, PoolAddForm, PoolEditForm, TagForm
from consultations.models import ConsultantAway, ConsultantProfile, Tag
from consultations.selectors.pool import with_load
from consultations.services import pool as pool_services
from consultations.views_common import act


def pool_keeper_only(view):
    """The director, or an admin (who manages the pool's accounts)."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not (is_director(request.user) or is_admin(request.user)):
            return refuse(request, staff_only=True)
        return view(request, *args, **kwargs)

    return wrapped


def _pool_url():
    return reverse("consultations:pool")


def _profiles():
    today = timezone.localdate()
    return with_load(
        ConsultantProfile.objects.select_related("user").prefetch_related(
            "specialties",
            "orientations",
            Prefetch(
                "away_periods",
                queryset=ConsultantAway.objects.filter(ends_on__gte=today),
                to_attr="coming_away",
            ),
        )
    ).order_by("-active", "user__display_name", "pk")


def _profile_fields(data) -> dict:
    return {
        "credentials": data["credentials"],
        "max_open_cases": data["max_open_cases"],
        "is_attending": data["is_attending"],
        "specialties": list(data["specialties"]),
        "orientations": list(data["orientations"]),
    }


@pool_keeper_only
@never_cache
@require_http_methods(["GET", "POST"])
def pool(request):
    """The list, and the form that adds a consultant (posted here)."""
    add_form = PoolAddForm(request.POST or None)
    if request.method == "POST" and add_form.is_valid():
        data = add_form.cleaned_data
        response, result = act(
            request,
            pool_services.pool_add,
            success="Added to the pool.",
            redirect_to=_pool_url(),
            email=data["email"],
            display_name=data["display_name"],
            actor=request.user,
            **_profile_fields(data),
        )
        if result is not None and result[1]:
            messages.info(
                request, "A new account was made; they are emailed an invitation."
            )
        if result is not None:
            return response
    return render(
        request,
        "consultations/director/pool.html",
        {
            "profiles": _profiles(),
            "add_form": add_form,
            "tag_form": TagForm(),
            "tags": Tag.objects.all(),
            "today": timezone.localdate(),
            "director": is_director(request.user),
        },
        status=400 if request.method == "POST" else 200,
    )


@pool_keeper_only
@never_cache
@require_http_methods(["GET", "POST"])
def pool_edit(request, profile_pk):
    profile = get_object_or_404(_profiles(), pk=profile_pk)
    form = PoolEditForm.for_profile(profile, request.POST or None)
    away_form = AwayForm(prefix="away")
    status = 200
    if request.method == "POST":
        if form.is_valid():
            response, result = act(
                request,
                pool_services.pool_update,
                success="Saved.",
                redirect_to=_pool_url(),
                profile_id=profile.pk,
                **_profile_fields(form.cleaned_data),
            )
            if result is not None:
                return response
        status = 400
    return _edit_page(request, profile, form, away_form, status)


def _edit_page(request, profile, form, away_form, status=200):
    return render(
        request,
        "consultations/director/pool_edit.html",
        {"profile": profile, "form": form, "away_form": away_form},
        status=status,
    )


@pool_keeper_only
@require_POST
def pool_away_add(request, profile_pk):
    profile = get_object_or_404(_profiles(), pk=profile_pk)
    away_form = AwayForm(request.POST, prefix="away")
    if not away_form.is_valid():
        return _edit_page(
            request, profile, PoolEditForm.for_profile(profile), away_form, 400
        )
    response, _ = act(
        request,
        pool_services.pool_away_add,
        success="The period away is saved: no offers reach them then.",
        redirect_to=reverse("consultations:pool-edit", args=[profile.pk]),
        profile_id=profile.pk,
        **away_form.cleaned_data,
    )
    return response


@pool_keeper_only
@require_POST
def pool_away_remove(request, profile_pk, away_pk):
    response, _ = act(
        request,
        pool_services.pool_away_remove,
        success="The period away is removed.",
        redirect_to=reverse("consultations:pool-edit", args=[profile_pk]),
        profile_id=profile_pk,
        away_id=away_pk,
    )
    return response


@pool_keeper_only
@require_POST
def pool_remove(request, profile_pk):
    profile = get_object_or_404(ConsultantProfile, pk=profile_pk)
    response, affected = act(
        request,
        pool_services.pool_remove,
        success=f"{profile.user.get_display_name()} is out of the pool; their "
        "offers are withdrawn.",
        redirect_to=_pool_url(),
        profile_id=profile.pk,
        actor=request.user,
    )
    if affected:
        messages.info(
            request,
            f"{affected} case(s) they had went back to matching or to their next "
            "ranked reviewer.",
        )
    return response


@pool_keeper_only
@require_POST
def pool_restore(request, profile_pk):
    profile = get_object_or_404(ConsultantProfile, pk=profile_pk)
    response, _ = act(
        request,
        pool_services.pool_restore,
        success=f"{profile.user.get_display_name()} is back in the pool.",
        redirect_to=_pool_url(),
        profile_id=profile.pk,
    )
    return response


@pool_keeper_only
@require_POST
def tag_add(request):
    form = TagForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(_pool_url())
    response, _ = act(
        request,
        pool_services.tag_create,
        success="Topic added.",
        redirect_to=_pool_url() + "#topics",
        **form.cleaned_data,
    )
    return response
