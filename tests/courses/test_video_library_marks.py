"""The library's cards: a picture for each video (the poster, the provider's
stored thumbnail, or a placeholder), a "watched" mark for what a member finished,
and a zero-results line that promises no order."""

import io
import json

import pytest
from django.core.files.images import ImageFile
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.embeds.models import Embed
from wagtail.images.models import Image

from community.services import user_delete_account
from courses.models import VideoWatch
from tests.community import factories
from tests.courses.conftest import VIMEO, add_video

pytestmark = pytest.mark.django_db


@pytest.fixture
def poster(private_media):
    buffer = io.BytesIO()
    PILImage.new("RGB", (320, 180), "teal").save(buffer, "JPEG")
    image = Image(title="Poster", file=ImageFile(buffer, name="poster.jpg"))
    image.save()
    return image


@pytest.fixture
def video(library):
    return add_video(library[1], title="First sessions")


def watched_url(video) -> str:
    return reverse("courses:video-watched", args=[video.pk])


def unwatched_url(video) -> str:
    return reverse("courses:video-unwatched", args=[video.pk])


def cards(html: str) -> list[str]:
    return html.split('<li class="video-card">')[1:]


# Watched marks ----------------------------------------------------------------


def test_a_member_marks_a_video_watched_and_the_library_shows_it(
    client, member, library, video
):
    other = add_video(library[1], title="Other talk", days_ago=5)
    client.force_login(member)
    response = client.post(watched_url(video))
    assert response.status_code == 302 and response.url == video.url
    page = client.get(video.url).content.decode()
    assert "“First sessions” is marked as watched." in page
    assert "You have watched this video." in page
    assert "Mark as not watched" in page
    first, second = cards(client.get(library[1].url).content.decode())
    assert 'class="watched-mark"' in first and video.title in first
    assert 'class="watched-mark"' not in second and other.title in second


def test_marking_twice_keeps_one_mark_and_its_first_time(client, member, video):
    client.force_login(member)
    client.post(watched_url(video))
    first = VideoWatch.objects.get().watched_at
    client.post(watched_url(video), HTTP_X_REQUESTED_WITH="fetch")
    assert VideoWatch.objects.get().watched_at == first


def test_the_player_s_post_on_ended_gets_no_page_back(client, member, video):
    client.force_login(member)
    response = client.post(watched_url(video), HTTP_X_REQUESTED_WITH="fetch")
    assert response.status_code == 204
    assert VideoWatch.objects.filter(user=member, video=video).exists()


def test_a_member_takes_the_mark_back(client, member, video):
    client.force_login(member)
    client.post(watched_url(video))
    response = client.post(unwatched_url(video), follow=True)
    html = response.content.decode()
    assert "is no longer marked as watched" in html
    assert "Mark as watched" in html and not VideoWatch.objects.exists()


def test_a_mark_is_the_member_s_own(client, member, library, video):
    client.force_login(member)
    client.post(watched_url(video))
    client.force_login(factories.member())
    html = client.get(library[1].url).content.decode()
    assert 'class="watched-mark"' not in html
    assert "You have watched" not in client.get(video.url).content.decode()


@pytest.mark.parametrize("role", ["visitor", "signed_up", "lapsed"])
def test_only_members_can_mark_videos(as_role, role, video):
    client, _user = as_role(role)
    assert client.post(watched_url(video)).status_code == 403
    assert client.post(unwatched_url(video)).status_code == 403
    assert not VideoWatch.objects.exists()


def test_marks_are_posted_never_got(client, member, video):
    client.force_login(member)
    assert client.get(watched_url(video)).status_code == 405
    assert not VideoWatch.objects.exists()


def test_an_unknown_or_unpublished_video_is_not_found(client, member, video):
    client.force_login(member)
    assert (
        client.post(reverse("courses:video-watched", args=[99999])).status_code == 404
    )
    video.unpublish()
    assert client.post(watched_url(video)).status_code == 404


def test_the_marks_go_with_the_account_and_into_its_export(client, member, video):
    client.force_login(member)
    client.post(watched_url(video))
    data = json.loads(client.post(reverse("account:export")).content)
    assert data["course"]["videos_watched"][0]["video"] == "First sessions"
    user_delete_account(user=member)
    assert not VideoWatch.objects.exists()


# Pictures ---------------------------------------------------------------------


def test_an_uploaded_poster_is_the_card_s_picture(client, member, library, poster):
    add_video(library[1], title="With poster", poster=poster)
    client.force_login(member)
    [card] = cards(client.get(library[1].url).content.decode())
    rendition = poster.get_rendition("fill-480x270")
    assert f'<img class="video-card__thumb" src="{rendition.url}" alt=""' in card


def test_a_provider_thumbnail_is_used_only_when_stored_and_allowed(
    client, member, library, settings, monkeypatch
):
    def no_network(*args, **kwargs):
        raise AssertionError("the library asked a provider at request time")

    monkeypatch.setattr("wagtail.embeds.embeds.get_embed", no_network)
    stored = add_video(library[1], title="Stored", days_ago=1)
    add_video(library[1], title="Never fetched", video_url=VIMEO + "0", days_ago=2)
    Embed.objects.create(
        url=stored.video_url, max_width=None, type="video", html="<iframe></iframe>",
        thumbnail_url="https://i.vimeocdn.com/video/1_640.jpg",
    )  # fmt: skip
    client.force_login(member)
    first, second = cards(client.get(library[1].url).content.decode())
    assert 'src="https://i.vimeocdn.com/video/1_640.jpg"' in first
    assert "video-card__thumb--placeholder" in second
    Embed.objects.update(thumbnail_url="https://tracker.example.net/pixel.jpg")
    first, _second = cards(client.get(library[1].url).content.decode())
    assert "tracker.example.net" not in first
    assert "video-card__thumb--placeholder" in first


def test_the_page_allows_images_from_the_thumbnail_hosts_only(client, member, video):
    client.force_login(member)
    policy = client.get(video.get_parent().url)["Content-Security-Policy"]
    img_src = next(p for p in policy.split(";") if p.strip().startswith("img-src"))
    assert "https://i.vimeocdn.com" in img_src and "https://i.ytimg.com" in img_src
    assert "*" not in img_src


def test_posters_cost_the_same_queries_however_many_videos(
    client, member, library, poster, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count() -> int:
        client.get(library[1].url)  # renditions made on the first view
        with CaptureQueriesContext(connection) as queries:
            client.get(library[1].url)
        return len(queries)

    client.force_login(member)
    for n in range(2):
        add_video(library[1], title=f"Talk {n}", poster=poster, days_ago=n + 1)
    small = count()
    for n in range(2, 6):
        add_video(library[1], title=f"Talk {n}", poster=poster, days_ago=n + 1)
    assert count() == small


# The count line -----------------------------------------------------------------


def test_no_results_promise_no_order(client, member, library, video):
    client.force_login(member)
    none = client.get(library[1].url, {"q": "zzzz-nothing"}).content.decode()
    assert "0 videos match “zzzz-nothing”." in none
    assert "newest first" not in none
    some = client.get(library[1].url).content.decode()
    assert "1 video, newest first." in some
