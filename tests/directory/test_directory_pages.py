"""The member directory's list and profile pages: who may look, what each
profile shows (only what its owner shows), the filters (which match only on
shown fields), pagination, and flat query counts."""

import io
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from community.models import Orientation, User
from directory.models import DirectoryProfile
from directory.services.profiles import directory_profile_update
from memberships.models import Membership
from tests.community import factories
from tests.directory import factories as dir_factories

pytestmark = pytest.mark.django_db

LIST_URL = reverse("directory:list")


def profile_url(user) -> str:
    return reverse("directory:profile", args=[user.pk])


def photo_url(user) -> str:
    return reverse("directory:photo", args=[user.pk])


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


def png() -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "teal").save(buffer, format="PNG")
    return SimpleUploadedFile("me.png", buffer.getvalue(), content_type="image/png")


@pytest.fixture
def full_profile(db):
    """A member who shows everything, with a marker in every part."""
    owner = factories.member(
        user__display_name="Dana Reyes", user__credentials="LCSW-MARKER-CRED"
    )
    owner.orientations.add(Orientation.objects.create(name="Psychodynamic-MARKER"))
    profile = dir_factories.profile(
        owner,
        bio="Bio-MARKER grief",
        city="Eugene-MARKER",
        region="OR",
        contact="contact-marker@example.org",
        modalities=[dir_factories.modality("Modality-MARKER")],
        populations=[dir_factories.population("Population-MARKER")],
        languages=[dir_factories.language("Language-MARKER")],
    )
    dir_factories.licence(owner, kind="lpc", region="WA", number="NUM-MARKER-77")
    return profile


# --- who may look ---------------------------------------------------------


@pytest.mark.parametrize("page", ["list", "profile", "photo"])
def test_visitor_is_sent_to_sign_in(client, full_profile, page):
    url = {
        "list": LIST_URL,
        "profile": profile_url(full_profile.user),
        "photo": photo_url(full_profile.user),
    }[page]
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize("page", ["list", "profile"])
def test_lapsed_member_is_sent_to_join(client, lapsed, full_profile, page):
    client.force_login(lapsed)
    url = LIST_URL if page == "list" else profile_url(full_profile.user)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == reverse("memberships:join")


def test_signed_up_account_without_membership_is_sent_to_join(
    client, signed_up, full_profile
):
    client.force_login(signed_up)
    assert client.get(LIST_URL)["Location"] == reverse("memberships:join")


def test_member_sees_listed_profiles_and_not_unlisted_ones(client, member):
    listed = factories.member(user__display_name="Listed Person")
    unlisted = factories.member(user__display_name="Hidden Person")
    dir_factories.profile(listed)
    dir_factories.profile(unlisted, listed=False)
    factories.member(user__display_name="No Profile Person")
    client.force_login(member)
    response = client.get(LIST_URL)
    assert response.status_code == 200
    text = response.content.decode()
    assert "Listed Person" in text
    assert "Hidden Person" not in text
    assert "No Profile Person" not in text
    assert 'href="/referrals/"' in text
    assert client.get(profile_url(unlisted)).status_code == 404
    assert client.get(profile_url(listed)).status_code == 200


def test_profile_is_off_by_default(db):
    user = factories.member()
    directory_profile_update(user=user, values={"bio": "Hello"})
    assert DirectoryProfile.objects.get(user=user).listed is False


def test_lapsed_member_leaves_the_directory_and_returns_on_renewal(client, member):
    owner = factories.lapsed_member(user__display_name="Returning Person")
    dir_factories.profile(owner, show_bio=False, bio="Secret bio words")
    client.force_login(member)
    assert "Returning Person" not in client.get(LIST_URL).content.decode()
    assert client.get(profile_url(owner)).status_code == 404

    Membership.objects.filter(user=owner).update(
        status=Membership.Status.ACTIVE,
        current_period_end=timezone.now() + timedelta(days=30),
    )
    text = client.get(LIST_URL).content.decode()
    assert "Returning Person" in text
    page = client.get(profile_url(owner)).content.decode()
    assert "Secret bio words" not in page  # the settings survived the lapse
    assert DirectoryProfile.objects.get(user=owner).show_bio is False


