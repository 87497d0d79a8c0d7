"""The session picker on a library video's CMS form names each session by its
start in the CMS user's own time zone (their account's), not in UTC."""

import html
import re
from datetime import UTC, datetime, timedelta

import pytest
from wagtail.test.utils.form_data import nested_form_data, rich_text

from courses.models import VideoPage
from sessions.models import CoachingSession
from tests.community import factories
from tests.courses.conftest import add_video

pytestmark = pytest.mark.django_db


def make_session(title, starts_at):
    return CoachingSession.objects.create(
        title=title,
        starts_at=starts_at,
        questions_close_at=starts_at - timedelta(hours=48),
        meeting_url="https://meet.example.org/coaching",
    )


@pytest.fixture
def sessions(db):
    return (
        make_session("Winter session", datetime(2027, 2, 3, 17, 0, tzinfo=UTC)),
        make_session("Summer session", datetime(2027, 7, 7, 16, 0, tzinfo=UTC)),
    )


def choices(client, url) -> dict[str, str]:
    """The session select's options, value -> label, as the CMS renders them."""
    response = client.get(url)
    assert response.status_code == 200
    text = response.content.decode()
    select = re.search(r'<select name="session".*?</select>', text, re.S).group(0)
    return {
        value: html.unescape(label).strip()
        for value, label in re.findall(
            r'<option value="([^"]*)"[^>]*>(.*?)</option>', select, re.S
        )
    }


def test_the_picker_shows_the_director_s_own_time_zone(client, library, sessions):
    winter, summer = sessions
    video = add_video(library[1], title="A talk")
    client.force_login(factories.director(time_zone="Europe/Berlin"))
    options = choices(client, f"/cms/pages/{video.pk}/edit/")
    assert options[str(winter.pk)] == "Winter session (Wed 3 Feb 2027, 18:00 CET)"
    assert options[str(summer.pk)] == "Summer session (Wed 7 Jul 2027, 18:00 CEST)"
    assert not any("UTC" in label for label in options.values())


def test_each_cms_user_sees_their_own_zone(client, library, sessions):
    winter, _ = sessions
    client.force_login(factories.director(time_zone="America/Chicago"))
    options = choices(client, f"/cms/pages/add/courses/videopage/{library[1].pk}/")
    assert options[str(winter.pk)] == "Winter session (Wed 3 Feb 2027, 11:00 CST)"


def test_the_picker_says_which_zone_it_shows(client, library, sessions):
    client.force_login(factories.director(time_zone="Asia/Tokyo"))
    response = client.get(f"/cms/pages/add/courses/videopage/{library[1].pk}/")
    assert "Times are in your time zone, Asia/Tokyo." in response.content.decode()


def test_a_picked_session_is_saved(client, director, library, sessions):
    winter, _ = sessions
    client.force_login(director)
    url = f"/cms/pages/add/courses/videopage/{library[1].pk}/"
    data = nested_form_data({
        "title": "Winter recording", "slug": "winter-recording",
        "video_url": "https://media.example.org/winter",
        "description": rich_text("<p>The recording.</p>"), "speaker": "Director",
        "duration_minutes": "60", "recorded_on": "2027-02-03", "tags": "",
        "session": str(winter.pk), "action-publish": "action-publish",
    })  # fmt: skip
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    assert VideoPage.objects.get(slug="winter-recording").session == winter


def test_members_cannot_open_the_video_editor(client, member, library, sessions):
    video = add_video(library[1], title="A talk")
    client.force_login(member)
    response = client.get(f"/cms/pages/{video.pk}/edit/")
    assert response.status_code in (302, 403)
    assert "Winter session" not in response.content.decode()
