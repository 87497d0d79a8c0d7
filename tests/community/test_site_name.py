"""Emails name the product, never Django's "example.com" (issue #19): migrate
sets the one Site's name and domain from COMMUNITY_NAME and SITE_URL."""

from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.contrib.sites.models import Site
from django.core import mail
from django.urls import reverse

from community.setup import ensure_site
from tests.community import factories

pytestmark = pytest.mark.django_db


def test_migrate_names_the_site_after_the_product():
    site = Site.objects.get_current()
    assert site.name == settings.COMMUNITY_NAME
    assert site.domain == urlsplit(settings.SITE_URL).netloc


def test_running_it_again_follows_a_changed_address(settings):
    settings.SITE_URL = "https://coaching.example.net"
    ensure_site()
    ensure_site()
    assert Site.objects.count() == 1
    assert Site.objects.get_current().domain == "coaching.example.net"


def test_the_sign_up_and_reset_emails_name_the_product(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("account_signup"),
            {
                "email": "new@example.org",
                "password1": factories.PASSWORD,
                "password2": factories.PASSWORD,
                "display_name": "New Member",
                "time_zone": "UTC",
            },
        )
        member = factories.member()
        client.post(reverse("account_reset_password"), {"email": member.email})
    assert len(mail.outbox) >= 2
    for email in mail.outbox:
        text = email.subject + email.body
        assert "example.com" not in text
        assert settings.COMMUNITY_NAME in text
