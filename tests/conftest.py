import pytest
from django.http import HttpRequest
from django.test import Client

from tests.community import factories


class SignedInClient(Client):
    """``force_login`` as a person who has just typed their password.

    Downloading one's data and deleting the account ask for the password again
    (allauth's reauthentication); with this client, a test that signs someone in
    goes straight on, as that person would in the minutes after signing in with a
    form. The reauthentication itself is tested with Django's own Client
    (tests/community/test_reauthentication.py), where it is always asked.
    """

    def force_login(self, user, backend=None):
        from allauth.account.internal.flows.reauthentication import (
            reauthenticate_by_password,
        )

        super().force_login(user, backend)
        request = HttpRequest()
        request.session = self.session
        request.user = user
        reauthenticate_by_password(request)
        request.session.save()


@pytest.fixture
def client():
    return SignedInClient()


@pytest.fixture(autouse=True)
def _clear_cache():
    """Rate limits live in the cache; each test starts with none used."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def visitor(db):
    return None


@pytest.fixture
def signed_up(db):
    return factories.UserFactory()


@pytest.fixture
def member(db):
    return factories.member()


@pytest.fixture
def lapsed(db):
    return factories.lapsed_member()


@pytest.fixture
def director(db):
    return factories.director()


@pytest.fixture
def site_admin(db):
    return factories.admin()


@pytest.fixture
def home_page(db):
    from community.demo import seed_home_page

    return seed_home_page()


@pytest.fixture
def library(home_page):
    """(course index, video index) under the landing page, as a new install has."""
    from courses.setup import ensure_library_pages

    return ensure_library_pages(home_page)


ROLES = ["visitor", "signed_up", "lapsed", "member", "director", "site_admin"]


@pytest.fixture
def as_role(client, request):
    """Return a client signed in as the named role (or anonymous for "visitor")."""

    def sign_in(role: str):
        user = request.getfixturevalue(role)
        if user is not None:
            client.force_login(user)
        return client, user

    return sign_in
