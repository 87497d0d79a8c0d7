"""allauth's pages speak as the site does (issue #19): sentence case ("Sign in",
"Remember me"), not allauth's title case ("Sign In", "Remember Me:").

The words come from allauth's templates and forms through Django's translation
catalog: ``community/locale/en`` gives them our case, for every template at once
(``LOCALE_PATHS``). Each page below is rendered and its title, headings, labels,
buttons and links are read: no word after the first may start with a capital,
other than the product's name and abbreviations.
"""

import re
from html import unescape

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext

from tests.community import factories

pytestmark = pytest.mark.django_db

# Words that keep their capital wherever they stand.
PROPER = set(settings.COMMUNITY_NAME.split()) | {"I", "Join"}
ELEMENTS = r"title|h1|h2|h3|h4|legend|label|button|a|summary|th"

VISITOR_PAGES = [
    "account_login",
    "account_signup",
    "account_reset_password",
    "account_reset_password_done",
    "account_email_verification_sent",
    "account_inactive",
]
MEMBER_PAGES = [
    "account_email",
    "account_change_password",
    "account_logout",
    "account_reauthenticate",
    "mfa_index",
    "mfa_activate_totp",
    "mfa_list_webauthn",
    "mfa_add_webauthn",
]


def title_case_in(html: str) -> list[str]:
    """The phrases of a page's own part (and its title) in title case."""
    html = re.sub(r"(?s)<(script|style|select)\b.*?</\1>", "", html)
    title = re.search(r"(?s)<title>(.*?)</title>", html)
    main = re.search(r"(?s)<main\b.*?</main>", html)
    parts = [title.group(1) if title else "", main.group(0) if main else html]
    found = []
    for part in parts:
        for match in re.finditer(rf"(?s)<({ELEMENTS})\b[^>]*>(.*?)</\1>", part):
            found += _title_cased(match.group(2))
        if part is parts[0]:
            found += _title_cased(part)
    return found


def _title_cased(fragment: str) -> list[str]:
    text = unescape(re.sub(r"<[^>]+>", " ", fragment))
    found = []
    for sentence in re.split(r"[.!?:·|]\s+|\n", text):
        words = re.findall(r"[A-Za-z][\w'’-]*", sentence)
        for word in words[1:]:
            if word[0].isupper() and not word.isupper() and word not in PROPER:
                found.append(sentence.strip())
                break
    return found


def _check(client, names):
    problems = {}
    for name in names:
        response = client.get(reverse(name))
        assert response.status_code == 200, (name, response.status_code)
        found = title_case_in(response.content.decode())
        if found:
            problems[name] = found
    assert not problems, problems


def test_the_visitor_pages_are_in_sentence_case(client):
    _check(client, VISITOR_PAGES)


def test_the_account_pages_are_in_sentence_case(client):
    client.force_login(factories.member())
    _check(client, MEMBER_PAGES)


def test_the_two_factor_pages_with_an_app_are_in_sentence_case(client):
    user = factories.director()  # with an authenticator app
    client.force_login(user)
    client.post(reverse("mfa_generate_recovery_codes"))
    _check(
        client,
        ["mfa_index", "mfa_deactivate_totp", "mfa_view_recovery_codes"],
    )
    assert TOTP  # the app is active: its pages are the "deactivate" ones


def test_the_sign_in_form_says_remember_me_in_sentence_case(client):
    html = client.get(reverse("account_login")).content.decode()
    assert "Remember me" in html
    assert "Remember Me" not in html
    assert re.search(r"<button[^>]*>\s*Sign in\s*</button>", html)


def test_the_sign_up_page_says_sign_up(client):
    html = client.get(reverse("account_signup")).content.decode()
    assert re.search(r"<button[^>]*>\s*Sign up\s*</button>", html)
    assert "Sign Up" not in html and "Signup" not in html


def test_the_catalog_is_compiled():
    """The .mo file is what Django reads: a .po edited without
    ``compilemessages`` would silently bring the title case back."""
    assert gettext("Sign In") == "Sign in"
    assert gettext("Remember Me") == "Remember me"
    assert gettext("Verify Your Email Address") == "Verify your email address"


def test_the_checker_catches_title_case():
    assert title_case_in("<main><h1>Sign In</h1></main>") == ["Sign In"]
    assert title_case_in("<main><h1>Sign in to Coaching Community</h1></main>") == []