def test_lapsed_owner_is_sent_to_join_like_any_lapsed_member(client):
    owner = factories.lapsed_member()
    dir_factories.profile(owner)
    client.force_login(owner)
    response = client.get(profile_url(owner))
    assert response["Location"] == reverse("memberships:join")


def test_owner_sees_own_unlisted_profile_with_a_note_and_an_edit_link(client):
    owner = factories.member(user__display_name="Quiet Person")
    dir_factories.profile(owner, listed=False)
    client.force_login(owner)
    response = client.get(profile_url(owner))
    assert response.status_code == 200
    text = response.content.decode()
    assert "Quiet Person" in text
    assert "not listed" in text
    assert reverse("directory-account:profile") in text


def test_owner_without_a_profile_is_invited_to_set_one_up(client, member):
    client.force_login(member)
    response = client.get(profile_url(member))
    assert response.status_code == 200
    assert reverse("directory-account:profile") in response.content.decode()


def test_unknown_or_deleted_member_is_404(client, member):
    gone = factories.member()
    dir_factories.profile(gone)
    User.objects.filter(pk=gone.pk).update(deleted_at=timezone.now())
    client.force_login(member)
    assert client.get(profile_url(gone)).status_code == 404
    assert client.get(reverse("directory:profile", args=[999999])).status_code == 404


# --- what each profile shows ----------------------------------------------

PARTS = {
    "show_credentials": "LCSW-MARKER-CRED",
    "show_licences": "Licensed professional counselor",
    "show_orientations": "Psychodynamic-MARKER",
    "show_modalities": "Modality-MARKER",
    "show_populations": "Population-MARKER",
    "show_languages": "Language-MARKER",
    "show_bio": "Bio-MARKER",
    "show_accepting_referrals": "badge--accepting",
    "show_location": "Eugene-MARKER",
    "show_contact": "contact-marker@example.org",
}


def shown_part(client, url) -> str:
    """The profiles on a page, without the filter form (which names every term)."""
    text = client.get(url).content.decode()
    start = text.find('class="directory-list"')
    if start == -1:
        start = text.find('class="directory-profile"')
    assert start != -1
    return text[start:]


# The list shows a summary; these parts show on the profile page only.
PROFILE_ONLY = {
    "show_orientations",
    "show_populations",
    "show_languages",
    "show_bio",
    "show_contact",
}


@pytest.mark.parametrize("viewer", ["member", "director", "site_admin", "owner"])
@pytest.mark.parametrize("switch", list(PARTS))
def test_each_part_shows_only_while_its_owner_shows_it(
    client, request, full_profile, viewer, switch
):
    user = full_profile.user if viewer == "owner" else request.getfixturevalue(viewer)
    client.force_login(user)
    marker = PARTS[switch]
    assert marker in shown_part(client, profile_url(full_profile.user))
    if switch not in PROFILE_ONLY:
        assert marker in shown_part(client, LIST_URL)

    setattr(full_profile, switch, False)
    full_profile.save()
    assert marker not in shown_part(client, profile_url(full_profile.user))
    assert marker not in shown_part(client, LIST_URL)


def test_display_name_always_shows(client, member, full_profile):
    DirectoryProfile.objects.filter(pk=full_profile.pk).update(
        **dict.fromkeys(PARTS, False), show_photo=False
    )
    client.force_login(member)
    assert "Dana Reyes" in client.get(LIST_URL).content.decode()
    assert "Dana Reyes" in client.get(profile_url(full_profile.user)).content.decode()


