import pytest

from tests.community import factories


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
