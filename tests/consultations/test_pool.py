"""The reviewer pool's pages: the director and admins keep it (add from an
account or by invitation, edit, time away, out of the pool and back); nobody
else gets in, and taking a reviewer out returns their case to matching."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.utils import timezone

from community.models import Orientation, User
from consultations.models import Case, ConsultantAway, ConsultantProfile, Tag
from tests.community import factories as people
from tests.consultations.factories import ConsultantFactory, TagFactory, case_in

pytestmark = pytest.mark.django_db
POOL = "/consultations/director/pool/"


@pytest.fixture(params=["director", "admin"])
def keeper(request, client):
    user = people.director() if request.param == "director" else people.admin()
    client.force_login(user)
    return user


@pytest.mark.parametrize("who", ["member", "consultant"])
def test_the_pool_is_refused_to_members_and_consultants(client, who):
    profile = ConsultantFactory()
    user = people.member() if who == "member" else ConsultantFactory().user
    client.force_login(user)
    assert client.get(POOL).status_code == 403
    assert client.post(f"{POOL}{profile.pk}/remove/").status_code == 403
    profile.refresh_from_db()
    assert profile.active


def test_a_visitor_is_sent_to_sign_in(client):
    assert "/accounts/login/" in client.get(POOL)["Location"]


def test_the_pool_lists_consultants_in_and_out_with_their_load_and_away(client, keeper):
    working = ConsultantFactory(user__display_name="Dr Busy", is_attending=True)
    working.specialties.add(TagFactory(name="Trauma"))
    working.orientations.add(
        Orientation.objects.get_or_create(name="Schema therapy")[0]
    )
    case_in(Case.Status.DRAFTING, lead=working.user)
    today = timezone.localdate()
    ConsultantAway.objects.create(
        consultant=working, starts_on=today, ends_on=today + timedelta(days=3)
    )
    ConsultantFactory(user__display_name="Dr Gone", active=False)
    page = client.get(POOL).content.decode()
    for text in (
        "Dr Busy",
        "Dr Gone",
        "Trauma",
        "Schema therapy",
        "1 of 3",
        "Away now",
    ):
        assert text in page
    assert "Put back" in page and "Attending" in page
    # No case content on the pool page.
    assert "avoidance" not in page and "C-" not in page


def test_adding_an_existing_account_by_email(
    client, keeper, django_capture_on_commit_callbacks
):
    user = people.member(user__email="dana@example.org")
    tag = TagFactory()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            POOL,
            {
                "email": "DANA@example.org",
                "max_open_cases": 2,
                "is_attending": "on",
                "credentials": "PsyD",
                "specialties": [tag.pk],
            },
        )
    assert response.status_code == 302
    profile = ConsultantProfile.objects.get(user=user)
    assert profile.active and profile.is_attending and profile.max_open_cases == 2
    assert list(profile.specialties.all()) == [tag]
    [message] = mail.outbox
    assert message.to == [user.email] and "reviewer pool" in message.subject


def test_adding_a_new_email_makes_an_account_and_invites_it_to_choose_a_password(
    client, keeper, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            POOL,
            {
                "email": "new.reviewer@example.org",
                "display_name": "Dr New",
                "max_open_cases": 3,
            },
        )
    user = User.objects.get(email="new.reviewer@example.org")
    assert not user.has_usable_password() and user.display_name == "Dr New"
    assert ConsultantProfile.objects.filter(user=user, active=True).exists()
    [message] = mail.outbox
    assert "/accounts/password/reset/key/" in message.body
    # The link works: allauth's set-a-password page.
    link = next(
        line for line in message.body.splitlines() if "/password/reset/key/" in line
    )
    path = link.split("testserver")[-1] if "testserver" in link else link
    path = "/" + path.split("/", 3)[-1] if path.startswith("http") else path
    client.logout()
    response = client.get(path, follow=True)
    assert response.status_code == 200
    assert "password1" in response.content.decode()


def test_a_new_email_without_a_name_is_shown_again_with_what_was_typed(client, keeper):
    response = client.post(
        POOL,
        {"email": "nobody@example.org", "credentials": "LCSW", "max_open_cases": 4},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "give the consultant" in page and 'value="LCSW"' in page
    assert 'value="nobody@example.org"' in page
    assert not User.objects.filter(email="nobody@example.org").exists()


def test_adding_someone_twice_is_refused_with_a_message(client, keeper):
    profile = ConsultantFactory()
    response = client.post(POOL, {"email": profile.user.email, "max_open_cases": 3})
    assert response.status_code == 400
    assert "already in the pool" in response.content.decode()
    assert ConsultantProfile.objects.filter(user=profile.user).count() == 1


def test_editing_a_consultant(client, keeper):
    profile = ConsultantFactory()
    tag = TagFactory(kind=Tag.Kind.POPULATION, name="Adolescents")
    url = f"{POOL}{profile.pk}/"
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {"credentials": "MD", "max_open_cases": 5, "specialties": [tag.pk]},
    )
    assert response.status_code == 302
    profile.refresh_from_db()
    assert profile.credentials == "MD" and profile.max_open_cases == 5
    assert not profile.is_attending and list(profile.specialties.all()) == [tag]


def test_a_bad_limit_is_shown_again(client, keeper):
    profile = ConsultantFactory()
    response = client.post(f"{POOL}{profile.pk}/", {"max_open_cases": 0})
    assert response.status_code == 400
    profile.refresh_from_db()
    assert profile.max_open_cases == 3


def test_time_away_is_added_and_removed(client, keeper):
    profile = ConsultantFactory()
    start = timezone.localdate() + timedelta(days=10)
    client.post(
        f"{POOL}{profile.pk}/away/",
        {
            "away-starts_on": start.isoformat(),
            "away-ends_on": (start + timedelta(days=4)).isoformat(),
        },
    )
    away = ConsultantAway.objects.get(consultant=profile)
    assert away.starts_on == start
    client.post(f"{POOL}{profile.pk}/away/{away.pk}/remove/")
    assert not ConsultantAway.objects.exists()


def test_time_away_ending_before_it_starts_is_refused(client, keeper):
    profile = ConsultantFactory()
    response = client.post(
        f"{POOL}{profile.pk}/away/",
        {"away-starts_on": "2030-05-10", "away-ends_on": "2030-05-01"},
    )
    assert response.status_code == 400
    assert "before the first" in response.content.decode()
    assert not ConsultantAway.objects.exists()


def test_taking_a_reviewer_out_returns_their_case_to_matching_and_back_again(
    client, keeper
):
    case = case_in(Case.Status.DRAFTING)
    profile = case.lead_reviewer.consultant_profile
    offered = case_in(Case.Status.OFFERED, lead=profile.user)
    client.post(f"{POOL}{profile.pk}/remove/")
    profile.refresh_from_db()
    case.refresh_from_db()
    offered.refresh_from_db()
    assert not profile.active
    assert case.status == Case.Status.MATCHING and case.lead_reviewer is None
    assert offered.status == Case.Status.MATCHING
    assert not offered.offers.filter(status="pending").exists()
    # Twice is a message, not an error.
    response = client.post(f"{POOL}{profile.pk}/remove/", follow=True)
    assert "already out of the pool" in response.content.decode()
    client.post(f"{POOL}{profile.pk}/restore/")
    profile.refresh_from_db()
    assert profile.active


def test_a_topic_is_added(client, keeper):
    client.post(f"{POOL}topics/", {"kind": "question", "name": "  Diagnosis  "})
    assert Tag.objects.filter(kind="question", name="Diagnosis").exists()
    response = client.post(
        f"{POOL}topics/", {"kind": "question", "name": "diagnosis"}, follow=True
    )
    assert "already exists" in response.content.decode()
    assert Tag.objects.filter(kind="question").count() == 1


def test_dates_in_the_past_are_not_listed_as_coming_away(client, keeper):
    profile = ConsultantFactory(user__display_name="Dr Back")
    ConsultantAway.objects.create(
        consultant=profile, starts_on=date(2020, 1, 1), ends_on=date(2020, 1, 5)
    )
    page = client.get(POOL).content.decode()
    assert "2020" not in page
