"""The admin bad-input guard speaks for the third-party admin views only: a
malformed POST to Wagtail's views is a 400 page, while an error raised in one of
our own admin views is our bug and raises as usual."""

import pytest
from django.urls import resolve

from community.admin_guard import is_third_party_view
from memberships.models import StripeEvent

pytestmark = pytest.mark.django_db


class _Resolved:
    def __init__(self, path):
        self.resolver_match = resolve(path)


@pytest.mark.parametrize(
    "path",
    [
        "/cms/pages/3/edit/",
        "/cms/memberships/plans/new/",  # Wagtail's own generic view, not subclassed
        "/django-admin/memberships/membership/1/change/",
        "/django-admin/community/user/1/password/",
        "/django-admin/forum/forum/1/move-forum/up/",  # machina's admin view
    ],
)
def test_wagtails_djangos_and_machinas_admin_views_are_guarded(path):
    assert is_third_party_view(_Resolved(path))


@pytest.mark.parametrize(
    "path",
    [
        "/cms/memberships/members/grant/",
        "/cms/memberships/stripe-events/1/process-again/",
        "/cms/coaching/sessions/edit/1/",  # our subclass of Wagtail's EditView
        "/cms/coaching/sessions/cancel/1/",
        "/cms/coaching/schedule/top-up/",
    ],
)
def test_our_own_admin_views_are_not_guarded(path):
    assert not is_third_party_view(_Resolved(path))


def test_a_malformed_post_to_a_wagtail_view_is_still_a_400(
    client, site_admin, home_page
):
    client.force_login(site_admin)
    # No "pillars-count": Wagtail's StreamField reads it unchecked (a KeyError).
    response = client.post(f"/cms/pages/{home_page.pk}/edit/", {"title": "Home"})
    assert response.status_code == 400
    assert "The form could not be used" in response.content.decode()
    home_page.refresh_from_db()
    assert home_page.title != "Home"


def test_an_error_in_our_own_admin_view_propagates(client, site_admin, monkeypatch):
    event = StripeEvent.objects.create(
        event_id="evt_guard",
        type="customer.subscription.updated",
        stripe_created="2026-01-05T10:00:00Z",
        payload={"id": "evt_guard"},
    )

    def broken(*, event):
        raise KeyError("customer")

    monkeypatch.setattr("memberships.webhooks.stripe_event_reprocess", broken)
    client.force_login(site_admin)
    client.raise_request_exception = True
    with pytest.raises(KeyError, match="customer"):
        client.post(f"/cms/memberships/stripe-events/{event.pk}/process-again/")
