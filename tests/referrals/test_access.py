"""Who may see the directory (members) and its review queue (the director and
admins); everyone else is refused."""

import pytest
from django.urls import reverse

from referrals.models import ReferralEntry, Status
from tests.community import factories
from tests.referrals.helpers import entry, entry_post

pytestmark = pytest.mark.django_db


@pytest.fixture
def pending():
    return entry(approved=False)


def member_urls(made) -> list[str]:
    return [
        reverse("referrals:list"),
        reverse("referrals:suggest"),
        reverse("referrals:detail", args=[made.pk]),
    ]


def review_urls(made) -> list[str]:
    return [
        reverse("referrals:review"),
        reverse("referrals:review-entry", args=[made.pk]),
    ]


def test_a_visitor_is_sent_to_sign_in_everywhere(client, pending):
    for url in member_urls(pending) + review_urls(pending):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("account_login")), url


def test_a_lapsed_member_is_sent_to_join(client, pending):
    client.force_login(factories.lapsed_member())
    for url in member_urls(pending):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"] == reverse("memberships:join"), url
    response = client.post(reverse("referrals:suggest"), entry_post())
    assert response["Location"] == reverse("memberships:join")
    assert ReferralEntry.objects.count() == 1


def test_a_member_is_refused_the_review_queue_and_its_actions(client, pending):
    client.force_login(factories.member())
    for url in review_urls(pending):
        assert client.get(url).status_code == 403, url
    approve = client.post(
        reverse("referrals:review-entry", args=[pending.pk]),
        entry_post(action="approve"),
    )
    assert approve.status_code == 403
    reject = client.post(
        reverse("referrals:reject", args=[pending.pk]), {"reason": "No."}
    )
    assert reject.status_code == 403
    pending.refresh_from_db()
    assert pending.status == Status.PENDING


@pytest.mark.parametrize("role", ["director", "admin"])
def test_the_director_and_admins_open_the_queue(client, pending, role):
    client.force_login(getattr(factories, role)())
    for url in review_urls(pending):
        assert client.get(url).status_code == 200, url


def test_the_pages_answer_members(client, pending):
    client.force_login(factories.member())
    assert client.get(reverse("referrals:list")).status_code == 200
    assert client.get(reverse("referrals:suggest")).status_code == 200
    # Someone else's pending suggestion is not there for a plain member.
    detail = reverse("referrals:detail", args=[pending.pk])
    assert client.get(detail).status_code == 404
    listed = entry(name="Dr. Listed")
    assert client.get(reverse("referrals:detail", args=[listed.pk])).status_code == 200


def test_every_url_answers_every_role_without_an_error(client):
    """Like the project's URL sweep: GET and an empty POST, each role."""
    pending, listed = entry(approved=False), entry(name="Dr. Listed")
    urls = [
        reverse(name, args=args)
        for name, args in [
            ("referrals:list", []),
            ("referrals:suggest", []),
            ("referrals:review", []),
            *(
                (name, [made.pk])
                for made in (pending, listed)
                for name in (
                    "referrals:detail",
                    "referrals:recommend",
                    "referrals:referred-again",
                    "referrals:review-entry",
                    "referrals:reject",
                )
            ),
        ]
    ]
    people = [
        None,
        factories.UserFactory(),
        factories.lapsed_member(),
        factories.member(),
        factories.director(),
        factories.admin(),
    ]
    for person in people:
        client.logout()
        if person is not None:
            client.force_login(person)
        for url in urls:
            for method in (client.get, client.post):
                status = method(url).status_code
                assert status < 500, (person, url, method.__name__)
                if person is None or person.pk == people[2].pk:
                    assert status in (302, 403, 405), (url, method.__name__)
