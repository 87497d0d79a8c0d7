"""Error pages in the site's own layout, and the admins' sign-in redirect."""

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme


def csrf_failure(request, reason=""):
    return render(request, "403_csrf.html", {"reason": reason}, status=403)


def site_login_redirect(request):
    """Every login form of the admins leads to the one sign-in (two-factor, limits).

    Someone already signed in who lands here was refused by an admin they may not
    use: a 403 page says so, instead of a loop between the admin and the sign-in.
    """
    next_url = request.GET.get("next", "/")
    if request.user.is_authenticated:
        # Django's admin is for admins alone; the director has /cms/.
        if request.path.startswith("/django-admin/") or next_url.startswith(
            "/django-admin/"
        ):
            raise PermissionDenied(
                "This page is for admins. The program director's tools are in /cms/."
            )
        raise PermissionDenied("This page is for the program director and admins.")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}
    ):
        next_url = "/"
    return redirect_to_login(next_url)
