"""Member-only files: kept out of the public media folder, handed out only after
the access check (by nginx when it is configured), with byte ranges for video."""

import importlib
import io
import shutil
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.core.management import call_command
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django_sendfile.utils import _get_sendfile
from PIL import Image as PILImage
from wagtail.documents.models import Document
from wagtail.images.models import Image

from tests.courses.conftest import add_video

pytestmark = pytest.mark.django_db
PAYLOAD = bytes(range(256)) * 4  # 1,024 distinct-enough bytes


@pytest.fixture
def media_roots(settings, tmp_path):
    """The project's media layout, in a folder of the test's own."""
    public, private = tmp_path / "media", tmp_path / "private-media"
    settings.MEDIA_ROOT = public
    settings.PRIVATE_MEDIA_ROOT = settings.SENDFILE_ROOT = private
    default = settings.STORAGES["default"]
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {**default, "OPTIONS": {**default["OPTIONS"], "location": private}},
    }
    return public, private


@pytest.fixture
def nginx(settings):
    settings.SENDFILE_BACKEND = "django_sendfile.backends.nginx"
    _get_sendfile.cache_clear()  # django-sendfile2 remembers the backend it loaded
    yield
    _get_sendfile.cache_clear()


@pytest.fixture
def video(media_roots):
    document = Document(title="Session recording")
    document.file.save("recording.mp4", ContentFile(PAYLOAD), save=True)
    return document


def a_png() -> ImageFile:
    buffer = io.BytesIO()
    PILImage.new("RGB", (40, 30), "teal").save(buffer, "PNG")
    return ImageFile(buffer, name="portrait.png")


def body(response) -> bytes:
    return b"".join(response.streaming_content)


def is_under(path, folder) -> bool:
    return Path(path).resolve().is_relative_to(Path(folder).resolve())


# --- Where files are kept ---------------------------------------------------------


def test_uploaded_documents_are_kept_outside_the_public_media_folder():
    document = Document(title="Formulation worksheet")
    document.file.save("worksheet.txt", ContentFile(b"worksheet"), save=True)
    try:
        assert is_under(document.file.path, django_settings.PRIVATE_MEDIA_ROOT)
        assert not is_under(document.file.path, django_settings.MEDIA_ROOT)
        assert not document.file.url.startswith(django_settings.MEDIA_URL)
    finally:
        document.file.delete(save=False)


def test_image_renditions_stay_public_for_the_landing_page(media_roots):
    public, private = media_roots
    image = Image.objects.create(title="Director", file=a_png())
    rendition = image.get_rendition("fill-20x20")
    assert rendition.url.startswith("/media/")
    assert is_under(rendition.file.path, public)
    assert is_under(image.file.path, private)


def test_the_storage_address_of_a_document_serves_nothing(client, member, video):
    client.force_login(member)
    assert client.get(video.file.url).status_code == 404
    assert client.get(f"/media/{video.file.name}").status_code == 404


# --- Handing files out -------------------------------------------------------------


def test_with_nginx_a_member_gets_the_file_through_x_accel_redirect(
    client, member, video, nginx
):
    client.force_login(member)
    response = client.get(video.url)
    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == "/private-media/documents/recording.mp4"
    assert response.content == b""
    assert response["Content-Type"] == "video/mp4"


@pytest.mark.parametrize("role", ["visitor", "signed_up", "lapsed"])
def test_with_nginx_people_without_access_are_refused(as_role, role, video, nginx):
    client, _user = as_role(role)
    response = client.get(video.url)
    assert response.status_code == 302
    assert "X-Accel-Redirect" not in response


