"""A library video opened at a time: ``?t=`` starts the player there (without
script), and a session's recording links open the library page at each minute."""

from datetime import timedelta

import pytest
from django.core.files import File
from django.urls import reverse
from django.utils import timezone
from wagtail.documents.models import Document

from courses.demo_data import DEMO_DIR
from courses.video_player import at_seconds, parse_start_time
from sessions.models import CoachingSession, Question
from tests.courses.conftest import add_video

pytestmark = pytest.mark.django_db
DEMO_FILE = DEMO_DIR / "media" / "three-closing-questions.mp4"


@pytest.fixture
def uploaded(settings, tmp_path):
    """A short demo video, uploaded to a private folder of the test's own."""
    default = settings.STORAGES["default"]
    settings.PRIVATE_MEDIA_ROOT = settings.SENDFILE_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {**default, "OPTIONS": {**default["OPTIONS"], "location": tmp_path}},
    }
    document = Document(title="Three questions")
    with DEMO_FILE.open("rb") as handle:
        document.file.save(DEMO_FILE.name, File(handle), save=True)
    return document


@pytest.fixture
def video(library, uploaded):
    return add_video(
        library[1], title="Closing questions", video_url="", media=uploaded,
        duration_minutes=9,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("value", "seconds"),
    [("120", 120), ("2m", 120), ("1m30s", 90), ("90s", 90), ("1h2m3s", 3723),
     ("2M", 120), (" 45 ", 45), ("", None), (None, None), ("0", None),
     ("abc", None), ("-5", None), ("2m-1", None), ("9" * 40, None),
     ("2h", None), ("7200", None)],
)  # fmt: skip
def test_start_times_are_read_or_ignored(value, seconds):
    """Two hours long: two hours is the end, and past it is ignored."""
    assert parse_start_time(value, longest_seconds=2 * 3600) == seconds


def test_a_clock_reads_as_a_player_shows_it():
    assert at_seconds(125) == "2:05"
    assert at_seconds(3723) == "1:02:03"


@pytest.mark.parametrize("t", ["120", "2m"])
def test_the_player_starts_at_the_time_asked(client, member, video, uploaded, t):
    client.force_login(member)
    response = client.get(video.url, {"t": t})
    html = response.content.decode()
    assert response.status_code == 200
    assert f'src="{uploaded.url}#t=120"' in html
    assert "Starts at 2:00." in html
    assert f'<a href="{video.url}">Watch from the beginning</a>' in html
    assert "js/video-player.js" in html


@pytest.mark.parametrize("t", ["soon", "99999", "<script>", "1h"])
def test_a_start_time_that_cannot_be_used_plays_from_the_start(
    client, member, video, uploaded, t
):
    client.force_login(member)
    response = client.get(video.url, {"t": t})
    html = response.content.decode()
    assert response.status_code == 200
    assert f'src="{uploaded.url}"' in html
    assert "Starts at" not in html


@pytest.mark.parametrize("role", ["visitor", "lapsed"])
def test_non_members_get_no_player_at_any_time(as_role, role, video, uploaded):
    client, _user = as_role(role)
    response = client.get(video.url, {"t": "120"})
    assert uploaded.url not in response.content.decode()
    assert response.status_code in (302, 403)


def test_the_video_file_answers_a_seek_with_a_range(client, member, uploaded):
    """What the player asks when it starts at a minute: part of the file."""
    client.force_login(member)
    response = client.get(uploaded.url, HTTP_RANGE="bytes=1000-1999")
    assert response.status_code == 206
    assert response["Content-Range"].endswith(f"/{DEMO_FILE.stat().st_size}")
    assert len(b"".join(response.streaming_content)) == 1000


@pytest.fixture
def recorded_session(member):
    start = timezone.now() - timedelta(days=3)
    session = CoachingSession.objects.create(
        title="Group coaching: Shame",
        starts_at=start,
        questions_close_at=start - timedelta(days=1),
        status=CoachingSession.Status.DONE,
        recording_url="https://videos.example.org/rec/4",
    )
    Question.objects.create(
        session=session, author=member, title="Endings", body="B",
        status=Question.Status.ANSWERED, agenda_position=1, recording_minute=2,
    )  # fmt: skip
    return session


def test_the_session_page_opens_the_library_video_at_each_answer(
    client, member, library, uploaded, recorded_session
):
    video = add_video(
        library[1], title="Shame, recorded", video_url="", media=uploaded,
        duration_minutes=9, session=recorded_session,
    )  # fmt: skip
    client.force_login(member)
    detail = reverse("coaching_sessions:detail", args=[recorded_session.pk])
    html = client.get(detail).content.decode()
    assert f'href="{video.url}?t=2m">watch from minute 2</a>' in html
    assert f'<a class="button" href="{video.url}">Watch the recording</a>' in html
    assert "videos.example.org" not in html
    # Followed, the link plays the library's file from that minute.
    player = client.get(f"{video.url}?t=2m").content.decode()
    assert f'src="{uploaded.url}#t=120"' in player


def test_an_unpublished_library_video_leaves_the_recording_link_as_it_was(
    client, member, library, uploaded, recorded_session
):
    video = add_video(
        library[1], title="Draft", video_url="", media=uploaded,
        duration_minutes=9, session=recorded_session,
    )  # fmt: skip
    video.unpublish()
    client.force_login(member)
    detail = reverse("coaching_sessions:detail", args=[recorded_session.pk])
    html = client.get(detail).content.decode()
    recording = reverse("coaching_sessions:recording", args=[recorded_session.pk])
    assert f'href="{recording}?minute=2"' in html
    assert video.url not in html
