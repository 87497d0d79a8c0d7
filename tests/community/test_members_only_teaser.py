"""Members' content tells a refused visitor what it is (issue #19).

A visitor who opens a lesson, video or session is sent to sign in (``next`` kept),
and the sign-in page says "This lesson is for members" with the title, and
offers Join. A signed-in non-member lands on Join, told the same, with "Renew"
if they were a member once. Only the title is shown, never the body; and a
forum topic's title is member content (written by members about cases), so a
topic says only that it is in the members' forum.
"""

import re
from urllib.parse import quote

import pytest
from django.urls import reverse
from machina.apps.forum.models import Forum

from community.teasers import teaser_for_next
from tests.community import factories
from tests.courses.conftest import add_video, build_course, lessons_of
from tests.forum.conftest import make_topic, topic_url
from tests.sessions.conftest import make_session  # noqa: F401 (a fixture)

pytestmark = pytest.mark.django_db

LOGIN = reverse("account_login")
JOIN = reverse("memberships:join")


@pytest.fixture
def lesson(library):
    return lessons_of(build_course(library[0], title="Sleep and mood"))[0]


@pytest.fixture
def video(library):
    return add_video(library[1], title="Pacing in practice")


@pytest.fixture
def coaching_session(make_session):  # noqa: F811
    return make_session(title="January group session", topic="Private agenda blurb")


@pytest.fixture
def topic():
    forum = Forum.objects.get(slug="case-discussions")
    return make_topic(
        forum=forum,
        poster=factories.member(),
        subject="Client with panic at night",
        content="The case itself.",
    )


def sign_in_page_from(client, path):
    """Follow a refusal to the sign-in page, as a browser does."""
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"] == f"{LOGIN}?next={quote(path)}"
    page = client.get(response["Location"])
    assert page.status_code == 200
    return page.content.decode()


def teaser_of(html: str) -> str:
    match = re.search(
        r'(?s)<section class="card members-only-teaser".*?</section>', html
    )
    assert match, "no teaser on the page"
    return match.group(0)


def test_a_visitor_opening_a_lesson_is_told_what_it_is(client, lesson):
    html = sign_in_page_from(client, lesson.url)
    teaser = teaser_of(html)
    assert "This lesson is for members" in teaser
    assert lesson.title in teaser
    assert f'href="{JOIN}"' in teaser
    # The form signs in and goes back to the lesson.
    assert f'name="next" value="{lesson.url}"' in html
    assert "Secret text" not in html


def test_a_visitor_opening_a_video_is_told_what_it_is(client, video):
    teaser = teaser_of(sign_in_page_from(client, video.url))
    assert "This video is for members" in teaser
    assert "Pacing in practice" in teaser
    assert "A description for members" not in teaser


@pytest.mark.parametrize("name", ["detail", "join", "recording"])
def test_a_visitor_opening_a_session_is_told_what_it_is(client, coaching_session, name):
    path = reverse(f"coaching_sessions:{name}", args=[coaching_session.pk])
    html = sign_in_page_from(client, path)
    teaser = teaser_of(html)
    assert "This session is for members" in teaser
    assert "January group session" in teaser
    assert "Private agenda blurb" not in html
    assert "meet.example.org" not in html


def test_a_forum_topic_says_only_that_it_is_in_the_members_forum(client, topic):
    link = reverse("community_forum:topic-link", args=[topic.pk])
    for path in [topic_url(topic), link]:
        html = sign_in_page_from(client, path)
        assert "This topic is in the members&#x27; forum" in teaser_of(html)
        # machina's address carries the slug, which the visitor already has (it
        # comes back only as ``next``); the page itself never names the topic.
        text = html.replace(quote(path, safe=""), "").replace(path, "")
        assert "panic" not in text.lower()
        assert "The case itself" not in html


def test_a_plain_sign_in_has_no_teaser(client, lesson):
    html = client.get(LOGIN).content.decode()
    assert "members-only-teaser" not in html
    # Sign-in always offers the way in for newcomers.
    assert f'href="{JOIN}"' in html


@pytest.mark.parametrize(
    "next_url",
    [
        "https://evil.example/course/",
        "//evil.example/x/",
        "/no/such/page/",
        "/sessions/999999/",
        "not-a-path",
    ],
)
def test_other_next_addresses_say_nothing(client, rf, lesson, next_url):
    request = rf.get(LOGIN, {"next": next_url})
    assert teaser_for_next(request, next_url) is None
    html = client.get(LOGIN, {"next": next_url}).content.decode()
    assert "members-only-teaser" not in html


def test_an_unpublished_lesson_is_not_named(client, lesson):
    lesson.unpublish()
    html = client.get(LOGIN, {"next": lesson.url_path}).content.decode()
    assert "members-only-teaser" not in html
    assert lesson.title not in html


def test_a_signed_up_non_member_is_asked_to_join_naming_the_lesson(
    client, signed_up, lesson
):
    client.force_login(signed_up)
    response = client.get(lesson.url, follow=True)
    assert response.request["PATH_INFO"] == JOIN
    html = response.content.decode()
    assert f"This lesson is for members: {lesson.title}. Join to open it." in html
    assert "Secret text" not in html


def test_a_lapsed_member_is_asked_to_renew(client, lapsed, video, coaching_session):
    client.force_login(lapsed)
    html = client.get(video.url, follow=True).content.decode()
    assert "This video is for members: Pacing in practice. Renew your membership" in (
        html
    )
    path = reverse("coaching_sessions:detail", args=[coaching_session.pk])
    response = client.get(path, follow=True)
    assert response.request["PATH_INFO"] == JOIN
    assert "This session is for members: January group session. Renew" in (
        response.content.decode()
    )


def test_a_lapsed_member_opening_a_topic_is_not_told_its_title(client, lapsed, topic):
    client.force_login(lapsed)
    response = client.get(topic_url(topic), follow=True)
    assert response.request["PATH_INFO"] == JOIN
    html = response.content.decode()
    assert "This topic is in the members&#x27; forum. Renew" in html
    assert "panic" not in html.lower()


def test_members_still_open_the_content(client, member, lesson, coaching_session):
    client.force_login(member)
    assert client.get(lesson.url).status_code == 200
    path = reverse("coaching_sessions:detail", args=[coaching_session.pk])
    assert client.get(path).status_code == 200
