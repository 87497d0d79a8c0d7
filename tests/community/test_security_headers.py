"""Content-Security-Policy on every kind of page, and production's cookie flags."""

import json

import pytest
from django.conf import settings
from django.test import Client

from community.csp import wagtail_script_hashes
from tests.community.test_settings import PRODUCTION_ENV, run_python
from tests.courses.conftest import add_video, build_course, lessons_of

pytestmark = pytest.mark.django_db


def script_sources(response) -> list[str]:
    policy = response["Content-Security-Policy"]
    directives = dict(
        (part.split(" ", 1) + [""])[:2] for part in policy.split("; ") if part
    )
    return directives["script-src"].split()


@pytest.fixture
def pages(library):
    course = build_course(library[0], lessons_per_module=(1,))
    video = add_video(library[1])
    return {
        "public": ["/", "/accounts/login/", "/accounts/signup/", "/course/",
                   "/videos/", course.url, "/certificates/", "/join/"],
        "member": ["/", "/forum/", "/sessions/", lessons_of(course)[0].url,
                   video.url, "/account/", "/forum/search/?q=x"],
        "director": ["/forum/moderation/", "/cms/", "/cms/pages/",
                     f"/cms/pages/{video.pk}/edit/",
                     f"/cms/pages/add/courses/videopage/{library[1].pk}/"],
        "admin": ["/django-admin/", "/django-admin/community/user/", "/cms/users/"],
    }  # fmt: skip


def test_every_kind_of_page_allows_scripts_from_this_site_only(
    pages, member, director, site_admin
):
    users = {"public": None, "member": member, "director": director,
             "admin": site_admin}  # fmt: skip
    checked = 0
    for kind, urls in pages.items():
        client = Client()
        if users[kind]:
            client.force_login(users[kind])
        for url in urls:
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)
            sources = script_sources(response)
            assert sources[0] == "'self'", (url, sources)
            assert "'unsafe-inline'" not in sources, url
            assert "'unsafe-eval'" not in sources, url
            for extra in sources[1:]:
                assert extra.startswith("'sha256-"), (url, extra)
            checked += 1
    assert checked == sum(len(urls) for urls in pages.values())


def test_wagtail_editor_scripts_are_allowed_by_hash_and_nothing_else(
    client, director, library
):
    video = add_video(library[1])
    client.force_login(director)
    response = client.get(f"/cms/pages/{video.pk}/edit/")
    html = response.content.decode()
    assert 'initDateChooser("id_recorded_on"' in html
    hashes = wagtail_script_hashes(html)
    assert hashes and all(h in script_sources(response) for h in hashes)


@pytest.mark.parametrize(
    "script",
    [
        "alert(1)",
        'initDateChooser("id_x", {"a": 1}); alert(1);',
        'initDateChooser("id_x", {"a": alert(1)});',
        'new DocumentChooser("id_x", {}); fetch("/steal");',
        '(function() { var panel = new InlinePanel(JSON.parse("x")); })(); alert(1)',
        'initDateChooser("id_x" + alert(1), {});',
    ],
)
def test_an_injected_script_is_never_hashed(script):
    assert wagtail_script_hashes(f"<p>x</p><script>{script}</script>") == []


def test_wagtails_own_initialisers_are_hashed():
    options = json.dumps(json.dumps({"formsetPrefix": "id_lines"}))[1:-1]
    scripts = [
        'initDateChooser("id_day", {"dayOfWeekStart": 0, "format": "Y-m-d"});',
        'new PageChooser("id_page", {"modelNames": ["wagtailcore.page"]});',
        "(function() {\n    var panel = new InlinePanel(JSON.parse("
        f'"{options}"));\n}})();',
    ]
    html = "".join(f"<script>{script}</script>" for script in scripts)
    assert len(wagtail_script_hashes(html)) == 3


def test_production_cookies_are_secure_http_only_and_same_site():
    result = run_python(
        "import django, json; django.setup(); from django.conf import settings as s; "
        "print(json.dumps([s.SESSION_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY, "
        "s.SESSION_COOKIE_SAMESITE, s.CSRF_COOKIE_SECURE, s.CSRF_COOKIE_HTTPONLY, "
        "s.CSRF_COOKIE_SAMESITE]))",
        PRODUCTION_ENV,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == [True, True, "Lax", True, True, "Lax"]


def test_the_session_cookie_is_sent_http_only_and_same_site(client, member):
    from tests.community.factories import PASSWORD

    response = client.post(
        "/accounts/login/", {"login": member.email, "password": PASSWORD}
    )
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"


@pytest.mark.parametrize("path", ["/cms/", "/django-admin/"])
def test_someone_signed_in_without_admin_rights_gets_a_403_not_a_loop(
    client, member, path
):
    client.force_login(member)
    response = client.get(path, follow=True)
    assert response.status_code == 403
    assert len(response.redirect_chain) <= 2


def test_wagtails_front_end_login_form_is_the_one_sign_in(client, site_admin):
    response = client.get("/_util/login/?next=/cms/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    # Its own form, which skipped two-factor and rate limits, takes no password.
    from tests.community.factories import PASSWORD

    client.post("/_util/login/", {"username": site_admin.email, "password": PASSWORD})
    assert "_auth_user_id" not in client.session


def test_a_malformed_admin_post_is_a_400_and_changes_nothing(client, director, library):
    from courses.models import LessonPage
    from tests.courses.conftest import build_course

    module = build_course(library[0], lessons_per_module=(1,)).get_children().first()
    client.force_login(director)
    before = LessonPage.objects.count()
    response = client.post(
        f"/cms/pages/add/courses/lessonpage/{module.pk}/", {"title": "No body"}
    )
    assert response.status_code == 400
    assert "The form could not be used" in response.content.decode()
    assert LessonPage.objects.count() == before
