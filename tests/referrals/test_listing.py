"""The listing: only approved entries, filters by specialty, state, telehealth
or in person and insurance, text search, pages, and a flat number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.community import factories
from tests.referrals.helpers import entry

pytestmark = pytest.mark.django_db
LIST = reverse("referrals:list")


def names(response) -> str:
    return response.content.decode()


@pytest.fixture
def entries():
    director = factories.director()
    suggester = factories.member()
    common = {"director": director, "suggested_by": suggester}
    return {
        "ruiz": entry(
            name="Dr. Ana Ruiz",
            specialties=("ketamine-assisted-therapy", "tms"),
            regions=("OR", "WA"),
            insurance_accepted="Aetna",
            **common,
        ),
        "chen": entry(
            name="Dr. Wei Chen",
            specialties=("tms",),
            regions=("CA",),
            telehealth=False,
            in_person=True,
            city="Oakland",
            practice_region="CA",
            self_pay=True,
            **common,
        ),
        "pending": entry(
            name="Dr. Pending Person",
            specialties=("ketamine-assisted-therapy",),
            regions=("OR",),
            approved=False,
            **common,
        ),
    }


def test_specialty_and_state_narrow_the_list_and_a_pending_entry_never_shows(
    client, entries
):
    client.force_login(factories.member())
    everyone = names(client.get(LIST))
    assert "Dr. Ana Ruiz" in everyone and "Dr. Wei Chen" in everyone
    assert "Dr. Pending Person" not in everyone
    ketamine_or = names(
        client.get(LIST, {"specialty": "ketamine-assisted-therapy", "state": "OR"})
    )
    assert "Dr. Ana Ruiz" in ketamine_or
    assert "Dr. Wei Chen" not in ketamine_or
    assert "Dr. Pending Person" not in ketamine_or
    tms = names(client.get(LIST, {"specialty": "tms"}))
    assert "Dr. Ana Ruiz" in tms and "Dr. Wei Chen" in tms
    assert "2 specialists match" in tms
    assert "Dr. Ana Ruiz" not in names(client.get(LIST, {"state": "CA"}))


def test_telehealth_insurance_self_pay_and_text_filters(client, entries):
    client.force_login(factories.member())
    in_person = names(client.get(LIST, {"mode": "in_person"}))
    assert "Dr. Wei Chen" in in_person and "Dr. Ana Ruiz" not in in_person
    telehealth = names(client.get(LIST, {"mode": "telehealth"}))
    assert "Dr. Ana Ruiz" in telehealth and "Dr. Wei Chen" not in telehealth
    aetna = names(client.get(LIST, {"insurance": "aetna"}))
    assert "Dr. Ana Ruiz" in aetna and "Dr. Wei Chen" not in aetna
    self_pay = names(client.get(LIST, {"self_pay": "on"}))
    assert "Dr. Wei Chen" in self_pay and "Dr. Ana Ruiz" not in self_pay
    oakland = names(client.get(LIST, {"q": "oakland"}))
    assert "Dr. Wei Chen" in oakland and "Dr. Ana Ruiz" not in oakland
    nobody = client.get(LIST, {"q": "pending"})
    assert "No specialist matches these filters." in names(nobody)


def test_unknown_filter_values_are_ignored(client, entries):
    client.force_login(factories.member())
    response = client.get(LIST, {"state": "ZZ", "mode": "boat", "page": "x"})
    assert response.status_code == 200
    assert "2 specialists" in names(response)


def _approved(count: int) -> None:
    director = factories.director()
    suggester = factories.member()
    for number in range(count):
        entry(
            name=f"Dr. Number {number:03}",
            specialties=("tms", "ect"),
            regions=("OR", "WA", "ID"),
            director=director,
            suggested_by=suggester,
        )


@pytest.mark.parametrize("count", [5, 50])
def test_a_page_costs_the_same_queries_however_many_entries(
    client, django_assert_max_num_queries, count
):
    _approved(count)
    client.force_login(factories.member())
    client.get(LIST)  # warm the session and the site's caches
    with django_assert_max_num_queries(14):
        response = client.get(LIST, {"specialty": "tms", "state": "OR"})
    assert response.status_code == 200


def test_query_counts_are_equal_for_5_and_50_entries(client):
    _approved(5)
    member = factories.member()
    client.force_login(member)
    client.get(LIST)
    with CaptureQueriesContext(connection) as few:
        client.get(LIST, {"state": "OR"})
    _approved(45)
    with CaptureQueriesContext(connection) as many:
        client.get(LIST, {"state": "OR"})
    assert len(few) == len(many)


def test_the_list_is_paginated_and_keeps_the_filters(client):
    _approved(25)
    client.force_login(factories.member())
    first = names(client.get(LIST, {"specialty": "tms"}))
    assert "Dr. Number 000" in first and "Dr. Number 020" not in first
    assert "specialty=tms&amp;page=2" in first
    second = names(client.get(LIST, {"specialty": "tms", "page": 2}))
    assert "Dr. Number 020" in second and "Dr. Number 000" not in second