@pytest.mark.parametrize(
    ("viewer", "sees_number"),
    [("member", False), ("owner", False), ("director", True), ("site_admin", True)],
)
def test_licence_number_shows_only_to_director_and_admins(
    client, request, full_profile, viewer, sees_number
):
    user = full_profile.user if viewer == "owner" else request.getfixturevalue(viewer)
    client.force_login(user)
    page = client.get(profile_url(full_profile.user)).content.decode()
    assert "Licensed professional counselor" in page
    assert ("NUM-MARKER-77" in page) is sees_number
    assert "NUM-MARKER-77" not in client.get(LIST_URL).content.decode()


def test_verified_badge_only_for_a_valid_licence(client, member):
    owner = factories.member()
    dir_factories.profile(owner)
    dir_factories.licence(owner, verified=False, region="OR")
    client.force_login(member)
    assert "Verified" not in client.get(profile_url(owner)).content.decode()
    dir_factories.licence(owner, verified=True, region="WA", kind="lmft")
    assert "Verified" in client.get(profile_url(owner)).content.decode()


def test_expired_licence_is_not_shown(client, member):
    owner = factories.member()
    dir_factories.profile(owner)
    dir_factories.licence(owner, region="NV", days=-1)
    client.force_login(member)
    assert "Nevada" not in client.get(profile_url(owner)).content.decode()


def test_bio_is_plain_text(client, member):
    owner = factories.member()
    dir_factories.profile(owner, bio="<script>alert(1)</script> <b>bold</b>")
    client.force_login(member)
    page = client.get(profile_url(owner)).content.decode()
    assert "<script>alert(1)" not in page
    assert "&lt;b&gt;bold&lt;/b&gt;" in page


def test_director_has_a_program_director_badge(client, member):
    boss = factories.director(display_name="Dr. Ada Lane")
    dir_factories.profile(boss)
    plain = factories.member(user__display_name="Plain Member")
    dir_factories.profile(plain)
    client.force_login(member)
    assert "Program director" in client.get(profile_url(boss)).content.decode()
    assert "Program director" not in client.get(profile_url(plain)).content.decode()
    assert client.get(LIST_URL).content.decode().count("Program director") == 1


def test_initials_when_there_is_no_photo(client, member):
    owner = factories.member(user__display_name="Dr. Maya Okafor")
    dir_factories.profile(owner)
    client.force_login(member)
    page = client.get(profile_url(owner)).content.decode()
    assert ">MO</span>" in page
    assert photo_url(owner) not in page


# --- the photo --------------------------------------------------------------


def test_photo_is_streamed_to_members_only_while_shown(client, member, private_media):
    owner = factories.member()
    dir_factories.profile(owner)
    directory_profile_update(user=owner, values={}, photo=png())
    client.force_login(member)
    assert photo_url(owner) in client.get(profile_url(owner)).content.decode()
    response = client.get(photo_url(owner))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert "private" in response["Cache-Control"]

    DirectoryProfile.objects.filter(user=owner).update(show_photo=False)
    assert client.get(photo_url(owner)).status_code == 404
    assert photo_url(owner) not in client.get(profile_url(owner)).content.decode()
    client.force_login(owner)  # the owner still sees their own
    assert client.get(photo_url(owner)).status_code == 200


def test_photo_of_an_unlisted_or_lapsed_profile_is_404(client, member, private_media):
    unlisted = factories.member()
    dir_factories.profile(unlisted, listed=False)
    directory_profile_update(user=unlisted, values={}, photo=png())
    lapsed = factories.lapsed_member()
    dir_factories.profile(lapsed)
    directory_profile_update(user=lapsed, values={}, photo=png())
    client.force_login(member)
    assert client.get(photo_url(unlisted)).status_code == 404
    assert client.get(photo_url(lapsed)).status_code == 404
    assert client.get(photo_url(member)).status_code == 404  # no profile


# --- filters ----------------------------------------------------------------


def names_found(client, **params) -> str:
    response = client.get(LIST_URL, params)
    assert response.status_code == 200
    return response.content.decode()


