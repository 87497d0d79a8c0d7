"""A malformed POST to the two admins gets a 400 page, not a server error.

Wagtail's and Django's admin views (and machina's models there) trust that a
form arrives whole: a missing StreamField count, a missing parent page or an
unchosen forum raises KeyError/AttributeError/ValueError deep in their code.
Only staff reach these views; the exception is still logged with its traceback,
nothing was saved (the request's transaction is rolled back by the view's own
atomic block or was never opened), and the person is told to reload the form.
"""

import logging

from django.core.exceptions import ObjectDoesNotExist
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme

from community.csp import ADMIN_PREFIXES

logger = logging.getLogger(__name__)
MALFORMED_INPUT_ERRORS = (KeyError, AttributeError, ValueError, ObjectDoesNotExist)


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
        logger.exception("Malformed admin POST to %s", request.path_info)
        back = request.headers.get("Referer", "")
        if not url_has_allowed_host_and_scheme(
            back, allowed_hosts={request.get_host()}
        ):
            back = request.path_info
        return render(request, "400.html", {"back": back}, status=400)