def test_existing_uploads_move_out_of_the_public_media_folder(
    client, member, media_roots
):
    public, private = media_roots
    document = Document(title="Old handout")
    document.file.save("handout.txt", ContentFile(b"handout"), save=True)
    image = Image.objects.create(title="Director", file=a_png())
    rendition = image.get_rendition("fill-20x20")
    for name in (document.file.name, image.file.name):  # where they were before
        (public / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.move(private / name, public / name)

    out = io.StringIO()
    call_command("move_private_media", stdout=out)

    for name in (document.file.name, image.file.name):
        assert (private / name).is_file()
        assert not (public / name).exists()
    assert (public / rendition.file.name).is_file()  # renditions stay public
    assert "Moved 2 files" in out.getvalue()
    client.force_login(member)
    assert body(client.get(document.url)) == b"handout"

    again = io.StringIO()
    call_command("move_private_media", stdout=again)
    assert "Moved 0 files" in again.getvalue()
    assert (private / document.file.name).read_bytes() == b"handout"


def test_the_upgrade_migration_moves_them_too(media_roots):
    public, private = media_roots
    document = Document(title="Old handout")
    document.file.save("handout.txt", ContentFile(b"handout"), save=True)
    (public / "documents").mkdir(parents=True)
    shutil.move(private / document.file.name, public / document.file.name)
    migration = importlib.import_module(
        "courses.migrations.0003_move_uploads_to_private_storage"
    )
    state = MigrationLoader(connection).project_state(
        ("courses", "0003_move_uploads_to_private_storage")
    )
    migration.move(state.apps, None)
    assert (private / document.file.name).read_bytes() == b"handout"
    assert not (public / document.file.name).exists()


# --- Byte ranges, for Safari, iOS and seeking --------------------------------------


def test_without_a_range_the_whole_file_comes_with_accept_ranges(client, member, video):
    client.force_login(member)
    response = client.get(video.url)
    assert response.status_code == 200
    assert response["Accept-Ranges"] == "bytes"
    assert response["Content-Length"] == "1024"
    assert response["Content-Type"] == "video/mp4"
    assert response["Content-Disposition"].startswith("inline")
    assert body(response) == PAYLOAD


@pytest.mark.parametrize(
    ("header", "start", "end"),
    [
        ("bytes=0-99", 0, 99),
        ("bytes=-10", 1014, 1023),
        ("bytes=1000-", 1000, 1023),
        ("bytes=1000-5000", 1000, 1023),  # past the end: up to the end
        ("bytes=-5000", 0, 1023),  # more than there is: all of it
        ("bytes=1023-1023", 1023, 1023),
    ],
)
def test_a_range_request_gets_exactly_the_bytes_asked_for(
    client, member, video, header, start, end
):
    client.force_login(member)
    response = client.get(video.url, headers={"range": header})
    assert response.status_code == 206
    assert response["Content-Range"] == f"bytes {start}-{end}/1024"
    assert response["Content-Length"] == str(end - start + 1)
    assert response["Accept-Ranges"] == "bytes"
    assert response["Content-Type"] == "video/mp4"
    assert body(response) == PAYLOAD[start : end + 1]


def test_the_first_hundred_bytes(client, member, video):
    client.force_login(member)
    response = client.get(video.url, headers={"range": "bytes=0-99"})
    assert response.status_code == 206
    assert len(body(response)) == 100


@pytest.mark.parametrize(
    "header", ["bytes=1024-", "bytes=2000-3000", "bytes=50-10", "bytes=-0"]
)
def test_an_unsatisfiable_range_is_refused_with_416(client, member, video, header):
    client.force_login(member)
    response = client.get(video.url, headers={"range": header})
    assert response.status_code == 416
    assert response["Content-Range"] == "bytes */1024"


@pytest.mark.parametrize("header", ["bytes=abc", "items=0-9", "bytes=0-1,5-6", ""])
def test_a_range_we_do_not_read_gets_the_whole_file(client, member, video, header):
    client.force_login(member)
    response = client.get(video.url, headers={"range": header})
    assert response.status_code == 200
    assert body(response) == PAYLOAD


def test_a_range_for_a_changed_file_gets_the_whole_file(client, member, video):
    client.force_login(member)
    etag = client.get(video.url)["ETag"]
    stale = client.get(video.url, headers={"range": "bytes=0-9", "if-range": '"0"'})
    assert stale.status_code == 200
    assert body(stale) == PAYLOAD
    fresh = client.get(video.url, headers={"range": "bytes=0-9", "if-range": etag})
    assert fresh.status_code == 206
    assert body(fresh) == PAYLOAD[:10]


def test_a_cached_copy_is_revalidated_without_the_bytes(client, member, video):
    client.force_login(member)
    etag = client.get(video.url)["ETag"]
    response = client.get(video.url, headers={"if-none-match": etag})
    assert response.status_code == 304


def test_members_files_are_not_kept_by_shared_caches(client, member, video):
    client.force_login(member)
    assert "private" in client.get(video.url)["Cache-Control"]


@pytest.mark.parametrize("role", ["visitor", "signed_up", "lapsed"])
def test_a_range_request_without_access_gets_no_bytes(as_role, role, video):
    client, _user = as_role(role)
    response = client.get(video.url, headers={"range": "bytes=0-99"})
    assert response.status_code == 302
    assert "Content-Range" not in response


def test_the_video_page_plays_the_upload(client, member, library, video):
    page = add_video(library[1], title="Recorded session", video_url="", media=video)
    client.force_login(member)
    text = client.get(page.url).content.decode()
    assert (
        f'<video class="video__player" controls preload="metadata" src="{video.url}"'
        in text
    )
