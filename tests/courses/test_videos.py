"""The video library: filters, search, pagination, embeds that never break."""

import pytest
from wagtail.embeds.models import Embed

from courses.video_library import PER_PAGE
from tests.courses.conftest import VIMEO, add_video, lessons_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def videos(library):
    index = library[1]
    return {
        "short": add_video(
            index, title="Naming the pattern", duration_minutes=9, tags=["ruptures"],
            days_ago=3,
        ),
        "medium": add_video(
            index, title="First sessions", duration_minutes=30, tags=["alliance"],
            description="<p>How the bond forms before any technique.</p>", days_ago=1,
        ),
        "long": add_video(
            index, title="Ending with care", duration_minutes=70,
            tags=["endings", "alliance"], speaker="Dr. Lena Hoffmann", days_ago=2,
        ),
    }  # fmt: skip


def titles(response) -> list[str]:
    return [video.title for video in response.context["videos"]]


def test_newest_first(client, member, library, videos):
    client.force_login(member)
    response = client.get(library[1].url)
    assert titles(response) == [
        "First sessions",
        "Ending with care",
        "Naming the pattern",
    ]


def test_filter_by_tag(client, member, library, videos):
    client.force_login(member)
    response = client.get(library[1].url, {"tag": "alliance"})
    assert titles(response) == ["First sessions", "Ending with care"]
    assert "2 videos match" in response.content.decode()


@pytest.mark.parametrize(
    ("duration", "expected"),
    [("short", ["Naming the pattern"]), ("medium", ["First sessions"]),
     ("long", ["Ending with care"]), ("", ["First sessions", "Ending with care",
                                           "Naming the pattern"])],
)  # fmt: skip
def test_filter_by_length(client, member, library, videos, duration, expected):
    client.force_login(member)
    assert titles(client.get(library[1].url, {"duration": duration})) == expected


def test_search_finds_titles_descriptions_and_speakers(client, member, library, videos):
    client.force_login(member)
    url = library[1].url
    assert titles(client.get(url, {"q": "ending"})) == ["Ending with care"]
    assert titles(client.get(url, {"q": "technique"})) == ["First sessions"]
    assert titles(client.get(url, {"q": "Hoffmann"})) == ["Ending with care"]
    combined = client.get(url, {"q": "sessions", "tag": "ruptures"})
    assert titles(combined) == []
    assert "No video matches these filters" in combined.content.decode()


def test_search_leaves_out_unpublished_videos(client, member, library, videos):
    videos["medium"].unpublish()
    client.force_login(member)
    assert titles(client.get(library[1].url, {"q": "technique"})) == []


def test_unknown_filters_and_pages_are_harmless(client, member, library, videos):
    client.force_login(member)
    for params in ({"duration": "forever"}, {"tag": "<b>x"}, {"page": "abc"},
                   {"page": "999"}, {"q": "x" * 5000}):  # fmt: skip
        response = client.get(library[1].url, params)
        assert response.status_code == 200


def test_pagination_keeps_the_filters(client, member, library):
    for n in range(PER_PAGE + 2):
        add_video(library[1], title=f"Talk {n:02}", tags=["ethics"], days_ago=n)
    client.force_login(member)
    first = client.get(library[1].url, {"tag": "ethics"})
    assert len(first.context["videos"]) == PER_PAGE
    assert "page=2" in first.content.decode() and "tag=ethics" in first.content.decode()
    second = client.get(library[1].url, {"tag": "ethics", "page": 2})
    assert titles(second) == ["Talk 12", "Talk 13"]


def test_a_video_that_cannot_be_fetched_shows_a_link_card(client, member, library):
    video = add_video(library[1], video_url="https://media.example.org/offline-talk")
    client.force_login(member)
    text = client.get(video.url).content.decode()
    assert "The player could not be loaded here" in text
    assert 'href="https://media.example.org/offline-talk"' in text
    assert "<iframe" not in text
    assert not Embed.objects.exists()


def test_a_failed_fetch_is_not_retried_on_every_view(
    client, member, library, mocker=None
):
    from unittest import mock

    video = add_video(library[1], video_url="https://media.example.org/offline-talk")
    client.force_login(member)
    with mock.patch(
        "courses.embeds.get_embed", side_effect=OSError("network is unreachable")
    ) as fetch:
        client.get(video.url)
        client.get(video.url)
    assert fetch.call_count == 1


def test_a_lesson_video_embeds_from_the_provider_answer(client, member, course):
    from courses.models import LessonPage

    lesson = lessons_of(course)[0]
    lesson.body = [
        {"type": "video", "value": {"url": VIMEO, "caption": "Demo"}},
        {
            "type": "video",
            "value": {"url": "https://media.example.org/x", "caption": ""},
        },
    ]
    lesson.save_revision().publish()
    client.force_login(member)
    text = client.get(LessonPage.objects.get(pk=lesson.pk).url).content.decode()
    assert 'src="https://player.vimeo.com/video/76979871?dnt=1"' in text
    assert "<figcaption>Demo</figcaption>" in text
    assert "Open the video on media.example.org" in text


def test_the_page_allows_the_player_frames_and_nothing_else(client, member, library):
    video = add_video(library[1])
    client.force_login(member)
    policy = client.get(video.url)["Content-Security-Policy"]
    assert "frame-src https://player.vimeo.com" in policy
    assert "script-src 'self'" in policy


def test_a_video_needs_an_address_or_a_file(library):
    from django.core.exceptions import ValidationError

    from courses.models import VideoPage

    page = VideoPage(title="Nothing", duration_minutes=5)
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert "video_url" in error.value.message_dict


def test_a_recording_links_back_to_its_session(client, member, library):
    from datetime import timedelta

    from django.utils import timezone

    from sessions.models import CoachingSession

    starts = timezone.now() - timedelta(days=3)
    session = CoachingSession.objects.create(
        title="Group coaching: Shame", starts_at=starts,
        questions_close_at=starts - timedelta(days=2), duration_minutes=90,
        meeting_url="https://meet.example.org/x",
    )  # fmt: skip
    video = add_video(library[1], title="Recording", session=session)
    client.force_login(member)
    assert "Group coaching: Shame" in client.get(video.url).content.decode()
    session_page = client.get(f"/sessions/{session.pk}/").content.decode()
    # Its recording, linked once: "Watch the recording", not also "In the library".
    assert f'href="{video.url}">Watch the recording' in session_page
    assert "In the video library" not in session_page
    other = add_video(library[1], title="Also about shame", session=session)
    session_page = client.get(f"/sessions/{session.pk}/").content.decode()
    # One is the recording, the other is in the library: each linked once.
    assert session_page.count("Watch the recording") == 1
    assert session_page.count(">In the video library<") == 1
    for each in (video, other):
        assert session_page.count(f'href="{each.url}"') == 1


def test_the_dashboard_lists_the_newest_videos(client, member, videos):
    client.force_login(member)
    text = client.get("/").content.decode()
    assert text.index("First sessions") < text.index("Ending with care")
    assert f'href="{videos["medium"].url}"' in text
