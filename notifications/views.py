"""The notification centre: the list (newest first, paginated), opening an
entry (marks it read, then goes to it), mark read, mark all read, and which
kinds to show. Every action is a plain POST; an id that is not the viewer's is
a 404, never someone else's entry."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import (
    require_http_methods,
    require_POST,
    require_safe,
)

from notifications import selectors, services
from notifications.models import Kind, Notification

PAGE_SIZE = 30


@login_required
@require_safe
def centre(request):
    page = Paginator(selectors.entries_for(request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "notifications/centre.html",
        {"page": page, "entries": page.object_list},
    )


def _own(request, pk: int) -> Notification:
    try:
        return services.notification_read(user=request.user, notification_id=pk)
    except Notification.DoesNotExist as missing:
        raise Http404("No such notification.") from missing


@login_required
@require_POST
def open_entry(request, pk: int):
    entry = _own(request, pk)
    if not url_has_allowed_host_and_scheme(entry.url, allowed_hosts=None):
        return redirect("notifications:centre")
    return redirect(entry.url)


@login_required
@require_POST
def mark_read(request, pk: int):
    entry = _own(request, pk)
    if request.headers.get("HX-Request"):
        return render(request, "notifications/_entry.html", {"entry": entry})
    return redirect("notifications:centre")


@login_required
@require_POST
def mark_all_read(request):
    count = services.notifications_read_all(user=request.user)
    messages.success(
        request, f"{count} notification{'s' if count != 1 else ''} marked as read."
    )
    return redirect("notifications:centre")


@login_required
@require_http_methods(["GET", "POST"])
def settings_page(request):
    if request.method == "POST":
        shown = set(request.POST.getlist("show"))
        services.muted_kinds_set(
            user=request.user, muted={kind for kind in Kind.values if kind not in shown}
        )
        messages.success(request, "Your notification settings are saved.")
        return redirect("notifications:settings")
    muted = selectors.muted_kinds(request.user)
    kinds = [
        {"value": value, "label": label, "shown": value not in muted}
        for value, label in Kind.choices
    ]
    return render(request, "notifications/settings.html", {"kinds": kinds})
