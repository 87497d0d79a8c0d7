"""The landing page, the layout, error pages and what every page promises."""

import re

import pytest
from django.test import override_settings
from wagtail.models import Page
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from community.models import HomePage

pytestmark = pytest.mark.django_db


def test_landing_page_shows_program_director_price_faq_and_sign_up(client, home_page):
    html = client.get("/").content.decode()
    assert home_page.hero_title in html
    assert 'id="program"' in html and 'id="director"' in html
    assert "Dr. Miriam Okafor" in html
    assert "$89 per month" in html
    assert "Is this supervision?" in html
    assert 'href="/accounts/signup/"' in html


def test_layout_has_landmarks_skip_link_and_main_navigation(client, member, home_page):
    client.force_login(member)
    html = client.get("/").content.decode()
    assert '<a class="skip-link" href="#main">' in html
    assert '<main id="main"' in html
    assert '<nav class="site-nav" aria-label="Main">' in html
    for label in ["Dashboard", "Forum", "Sessions", "Course", "Videos", "Account"]:
        assert f">{label}</a>" in html
    assert 'aria-current="page">Dashboard' in html


def nav_labels(html: str) -> list[str]:
    nav = html.split('aria-label="Main">', 1)[1].split("</nav>", 1)[0]
    return re.findall(r">([^<>]+)</a>", nav)


def test_a_signed_in_non_member_is_offered_only_what_opens_and_join(client, home_page):
    from tests.community import factories

    client.force_login(factories.lapsed_member())
    html = client.get("/").content.decode()
    assert nav_labels(html) == ["Home", "Course", "Videos", "Account"]
    assert ">Join or renew</a>" in html


def test_a_member_gets_no_join_button_in_the_header(client, member, home_page):
    client.force_login(member)
    assert "Join or renew" not in client.get("/").content.decode()


def test_a_consultant_who_is_not_a_member_is_not_asked_to_join(client, home_page):
    from tests.consultations.factories import consultant

    client.force_login(consultant())
    html = client.get("/").content.decode()
    assert "Consultations" in nav_labels(html)
    assert "Join or renew" not in html


@pytest.mark.parametrize(
    "path", ["/", "/accounts/login/", "/accounts/signup/", "/join/"]
)
def test_pages_load_nothing_from_elsewhere(client, home_page, path):
    html = client.get(path).content.decode()
    sources = re.findall(
        r'<(?:script|link|img|iframe)[^>]+(?:src|href)="([^"]+)"', html
    )
    assert sources
    assert all(not s.startswith(("http:", "https:", "//")) for s in sources), sources


def test_static_files_are_served_by_the_app(client):
    # whitenoise serves them (from the finders in tests, from STATIC_ROOT in prod).
    response = client.get("/static/css/site.css")
    assert response.status_code == 200
    assert b"--brand" in b"".join(response.streaming_content)


def test_content_security_policy_allows_no_inline_script(client, home_page):
    policy = client.get("/")["Content-Security-Policy"]
    script_src = re.search(r"script-src ([^;]+)", policy).group(1)
    assert "'unsafe-inline'" not in script_src
    assert "frame-ancestors 'none'" in policy


def test_unknown_url_gets_the_styled_404(client, home_page):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Page not found" in html
    assert 'class="site-header"' in html


@override_settings(DEBUG=False)
def test_server_error_page_is_styled_and_calm(client):
    from django.template.loader import render_to_string

    html = render_to_string("500.html")
    assert "Something went wrong on our side" in html
    assert "/static/css/site.css" in html


def test_csrf_failure_gets_the_styled_page(home_page):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    response = client.post("/accounts/login/", {"login": "a@b.c", "password": "x"})
    assert response.status_code == 403
    assert "This form has expired" in response.content.decode()


def test_admin_edits_the_landing_page_in_wagtail(client, site_admin, home_page):
    client.force_login(site_admin)
    edit_url = f"/cms/pages/{home_page.pk}/edit/"
    assert client.get(edit_url).status_code == 200
    data = nested_form_data(
        {
            "title": home_page.title,
            "slug": home_page.slug,
            "hero_title": "A new headline for visitors",
            "hero_text": "Intro",
            "program_intro": rich_text("<p>Program</p>"),
            "pillars": streamfield([("pillar", {"title": "Live", "text": "Twice"})]),
            "director_name": "Dr. Miriam Okafor",
            "director_title": "Director",
            "director_bio": rich_text("<p>Bio</p>"),
            "price_label": "$99 per month",
            "price_note": "",
            "call_to_action": "Join now",
            "faq": streamfield(
                [("question", {"question": "Why?", "answer": rich_text("<p>So.</p>")})]
            ),
            "action-publish": "action-publish",
        }
    )
    response = client.post(edit_url, data)
    assert response.status_code == 302
    client.logout()
    html = client.get("/").content.decode()
    assert "A new headline for visitors" in html
    assert "$99 per month" in html and "Join now" in html


def test_director_can_edit_pages_but_members_cannot(
    client, director, member, home_page
):
    edit_url = f"/cms/pages/{home_page.pk}/edit/"
    client.force_login(director)
    assert client.get(edit_url).status_code == 200
    client.force_login(member)
    assert client.get(edit_url).status_code in (302, 403)


def test_a_new_install_has_a_landing_page_instead_of_wagtails_welcome(client):
    # Only migrations have run here: no seed_demo.
    html = client.get("/").content.decode()
    assert "An expert colleague for your hardest cases" in html
    assert "Welcome to your new Wagtail site" not in html


def test_only_one_landing_page_can_exist(home_page):
    assert not HomePage.can_create_at(Page.get_first_root_node())
