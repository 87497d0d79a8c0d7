"""An entry without a specialty or a state: the form again, with what was
typed, a 400, and nothing saved."""

import pytest
from django.urls import reverse

from referrals.models import EntryRegion, ReferralEntry
from referrals.services import NO_REGION, NO_SPECIALTY
from tests.community import factories
from tests.referrals.helpers import entry, entry_post

pytestmark = pytest.mark.django_db
SUGGEST = reverse("referrals:suggest")


@pytest.mark.parametrize(
    ("missing", "message"), [("specialties", NO_SPECIALTY), ("regions", NO_REGION)]
)
def test_a_suggestion_without_a_specialty_or_a_state_is_refused(
    client, missing, message
):
    client.force_login(factories.member())
    response = client.post(SUGGEST, entry_post(**{missing: None}))
    page = response.content.decode()
    assert response.status_code == 400
    assert "There is a problem" in page
    assert message in page
    assert 'value="Dr. Ana Ruiz, MD"' in page
    assert "Willamette Psychiatry" in page
    assert not ReferralEntry.objects.exists()
    assert not EntryRegion.objects.exists()


def test_in_person_without_a_city_and_neither_mode_are_refused(client):
    client.force_login(factories.member())
    response = client.post(SUGGEST, entry_post(city=""))
    assert response.status_code == 400
    assert "Give the city and state" in response.content.decode()
    response = client.post(SUGGEST, entry_post(telehealth=None, in_person=None))
    assert response.status_code == 400
    assert "Tick telehealth, in person, or both." in response.content.decode()
    assert not ReferralEntry.objects.exists()


def test_the_director_removing_every_state_saves_nothing(client):
    made = entry(approved=False, regions=("OR",))
    client.force_login(factories.director())
    response = client.post(
        reverse("referrals:review-entry", args=[made.pk]),
        entry_post(regions=None, name="Changed", action="approve"),
    )
    assert response.status_code == 400
    made.refresh_from_db()
    assert made.name == "Dr. Ana Ruiz, MD"
    assert made.status == "pending"
    assert list(made.regions.values_list("region", flat=True)) == ["OR"]
