"""The member directory's pages: the list with its filters, a profile, its
photo, and the owner's settings.

Members only (``community.access``). A profile that is not listed, or whose
owner has lost member access, is a 404 for everyone but its owner, who always
sees their own, as members would see it. The photo follows the same rule and
leaves through the private-files path (``django-sendfile2``), never from a
public folder.
"""

import mimetypes

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_http_methods, require_safe
from django_sendfile import sendfile

from community.access import (
    has_member_access,
    is_admin,
    is_director,
    member_required,
)
from directory import selectors
from directory.forms import DirectoryFilterForm, DirectoryProfileForm
from directory.models import DirectoryProfile
from directory.services.profiles import directory_profile_update

PAGE_SIZE = 24


@member_required
@require_safe
def directory_list(request):
    form = DirectoryFilterForm(request.GET or None)
    filters = selectors.DirectoryFilters()
    status = 200
    if form.is_bound:
        if form.is_valid():
            data = form.cleaned_data
            filters = selectors.DirectoryFilters(
                q=data["q"],
                modality=data["modality"].pk if data["modality"] else None,
                state=data["state"],
                population=data["population"].pk if data["population"] else None,
                language=data["language"].pk if data["language"] else None,
                accepting_referrals=data["accepting_referrals"],
            )
        else:
            status = 400
    page = None
    cards = []
    if status == 200:
        page = Paginator(
            selectors.directory_profiles(filters=filters), PAGE_SIZE
        ).get_page(request.GET.get("page"))
        cards = [selectors.shown_profile(profile) for profile in page.object_list]
    filtered = form.is_bound and any(
        value not in (None, "", False) for value in filters.__dict__.values()
    )
    return render(
        request,
        "member_directory/list.html",
        {"form": form, "page": page, "cards": cards, "filtered": filtered},
        status=status,
    )


def _viewable(request, pk: int) -> DirectoryProfile:
    """The profile, if the viewer may see it; else a 404."""
    profile = selectors.profile_for(user_id=pk)
    if profile is None:
        raise Http404("No such directory profile.")
    if profile.user_id != request.user.pk and not selectors.is_visible_in_directory(
        profile
    ):
        raise Http404("No such directory profile.")
    return profile


@member_required
@require_safe
def profile_detail(request, pk: int):
    own = pk == request.user.pk
    try:
        profile = _viewable(request, pk)
    except Http404:
        if not own:
            raise
        return render(request, "member_directory/profile.html", {"own": True})
    staff = is_director(request.user) or is_admin(request.user)
    context = {
        "card": selectors.shown_profile(profile, with_numbers=staff),
        "own": own,
        "visible": own and selectors.is_visible_in_directory(profile),
    }
    return render(request, "member_directory/profile.html", context)


@member_required
@require_safe
def profile_photo(request, pk: int):
    profile = _viewable(request, pk)
    own = profile.user_id == request.user.pk
    if not profile.photo or not (profile.show_photo or own):
        raise Http404("No photo.")
    try:
        path = profile.photo.path
    except NotImplementedError:  # pragma: no cover - object storage
        raise Http404("No photo.") from None
    content_type = mimetypes.guess_type(path)[0] or "application/octet-stream"
    response = sendfile(request, path, mimetype=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    patch_cache_control(response, private=True)
    return response


@login_required
@require_http_methods(["GET", "POST"])
def settings_page(request):
    profile = DirectoryProfile.objects.filter(user=request.user).first()
    form = DirectoryProfileForm(
        request.POST or None,
        request.FILES or None,
        instance=profile or DirectoryProfile(user=request.user),
    )
    if request.method == "POST":
        if form.is_valid():
            directory_profile_update(
                user=request.user,
                values=form.profile_values(),
                photo=form.cleaned_data["photo"],
                remove_photo=form.cleaned_data["remove_photo"],
            )
            messages.success(request, "Your directory profile is saved.")
            return redirect("directory-account:profile")
        messages.error(request, "Please correct the fields marked below.")
    return render(
        request,
        "member_directory/settings.html",
        {
            "form": form,
            "profile": profile,
            # Settings are kept without a membership; the directory shows
            # only members, so say why they are not in it now.
            "shown_to_members": has_member_access(request.user),
        },
        status=400 if form.errors else 200,
    )
