"""Recommendations: one per member per entry (editable), the privacy guard on
their text, and the "I referred again" count."""

import pytest
from django.urls import reverse

from referrals.models import Recommendation
from tests.community import factories
from tests.referrals.helpers import entry

pytestmark = pytest.mark.django_db


def recommend(client, made, **data):
    return client.post(
        reverse("referrals:recommend", args=[made.pk]),
        {"seen_within": "week", "communication": "Called me back in two days.", **data},
    )


def test_a_member_recommends_once_and_edits_it(client):
    made = entry()
    member = factories.member(user__display_name="Kenji S.")
    client.force_login(member)
    assert recommend(client, made).status_code == 302
    assert recommend(client, made, seen_within="month").status_code == 302
    recommendation = Recommendation.objects.get()
    assert (recommendation.author, recommendation.seen_within) == (member, "month")
    page = client.get(reverse("referrals:detail", args=[made.pk])).content.decode()
    assert "Recommendations (1)" in page
    assert "Kenji S." in page and "Called me back in two days." in page
    assert "Edit your recommendation" in page
    assert "no patient details" in page


def test_referred_again_counts_each_click_and_adds_up_over_members(client):
    made = entry()
    again = reverse("referrals:referred-again", args=[made.pk])
    first, second = factories.member(), factories.member()
    client.force_login(first)
    response = client.post(again)
    assert response.status_code == 302
    assert not Recommendation.objects.exists()  # a recommendation comes first
    recommend(client, made)
    client.post(again)
    client.post(again)
    client.force_login(second)
    recommend(client, made)
    client.post(again)
    counts = dict(Recommendation.objects.values_list("author", "referred_again"))
    assert counts == {first.pk: 2, second.pk: 1}
    page = client.get(reverse("referrals:detail", args=[made.pk])).content.decode()
    assert "3 times" in page
    listing = client.get(reverse("referrals:list")).content.decode()
    assert "referred again 3 times" in listing


def test_a_client_identifier_asks_for_an_edit_or_a_confirmation(client):
    made = entry()
    client.force_login(factories.member())
    text = "My client Maria Gonzalez, born 03/14/1987, was seen within days."
    response = recommend(client, made, communication=text)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Check for client identifiers" in page
    assert not Recommendation.objects.exists()
    response = recommend(client, made, communication=text, privacy_confirmed="on")
    assert response.status_code == 302
    stored = Recommendation.objects.get()
    assert stored.privacy_matches
    assert "Maria" not in str(stored.privacy_matches)


def test_a_pending_entry_takes_no_recommendation(client):
    suggester = factories.member()
    made = entry(approved=False, suggested_by=suggester)
    client.force_login(suggester)
    response = recommend(client, made)
    assert response.status_code == 400
    assert not Recommendation.objects.exists()


def test_a_lapsed_member_cannot_recommend(client):
    made = entry()
    client.force_login(factories.lapsed_member())
    response = recommend(client, made)
    assert response.status_code == 302
    assert response["Location"] == reverse("memberships:join")
    assert not Recommendation.objects.exists()


def test_an_entry_page_costs_the_same_queries_however_many_recommendations(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from referrals import services

    made = entry(specialties=("tms", "ect"), regions=("OR", "WA"))

    def recommended_by(count: int) -> None:
        for _ in range(count):
            services.recommendation_save(
                entry=made,
                author=factories.member(),
                communication="Quick letter.",
                seen_within="week",
            )

    client.force_login(factories.member())
    detail = reverse("referrals:detail", args=[made.pk])
    recommended_by(2)
    client.get(detail)
    with CaptureQueriesContext(connection) as few:
        client.get(detail)
    recommended_by(10)
    with CaptureQueriesContext(connection) as many:
        page = client.get(detail).content.decode()
    assert "Recommendations (12)" in page
    assert len(few) == len(many)