def test_filter_by_modality_matches_only_shown_modalities(client, member):
    emdr = dir_factories.modality("EMDR")
    shows = factories.member(user__display_name="Shows Modality")
    hides = factories.member(user__display_name="Hides Modality")
    dir_factories.profile(shows, modalities=[emdr])
    dir_factories.profile(hides, modalities=[emdr], show_modalities=False)
    factories.member(user__display_name="Other Modality")
    client.force_login(member)
    page = names_found(client, modality=emdr.pk)
    assert "Shows Modality" in page
    assert "Hides Modality" not in page


def test_filter_by_population_and_language_match_only_shown_ones(client, member):
    teens = dir_factories.population("Adolescents")
    spanish = dir_factories.language("Spanish")
    shows = factories.member(user__display_name="Shows Both")
    hides = factories.member(user__display_name="Hides Both")
    dir_factories.profile(shows, populations=[teens], languages=[spanish])
    dir_factories.profile(
        hides,
        populations=[teens],
        languages=[spanish],
        show_populations=False,
        show_languages=False,
    )
    client.force_login(member)
    for params in ({"population": teens.pk}, {"language": spanish.pk}):
        page = names_found(client, **params)
        assert "Shows Both" in page
        assert "Hides Both" not in page


def test_filter_by_state_matches_shown_location_or_shown_licence(client, member):
    practises = factories.member(user__display_name="Practises Here")
    licensed = factories.member(user__display_name="Licensed Here")
    hidden_place = factories.member(user__display_name="Hidden Place")
    hidden_licence = factories.member(user__display_name="Hidden Licence")
    elsewhere = factories.member(user__display_name="Elsewhere Person")
    dir_factories.profile(practises, region="CA")
    dir_factories.profile(licensed, region="OR")
    dir_factories.licence(licensed, region="CA")
    dir_factories.profile(hidden_place, region="CA", show_location=False)
    dir_factories.profile(hidden_licence, region="OR", show_licences=False)
    dir_factories.licence(hidden_licence, region="CA")
    dir_factories.profile(elsewhere, region="NY")
    client.force_login(member)
    page = names_found(client, state="CA")
    assert "Practises Here" in page
    assert "Licensed Here" in page
    assert "Hidden Place" not in page
    assert "Hidden Licence" not in page
    assert "Elsewhere Person" not in page


def test_filter_accepting_referrals_matches_only_when_shown(client, member):
    yes = factories.member(user__display_name="Takes Referrals")
    no = factories.member(user__display_name="Full Caseload")
    hidden = factories.member(user__display_name="Hidden Referrals")
    dir_factories.profile(yes, accepting_referrals=True)
    dir_factories.profile(no, accepting_referrals=False)
    dir_factories.profile(hidden, show_accepting_referrals=False)
    client.force_login(member)
    page = names_found(client, accepting_referrals="on")
    assert "Takes Referrals" in page
    assert "Full Caseload" not in page
    assert "Hidden Referrals" not in page


def test_search_matches_name_and_only_shown_text(client, member):
    shown = factories.member(
        user__display_name="Alpha Person", user__credentials="PsyD"
    )
    hidden = factories.member(
        user__display_name="Beta Person", user__credentials="PsyD"
    )
    dir_factories.profile(shown, bio="Works with ruptures", city="Salem")
    dir_factories.profile(
        hidden,
        bio="Works with ruptures",
        city="Salem",
        show_bio=False,
        show_location=False,
        show_credentials=False,
    )
    client.force_login(member)
    for word in ("ruptures", "salem", "psyd"):
        page = names_found(client, q=word)
        assert "Alpha Person" in page, word
        assert "Beta Person" not in page, word
    assert "Beta Person" in names_found(client, q="beta")


def test_no_match_shows_a_friendly_empty_state(client, member):
    client.force_login(member)
    page = names_found(client, q="nobody-by-this-name")
    assert "No member matches." in page


