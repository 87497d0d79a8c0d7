"""The demo's own video files: small, playable offline, seeded as the library's
uploads, and paired with the past sessions they are the recordings of."""

import struct

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.documents.models import Document
from wagtail.images.models import Image

from community.models import User
from courses.demo_data import DEMO_DIR, load_videos
from courses.models import VideoPage
from sessions.models import CoachingSession, Question

MEDIA = DEMO_DIR / "media"


def mp4_seconds(data: bytes) -> float:
    """The length that an MP4's movie header (``mvhd``) states."""
    at = data.index(b"mvhd")
    if data[at + 4] == 0:
        timescale, duration = struct.unpack(">II", data[at + 16 : at + 24])
    else:
        (timescale,) = struct.unpack(">I", data[at + 24 : at + 28])
        (duration,) = struct.unpack(">Q", data[at + 28 : at + 36])
    return duration / timescale


def uploads() -> list[dict]:
    return [video for video in load_videos() if video["upload"]]


def test_the_demo_ships_two_or_three_small_videos_that_seek_before_they_load():
    videos = uploads()
    assert 2 <= len(videos) <= 3
    for video in videos:
        data = video["upload"].read_bytes()
        assert len(data) < 1_000_000, video["upload"].name
        assert data[4:8] == b"ftyp"
        # "faststart": the index comes first, so a player can seek at once.
        assert data.index(b"moov") < data.index(b"mdat")
        assert round(mp4_seconds(data) / 60) == video["minutes"], video["slug"]
        poster = video["poster"].read_bytes()
        assert poster[:3] == b"\xff\xd8\xff" and len(poster) < 100_000


def test_every_file_in_the_media_folder_is_used():
    named = {v["upload"].name for v in uploads()} | {
        v["poster"].name for v in load_videos() if v["poster"]
    }
    shipped = {p.name for p in MEDIA.iterdir() if p.suffix in {".mp4", ".jpg"}}
    assert shipped == named


def test_each_session_recording_names_its_session():
    paired = [video for video in load_videos() if video["session"]]
    assert len(paired) == 2
    for video in paired:
        assert video["upload"] is not None and video["title"] == video["session"]


@pytest.mark.django_db
def test_seeded_recordings_play_offline_from_the_minute_of_each_answer(
    client, settings, private_media
):
    settings.DEBUG = True  # seed_demo is for development only
    for _run in range(2):
        call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    # Seeding twice uploads nothing twice.
    assert Document.objects.filter(title__startswith="Demo: ").count() == 3
    assert Image.objects.filter(title__startswith="Demo: ").count() == 3

    client.force_login(User.objects.get(email="dana@example.com"))
    library = VideoPage.objects.live().get(slug="group-coaching-first-ten-minutes")
    pictures = sum(
        client.get(library.get_parent().url, {"page": number})
        .content.decode()
        .count('<img class="video-card__thumb"')
        for number in (1, 2)
    )
    assert pictures == 3  # the posters; the other videos show the placeholder

    past = CoachingSession.objects.filter(status=CoachingSession.Status.DONE)
    assert past.count() == 2
    for session in past:
        video = VideoPage.objects.live().get(session=session)
        assert video.title == session.title and video.plays_inline
        assert video.recorded_on == timezone.localdate(session.starts_at)
        assert "example.org" not in session.recording_url
        assert session.recording_url.endswith(video.url)
        detail = reverse("coaching_sessions:detail", args=[session.pk])
        page = client.get(detail).content.decode()
        answered = Question.objects.filter(
            session=session, status=Question.Status.ANSWERED
        )
        assert answered
        for question in answered:
            minute = question.recording_minute
            assert 0 < minute < video.duration_minutes
            link = f"{video.url}?t={minute}m"
            assert f'href="{link}">watch from minute {minute}</a>' in page
            player = client.get(link).content.decode()
            assert f'src="{video.media.url}#t={minute * 60}"' in player
        response = client.get(video.media.url, HTTP_RANGE="bytes=0-99")
        assert response.status_code == 206
        assert response["Content-Type"] == "video/mp4"
