"""A malformed POST to the two admins gets a 400 page, not a server error.

Wagtail's and Django's admin views (and machina's models there) trust that a
form arrives whole: a missing StreamField count, a missing parent page or an
unchosen forum raises KeyError/AttributeError/ValueError deep in their code.
Only staff reach these views; the exception is still logged with its traceback,
nothing was saved (the request's transaction is rolled back by the view's own
atomic block or was never opened), and the person is told to reload the form.

Only those third-party views are covered, recognised by the module of the view
that the URL resolved to (``THIRD_PARTY_VIEW_MODULES``). Our own admin views,
including our subclasses of Wagtail's generic views, validate their input: a
KeyError there is our bug, and it raises as usual so that it is seen and fixed.
"""

import inspect
import logging

from django.core.exceptions import ObjectDoesNotExist
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme

from community.csp import ADMIN_PREFIXES

logger = logging.getLogger(__name__)
MALFORMED_INPUT_ERRORS = (KeyError, AttributeError, ValueError, ObjectDoesNotExist)
# Where the views live that trust their forms: Wagtail's, Django admin's (with the
# user admin's password views) and machina's admin views.
THIRD_PARTY_VIEW_MODULES = (
    "wagtail.",
    "django.contrib.admin.",
    "django.contrib.auth.admin",
    "machina.",
)


def view_module(request) -> str:
    """The module that defines the view the request resolved to: the class of a
    class-based view, under the decorators Wagtail and Django's admin wrap it in."""
    match = getattr(request, "resolver_match", None)
    if match is None:
        return ""
    view = inspect.unwrap(match.func)
    view = getattr(view, "view_class", view)
    return getattr(view, "__module__", None) or ""


def is_third_party_view(request) -> bool:
    return view_module(request).startswith(THIRD_PARTY_VIEW_MODULES)


class AdminMalformedPostMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if request.method != "POST" or not request.path_info.startswith(ADMIN_PREFIXES):
            return None
        if not isinstance(exception, MALFORMED_INPUT_ERRORS):
            return None
        if not is_third_party_view(request):
            return None
        logger.exception("Malformed admin POST to %s", request.path_info)
        back = request.headers.get("Referer", "")
        if not url_has_allowed_host_and_scheme(
            back, allowed_hosts={request.get_host()}
        ):
            back = request.path_info
        return render(request, "400.html", {"back": back}, status=400)