def test_bad_filter_is_a_400_that_keeps_what_was_typed(client, member):
    client.force_login(member)
    response = client.get(LIST_URL, {"modality": "not-a-number", "q": "grief"})
    assert response.status_code == 400
    text = response.content.decode()
    assert "There is a problem" in text
    assert 'value="grief"' in text


# --- pagination and query counts ---------------------------------------------


def bulk_profiles(n: int, *, prefix: str) -> None:
    """``n`` members, each listed with terms and a licence, in a few queries."""
    from directory.models import Licence

    emdr, teens, spanish = (
        dir_factories.modality("EMDR"),
        dir_factories.population("Adolescents"),
        dir_factories.language("Spanish"),
    )
    User.objects.bulk_create(
        User(email=f"{prefix}{i}@example.org", display_name=f"{prefix} {i:05}")
        for i in range(n)
    )
    users = list(User.objects.filter(email__startswith=prefix).order_by("pk"))
    period_end = timezone.now() + timedelta(days=20)
    Membership.objects.bulk_create(
        Membership(user=u, status="active", current_period_end=period_end)
        for u in users
    )
    DirectoryProfile.objects.bulk_create(
        DirectoryProfile(user=u, listed=True, region="CA", city="Oakland")
        for u in users
    )
    for model, field, term in (
        (DirectoryProfile.modalities.through, "modality", emdr),
        (DirectoryProfile.populations.through, "population", teens),
        (DirectoryProfile.languages.through, "language", spanish),
    ):
        model.objects.bulk_create(
            model(directoryprofile_id=u.pk, **{field: term}) for u in users
        )
    today = timezone.localdate()
    Licence.objects.bulk_create(
        Licence(
            user=u,
            kind="lcsw",
            region="CA",
            number=f"N{u.pk}",
            expires_on=today + timedelta(days=100),
            verified_on=today,
        )
        for u in users
    )


def count_queries(client, url, params=None) -> int:
    client.get(url, params)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url, params).status_code == 200
    return len(captured)


def test_list_is_paginated_by_24_and_keeps_the_filters(client, member):
    bulk_profiles(30, prefix="Pager")
    client.force_login(member)
    emdr = dir_factories.modality("EMDR")
    response = client.get(LIST_URL, {"modality": emdr.pk})
    text = response.content.decode()
    assert text.count('class="directory-card"') == 24
    assert f"?modality={emdr.pk}&amp;page=2" in text
    second = client.get(LIST_URL, {"modality": emdr.pk, "page": 2}).content.decode()
    assert second.count('class="directory-card"') == 6
    assert "Pager 00029" in second


@pytest.mark.parametrize(
    "params",
    [{}, {"modality": "emdr", "state": "CA", "language": "es", "q": "oak"}],
    ids=["unfiltered", "filtered"],
)
def test_list_query_count_is_flat_from_50_to_5000_profiles(client, member, params):
    client.force_login(member)
    if params:
        params = {
            "modality": dir_factories.modality("EMDR").pk,
            "state": "CA",
            "language": dir_factories.language("Spanish").pk,
            "q": "oak",
        }
    bulk_profiles(50, prefix="Small")
    small = count_queries(client, LIST_URL, params)
    bulk_profiles(4950, prefix="Large")
    assert count_queries(client, LIST_URL, params) == small


def test_profile_page_query_count_does_not_grow_with_terms(client, member):
    owner = factories.member()
    profile = dir_factories.profile(owner)
    dir_factories.licence(owner)
    client.force_login(member)
    small = count_queries(client, profile_url(owner))
    for i in range(8):
        profile.modalities.add(dir_factories.modality(f"Extra {i}"))
        profile.languages.add(dir_factories.language(f"Tongue {i}"))
        dir_factories.licence(owner, region="NY", number=f"more-{i}")
    assert count_queries(client, profile_url(owner)) == small
