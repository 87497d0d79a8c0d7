"""A member opens an uploaded library video at a minute: the browser's player
loads the file (by byte ranges), starts there, and marks it watched at the end."""

import re

import pytest
from django.core.files import File
from playwright.sync_api import expect
from wagtail.documents.models import Document

from courses.demo_data import DEMO_DIR
from courses.models import VideoWatch
from tests.browser.conftest import check_accessibility
from tests.community import factories
from tests.courses.conftest import add_video

pytestmark = pytest.mark.django_db(transaction=True)
DEMO_FILE = DEMO_DIR / "media" / "three-closing-questions.mp4"
CURRENT_TIME = "document.getElementById('video-player').currentTime"


@pytest.fixture
def uploaded_video(settings, tmp_path, library):
    default = settings.STORAGES["default"]
    settings.PRIVATE_MEDIA_ROOT = settings.SENDFILE_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {**default, "OPTIONS": {**default["OPTIONS"], "location": tmp_path}},
    }
    document = Document(title="Three questions")
    with DEMO_FILE.open("rb") as handle:
        document.file.save(DEMO_FILE.name, File(handle), save=True)
    return add_video(
        library[1], title="Three closing questions", video_url="", media=document,
        duration_minutes=9,
    )  # fmt: skip


def wait_for_time(page, seconds: float) -> None:
    """Until the player has its metadata and stands within a second of ``seconds``."""
    page.wait_for_function(
        "([at]) => { const v = document.getElementById('video-player');"
        " return v && v.readyState >= 1 && Math.abs(v.currentTime - at) < 1; }",
        arg=[seconds],
    )


def test_the_player_opens_an_uploaded_video_at_the_minute(
    page, sign_in, uploaded_video
):
    member = sign_in(factories.member())

    page.goto(f"{uploaded_video.url}?t=2m")
    expect(page.get_by_text("Starts at 2:00.")).to_be_visible()
    wait_for_time(page, 120)
    assert page.evaluate("document.getElementById('video-player').duration") > 500
    check_accessibility(page, "library video at a minute (member)")

    # "#t=" on the page's own address: the page's script seeks.
    page.goto(f"{uploaded_video.url}#t=3m")
    wait_for_time(page, 180)

    # Played to its end, the video is marked watched without a click.
    page.evaluate(
        "() => { const v = document.getElementById('video-player'); v.muted = true;"
        " v.currentTime = v.duration - 1; return v.play(); }"
    )
    expect(
        page.get_by_role("status").filter(has_text="Marked as watched.")
    ).to_be_visible(timeout=15_000)
    expect(page.get_by_role("button", name="Mark as not watched")).to_be_visible()
    assert VideoWatch.objects.filter(user=member, video=uploaded_video).exists()

    page.goto(uploaded_video.get_parent().url)
    card = page.locator(".video-card").filter(has_text="Three closing questions")
    expect(card.locator(".watched-mark")).to_have_text(re.compile(r"Watched"))
    check_accessibility(page, "video library with a watched mark (member)")
