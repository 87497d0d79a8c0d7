"""What the sign-in page says an address is, when a visitor was sent there from
members' content (issue #19): "This lesson is for members", with its title.

The refusal is a plain redirect to sign-in with ``next`` (``access.refuse``), so
this reads ``next`` back: a view decorated with ``member_required(teaser=...)``
answers for itself, and a Wagtail page does through ``members_only_teaser()``.
Nothing is stored, so a reload or a shared sign-in link says the same. Only
what the refusal itself would say is shown (the title of a live page or an
existing session, never a topic's), and anything that does not resolve says
nothing.
"""

from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404
from django.urls import Resolver404, resolve
from django.utils.http import url_has_allowed_host_and_scheme
from wagtail.models import Site

from community.access import MembersOnly


def _page_teaser(request, path: str) -> MembersOnly | None:
    site = Site.find_for_request(request)
    if site is None:
        return None
    components = [part for part in path.split("/") if part]
    try:
        page = site.root_page.specific.route(request, components).page
    except Http404:
        return None
    teaser = getattr(page.specific, "members_only_teaser", None)
    return teaser() if teaser else None


def teaser_for_next(request, next_url: str | None) -> MembersOnly | None:
    if not next_url or not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=False
    ):
        return None
    path = next_url.split("?", 1)[0].split("#", 1)[0]
    if not path.startswith("/"):
        return None
    try:
        match = resolve(path)
    except Resolver404:
        return None
    try:
        teaser = getattr(match.func, "members_only_teaser", None)
        if teaser is not None:
            return teaser(request, *match.args, **match.kwargs)
        if match.url_name == "wagtail_serve":
            return _page_teaser(request, path)
    except (Http404, ObjectDoesNotExist, ValueError, TypeError):
        return None
    return None
