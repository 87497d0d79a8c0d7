"""The owner's directory settings (/account/directory/) and the reserved
display name of the director (the profile form and sign-up)."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from community.models import User
from directory.models import DirectoryProfile
from tests.community import factories
from tests.directory import factories as dir_factories

pytestmark = pytest.mark.django_db

SETTINGS_URL = reverse("directory-account:profile")


@pytest.fixture
def private_media(tmp_path, settings):
    storages = {**settings.STORAGES}
    storages["default"] = {
        **storages["default"],
        "OPTIONS": {"location": tmp_path, "base_url": "/private-media/"},
    }
    settings.STORAGES = storages
    settings.SENDFILE_ROOT = tmp_path
    return tmp_path


def image_file(fmt: str = "PNG", *, name: str = "me.png", size=(8, 8)):
    buffer = io.BytesIO()
    Image.new("RGB", size, "teal").save(buffer, format=fmt)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def form_data(**overrides) -> dict:
    data = {
        "listed": "on",
        "show_photo": "on",
        "show_credentials": "on",
        "show_licences": "on",
        "show_orientations": "on",
        "show_modalities": "on",
        "show_populations": "on",
        "show_languages": "on",
        "show_bio": "on",
        "show_accepting_referrals": "on",
        "show_location": "on",
        "bio": "I work with grief.",
        "city": "Portland",
        "region": "OR",
        "accepting_referrals": "on",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def test_visitor_is_sent_to_sign_in(client):
    response = client.get(SETTINGS_URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_settings_page_has_a_labelled_field_and_show_tick_for_each_part(client, member):
    client.force_login(member)
    response = client.get(SETTINGS_URL)
    assert response.status_code == 200
    text = response.content.decode()
    for name in ("listed", "photo", "bio", "city", "region", "show_bio"):
        assert f'for="id_{name}"' in text, name
    assert 'enctype="multipart/form-data"' in text
    assert reverse("directory:profile", args=[member.pk]) in text  # how members see
    # A GET saves nothing.
    assert not DirectoryProfile.objects.filter(user=member).exists()


def test_account_nav_links_to_directory_profile(client, member):
    client.force_login(member)
    text = client.get(reverse("account:profile")).content.decode()
    assert f'href="{SETTINGS_URL}"' in text
    assert "Directory profile" in text


def test_owner_saves_fields_terms_and_switches(client, member):
    emdr = dir_factories.modality("EMDR")
    teens = dir_factories.population("Adolescents")
    spanish = dir_factories.language("Spanish")
    client.force_login(member)
    response = client.post(
        SETTINGS_URL,
        form_data(
            modalities=[emdr.pk],
            populations=[teens.pk],
            languages=[spanish.pk],
            show_bio=None,
        ),
    )
    assert response.status_code == 302
    profile = DirectoryProfile.objects.get(user=member)
    assert profile.listed is True
    assert profile.show_bio is False
    assert profile.city == "Portland"
    assert list(profile.modalities.all()) == [emdr]
    assert list(profile.populations.all()) == [teens]
    assert list(profile.languages.all()) == [spanish]

    client.post(SETTINGS_URL, form_data(listed=None))
    profile.refresh_from_db()
    assert profile.listed is False
    assert list(profile.modalities.all()) == []


def test_too_long_bio_is_a_400_that_keeps_the_text_and_saves_nothing(client, member):
    client.force_login(member)
    long_bio = "word " * 130
    response = client.post(SETTINGS_URL, form_data(bio=long_bio, city="Bend"))
    assert response.status_code == 400
    text = response.content.decode()
    assert "There is a problem" in text
    assert "Bend" in text
    assert "word word" in text
    assert not DirectoryProfile.objects.filter(user=member).exists()


def test_photo_upload_is_stored_under_our_own_name(client, member, private_media):
    client.force_login(member)
    photo = image_file("WEBP", name="../../evil name.webp")
    response = client.post(SETTINGS_URL, {**form_data(), "photo": photo})
    assert response.status_code == 302
    profile = DirectoryProfile.objects.get(user=member)
    assert profile.photo.name.startswith(f"directory/photos/{member.pk}-")
    assert profile.photo.name.endswith(".webp")
    assert "evil" not in profile.photo.name
    assert (private_media / profile.photo.name).exists()


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (
            SimpleUploadedFile("me.png", b"not an image at all", "image/png"),
            "Choose a JPEG, PNG or WebP image",
        ),
        (lambda: image_file("GIF", name="me.gif"), "Choose a JPEG, PNG or WebP image"),
        (lambda: image_file("BMP", name="me.png"), "Choose a JPEG, PNG or WebP image"),
    ],
    ids=["text", "gif", "bmp-named-png"],
)
def test_photo_must_be_jpeg_png_or_webp_by_content(
    client, member, private_media, upload, message
):
    client.force_login(member)
    upload = upload() if callable(upload) else upload
    response = client.post(SETTINGS_URL, {**form_data(), "photo": upload})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not DirectoryProfile.objects.filter(user=member).exists()


def test_photo_over_2_mb_is_refused(client, member, private_media, monkeypatch):
    from directory import forms

    monkeypatch.setattr(forms, "PHOTO_MAX_BYTES", 10)
    client.force_login(member)
    response = client.post(SETTINGS_URL, {**form_data(), "photo": image_file()})
    assert response.status_code == 400
    assert "2 MB or smaller" in response.content.decode()


def test_photo_can_be_removed(
    client, member, private_media, django_capture_on_commit_callbacks
):
    client.force_login(member)
    client.post(SETTINGS_URL, {**form_data(), "photo": image_file()})
    old = DirectoryProfile.objects.get(user=member).photo.name
    assert (private_media / old).exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(SETTINGS_URL, form_data(remove_photo="on"))
    assert response.status_code == 302
    assert not DirectoryProfile.objects.get(user=member).photo
    assert not (private_media / old).exists()


def test_a_new_photo_replaces_the_old_file(
    client, member, private_media, django_capture_on_commit_callbacks
):
    client.force_login(member)
    client.post(SETTINGS_URL, {**form_data(), "photo": image_file()})
    old = DirectoryProfile.objects.get(user=member).photo.name
    with django_capture_on_commit_callbacks(execute=True):
        client.post(SETTINGS_URL, {**form_data(), "photo": image_file("JPEG")})
    new = DirectoryProfile.objects.get(user=member).photo.name
    assert new != old and new.endswith(".jpg")
    assert not (private_media / old).exists()


# --- the director's display name is reserved ---------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "Dr. Ada Lane",
        "ada lane",
        "Dr Ada Lane",
        "ADA  LANE.",
        "dr.adalane",
        "AdaLane",
        # From the QA pass: invisible characters, look-alike letters, reordering,
        # credentials and the surname alone.
        "Dr. Ada Lane\u200b",
        "Dr. \u0430da Lane",  # a Cyrillic "а"
        "Ada Lane, PhD",
        "Lane, Ada",
        "Dr. Lane",
        "Dr. Adá Lané",
        "Program director",
        "Moderator",
    ],
)
def test_member_cannot_take_the_directors_display_name(client, member, name):
    factories.director(display_name="Dr. Ada Lane")
    client.force_login(member)
    response = client.post(
        reverse("account:profile"),
        {"display_name": name, "time_zone": "UTC"},
    )
    assert response.status_code == 400
    assert "belongs to the program director" in response.content.decode()
    member.refresh_from_db()
    assert member.display_name != name


@pytest.mark.parametrize("name", ["Ada Lanes", "Ada L.", "Ben Lane", "Ada"])
def test_a_similar_but_different_name_is_allowed(client, member, name):
    factories.director(display_name="Dr. Ada Lane")
    client.force_login(member)
    response = client.post(
        reverse("account:profile"),
        {"display_name": name, "time_zone": "UTC"},
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.display_name == name


def test_director_keeps_her_own_name(client):
    boss = factories.director(display_name="Dr. Ada Lane")
    client.force_login(boss)
    response = client.post(
        reverse("account:profile"),
        {"display_name": "Ada Lane", "time_zone": "UTC"},
    )
    assert response.status_code == 302


def test_sign_up_with_the_directors_name_is_refused(client):
    factories.director(display_name="Dr. Ada Lane")
    response = client.post(
        reverse("account_signup"),
        {
            "email": "new@example.org",
            "password1": factories.PASSWORD,
            "password2": factories.PASSWORD,
            "display_name": "ada lane",
            "time_zone": "UTC",
        },
    )
    assert response.status_code in (200, 400)
    assert "belongs to the program director" in response.content.decode()
    assert not User.objects.filter(email="new@example.org").exists()


def test_a_lapsed_member_is_told_why_they_are_not_in_the_directory(client):
    # From the QA pass: the settings page said nothing to a lapsed member.
    lapsed = factories.lapsed_member()
    client.force_login(lapsed)
    page = client.get(reverse("directory-account:profile")).content.decode()
    assert "you are not shown in the directory now" in page
    client.force_login(factories.member())
    page = client.get(reverse("directory-account:profile")).content.decode()
    assert "not shown in the directory now" not in page
