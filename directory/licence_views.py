"""The licence pages: a member's own list, add, edit and delete
(``/account/licences/``), and the director's verification queue
(``/members/licences/``).

A member reaches only their own licences: anyone else's id is a 404, never a
403 that would say it exists. The queue is for the director and admins
(``community.access.director_required``: a member gets 403). Every change is a
plain POST form, so all of it works without JavaScript; a refused form comes
back with what was typed and status 400, and nothing saved.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import (
    require_http_methods,
    require_POST,
    require_safe,
)

from community.access import director_required, member_required
from directory import licence_selectors as selectors
from directory.licence_forms import LicenceForm, VerifyForm
from directory.models import Licence
from directory.services import licences as services

PAGE_SIZE = 50
FIX_BELOW = "Please correct the fields marked below."


def _own(request, pk: int) -> Licence:
    return get_object_or_404(Licence, pk=pk, user=request.user)


def _fields(form) -> dict:
    return {
        name: form.cleaned_data[name]
        for name in ("kind", "region", "country", "number", "expires_on", "npi")
    }


@member_required
@require_safe
def licence_list(request):
    today = timezone.localdate()
    rows = [
        {"licence": licence, "state": selectors.licence_state(licence, today=today)}
        for licence in selectors.licences_of(user=request.user)
    ]
    return render(request, "member_directory/licences/list.html", {"rows": rows})


def _licence_form(request, *, licence: Licence | None):
    data = request.POST if request.method == "POST" else None
    form = LicenceForm(data, licence=licence)
    if request.method == "POST" and form.is_valid():
        try:
            if licence is None:
                services.licence_add(user=request.user, **_fields(form))
                messages.success(
                    request,
                    "Licence added. The director will verify it against the "
                    "board's lookup.",
                )
            else:
                saved = services.licence_update(licence=licence, **_fields(form))
                messages.success(
                    request,
                    "Licence saved."
                    if saved.verified_on
                    else "Licence saved. The director will verify it.",
                )
            return redirect("licences:list")
        except ValidationError as error:
            form.add_error(None, error)
    if form.errors:
        messages.error(request, FIX_BELOW)
    return render(
        request,
        "member_directory/licences/form.html",
        {"form": form, "licence": licence},
        status=400 if form.errors else 200,
    )


@member_required
@require_http_methods(["GET", "POST"])
def licence_add(request):
    return _licence_form(request, licence=None)


@member_required
@require_http_methods(["GET", "POST"])
def licence_edit(request, pk: int):
    return _licence_form(request, licence=_own(request, pk))


@member_required
@require_http_methods(["GET", "POST"])
def licence_delete(request, pk: int):
    licence = _own(request, pk)
    if request.method == "POST":
        services.licence_remove(licence=licence)
        messages.success(request, "Licence removed.")
        return redirect("licences:list")
    return render(
        request, "member_directory/licences/delete.html", {"licence": licence}
    )


# The director's queue ---------------------------------------------------------

SHOWS = {"waiting": selectors.licences_waiting, "verified": selectors.licences_verified}


def _verify_form(licence: Licence, data=None) -> VerifyForm:
    return VerifyForm(
        data,
        prefix=f"licence-{licence.pk}",
        initial={
            "checked_on": timezone.localdate(),
            "seen": services.licence_fingerprint(licence),
        },
    )


def _queue(request, *, show: str, bound: VerifyForm | None = None, status=200):
    page = Paginator(SHOWS[show](), PAGE_SIZE).get_page(request.GET.get("page"))
    rows = []
    for licence in page.object_list:
        form = bound if bound is not None and bound.licence_pk == licence.pk else None
        rows.append({"licence": licence, "form": form or _verify_form(licence)})
    return render(
        request,
        "member_directory/licences/queue.html",
        {
            "show": show,
            "page": page,
            "rows": rows,
            "waiting_count": selectors.licences_waiting_count(),
        },
        status=status,
    )


def _back(show: str) -> str:
    return reverse("licence-review:queue") + (
        "?show=verified" if show == "verified" else ""
    )


def _show(request) -> str:
    show = request.GET.get("show") or request.POST.get("show")
    return show if show in SHOWS else "waiting"


@director_required
@require_safe
def queue(request):
    return _queue(request, show=_show(request))


@director_required
@require_POST
def verify(request, pk: int):
    licence = get_object_or_404(Licence.objects.select_related("user"), pk=pk)
    form = _verify_form(licence, request.POST)
    form.licence_pk = licence.pk
    if form.is_valid():
        try:
            services.licence_verify(
                licence=licence,
                by=request.user,
                checked_on=form.cleaned_data["checked_on"],
                seen=form.cleaned_data["seen"] or None,
            )
        except ValidationError as error:
            if getattr(error, "code", None) == "changed":  # show it as it is now
                messages.error(request, error.message)
                return redirect(_back(_show(request)))
            form.add_error(None, error)
        else:
            messages.success(
                request, f"Licence of {licence.user.get_display_name()} verified."
            )
            return redirect(_back(_show(request)))
    messages.error(
        request,
        f"The licence of {licence.user.get_display_name()} was not verified: "
        "see the form below.",
    )
    return _queue(request, show=_show(request), bound=form, status=400)


@director_required
@require_POST
def unverify(request, pk: int):
    licence = get_object_or_404(Licence.objects.select_related("user"), pk=pk)
    services.licence_unverify(licence=licence, by=request.user)
    messages.success(
        request,
        f"Verification of {licence.user.get_display_name()}'s licence taken back.",
    )
    return redirect(_back(_show(request)))


@director_required
@require_POST
def decline(request, pk: int):
    """She looked it up and could not verify it; the member reads why."""
    licence = get_object_or_404(Licence.objects.select_related("user"), pk=pk)
    reason = request.POST.get(f"licence-{licence.pk}-reason", "")
    try:
        services.licence_decline(licence=licence, by=request.user, reason=reason)
    except ValidationError:
        messages.error(
            request,
            f"Say what {licence.user.get_display_name()} should correct, so they "
            "can fix the licence and send it again.",
        )
        return _queue(request, show=_show(request), status=400)
    messages.success(
        request,
        f"{licence.user.get_display_name()} is told the licence could not be "
        "verified, and why.",
    )
    return redirect(_back(_show(request)))
