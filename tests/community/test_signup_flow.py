"""Sign-up to first page (issue #19): confirming the email signs the new member in
and takes them to Join, or to the dashboard when an admin already granted a
complimentary membership; the page that waits for the email sends it again."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse

from community.models import User
from community.views import verification
from memberships.services import membership_grant_comp
from tests.community import factories

pytestmark = pytest.mark.django_db

EMAIL = "new.member@example.org"
WAITING = reverse("account_email_verification_sent")
SEND_AGAIN = reverse("account:verification-send-again")


def sign_up(client, **overrides):
    return client.post(
        reverse("account_signup"),
        {
            "email": EMAIL,
            "display_name": "New M.",
            "time_zone": "UTC",
            "password1": factories.PASSWORD,
            "password2": factories.PASSWORD,
            **overrides,
        },
    )


def link_in(message) -> str:
    match = re.search(r"http://testserver(/\S+)", message.body)
    assert match, message.body
    return match.group(1)


def test_confirming_signs_in_and_lands_on_join(client):
    assert sign_up(client)["Location"] == WAITING
    response = client.post(link_in(mail.outbox[-1]))
    assert response.status_code == 302
    assert response["Location"] == reverse("memberships:join")
    assert client.session["_auth_user_id"] == str(User.objects.get(email=EMAIL).pk)


def test_confirming_with_a_comp_already_granted_lands_on_the_dashboard(client):
    sign_up(client)
    membership_grant_comp(
        user=User.objects.get(email=EMAIL), until=None, note="Invited speaker"
    )
    response = client.post(link_in(mail.outbox[-1]))
    assert response["Location"] == "/"
    assert "Next coaching session" in client.get("/").content.decode()


def test_the_waiting_page_offers_send_again_without_script(client):
    sign_up(client)
    html = client.get(WAITING).content.decode()
    assert "Verify your email address" in html
    assert f'action="{SEND_AGAIN}"' in html
    assert re.search(r'<button[^>]*type="submit"[^>]*>\s*Send again\s*</button>', html)


def test_send_again_sends_a_second_working_link(client, settings):
    sign_up(client)
    # allauth's rate limit allows one email per address every three minutes.
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "confirm_email": ""}
    response = client.post(SEND_AGAIN, follow=True)
    assert response.redirect_chain[-1][0] == WAITING
    assert verification.SENT_AGAIN in response.content.decode()
    assert len(mail.outbox) == 2
    assert mail.outbox[-1].to == [EMAIL]
    response = client.post(link_in(mail.outbox[-1]))
    assert response["Location"] == reverse("memberships:join")
    assert EmailAddress.objects.get(email=EMAIL).verified


def test_send_again_at_once_is_held_back_by_the_rate_limit(client):
    sign_up(client)
    response = client.post(SEND_AGAIN, follow=True)
    assert verification.TOO_SOON in response.content.decode()
    assert len(mail.outbox) == 1


def test_send_again_with_no_sign_up_in_this_browser_asks_to_sign_in(client):
    response = client.post(SEND_AGAIN, follow=True)
    assert response.redirect_chain[-1][0] == reverse("account_login")
    assert verification.NOTHING_PENDING in response.content.decode()
    assert len(mail.outbox) == 0


def test_send_again_is_a_post(client):
    assert client.get(SEND_AGAIN).status_code == 405


def test_send_again_for_an_address_that_has_an_account_reads_the_same(client):
    """Enumeration: the page must not tell who has an account."""
    factories.UserFactory(email=EMAIL)
    assert sign_up(client)["Location"] == WAITING
    html = client.get(WAITING).content.decode()
    assert "Send again" in html
    response = client.post(SEND_AGAIN, follow=True)
    assert response.redirect_chain[-1][0] == WAITING
