"""``/account/``: profile, notification settings, data export and account deletion."""

import json

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from community.forms import AccountDeleteForm, NotificationPreferencesForm, ProfileForm
from community.selectors import notification_preferences_for, user_data_export
from community.services import user_delete_account
from memberships.selectors import membership_for


@login_required
@require_http_methods(["GET", "POST"])
def profile(request):
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST":
        if form.is_valid():
            form.save()
            messages.success(request, "Your profile is saved.")
            return redirect("account:profile")
        messages.error(request, "Please correct the fields marked below.")
    return render(
        request,
        "community/account/profile.html",
        {"form": form, "membership": membership_for(user=request.user)},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def notifications(request):
    preferences = notification_preferences_for(user=request.user)
    form = NotificationPreferencesForm(request.POST or None, instance=preferences)
    if request.method == "POST":
        if form.is_valid():
            form.save()
            messages.success(request, "Your notification settings are saved.")
            return redirect("account:notifications")
        messages.error(request, "Please correct the fields marked below.")
    return render(
        request,
        "community/account/notifications.html",
        {"form": form},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def data_export(request):
    if request.method == "GET":
        return render(request, "community/account/export.html")
    data = user_data_export(user=request.user)
    data["exported_at"] = timezone.now().isoformat()
    stamp = timezone.now().strftime("%Y-%m-%d")
    response = HttpResponse(
        json.dumps(data, indent=2, ensure_ascii=False),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="my-data-{stamp}.json"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def delete_account(request):
    form = AccountDeleteForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        user_delete_account(user=request.user)
        logout(request)
        messages.success(request, "Your account is deleted. Thank you for being here.")
        return redirect("/")
    return render(
        request,
        "community/account/delete.html",
        {"form": form},
        status=400 if form.errors else 200,
    )
