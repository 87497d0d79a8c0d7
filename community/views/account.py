"""``/account/``: profile, notification settings, data export and account deletion.

Downloading everything and deleting the account ask again for the password or
the second factor (allauth's reauthentication: a few minutes after a confirmation
it does not ask again), so that a session left open on a shared computer is not
enough. The pages themselves show without it; the action is what asks.
"""

import json

from allauth.account.decorators import reauthentication_required
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from community import data_rights
from community.downloads import file_download
from community.forms import AccountDeleteForm, NotificationPreferencesForm, ProfileForm
from community.selectors import notification_preferences_for
from community.services import user_delete_account
from memberships.selectors import membership_for


def _edit(request, form, *, template: str, saved: str, redirect_to: str, **context):
    """Show a settings form; save it, or show it again with what was typed."""
    if request.method == "POST":
        if form.is_valid():
            form.save()
            messages.success(request, saved)
            return redirect(redirect_to)
        messages.error(request, "Please correct the fields marked below.")
    status = 400 if form.errors else 200
    return render(request, template, {"form": form, **context}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def profile(request):
    return _edit(
        request,
        ProfileForm(request.POST or None, instance=request.user),
        template="community/account/profile.html",
        saved="Your profile is saved.",
        redirect_to="account:profile",
        membership=membership_for(user=request.user),
    )


@login_required
@require_http_methods(["GET", "POST"])
def notifications(request):
    preferences = notification_preferences_for(user=request.user)
    return _edit(
        request,
        NotificationPreferencesForm(request.POST or None, instance=preferences),
        template="community/account/notifications.html",
        saved="Your notification settings are saved.",
        redirect_to="account:notifications",
    )


@login_required
@require_http_methods(["GET", "POST"])
@reauthentication_required(allow_get=True)
def data_export(request):
    if request.method == "GET":
        return render(request, "community/account/export.html")
    data = data_rights.export_all(user=request.user)
    data["exported_at"] = timezone.now().isoformat()
    stamp = timezone.now().strftime("%Y-%m-%d")
    return file_download(
        json.dumps(data, indent=2, ensure_ascii=False),
        filename=f"my-data-{stamp}.json",
        content_type="application/json; charset=utf-8",
    )


@login_required
@require_http_methods(["GET", "POST"])
@reauthentication_required(allow_get=True)
def delete_account(request):
    data = request.POST if request.method == "POST" else None  # {} is a POST too
    form = AccountDeleteForm(data)
    if request.method == "POST" and form.is_valid():
        try:
            user_delete_account(user=request.user)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            logout(request)
            messages.success(
                request, "Your account is deleted. Thank you for being here."
            )
            return redirect("/")
    return render(
        request,
        "community/account/delete.html",
        {"form": form},
        status=400 if form.errors else 200,
    )
