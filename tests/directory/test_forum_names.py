"""Authors' names in the forum: a link to the directory profile when it is
listed and visible, credentials beside the name unless switched off, the
"Program director" badge, and a topic page that stays flat in queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.community import factories
from tests.directory import factories as dir_factories
from tests.forum.conftest import make_topic, reply, topic_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def cases(db):
    from machina.apps.forum.models import Forum

    return Forum.objects.get(slug="case-discussions")


def directory_link(user) -> str:
    return f'href="{reverse("directory:profile", args=[user.pk])}"'


def forum_link(user) -> str:
    return f'href="{reverse("forum_member:profile", args=[user.pk])}"'


def test_listed_author_links_to_directory_profile(client, member, cases):
    author = factories.member(
        user__display_name="Listed Author", user__credentials="LMFT"
    )
    dir_factories.profile(author)
    topic = make_topic(forum=cases, poster=author)
    client.force_login(member)
    text = client.get(topic_url(topic)).content.decode()
    assert directory_link(author) in text
    assert 'Listed Author</a><span class="directory-credentials">, LMFT' in text


def test_unlisted_or_lapsed_author_keeps_the_forum_profile_link(client, member, cases):
    unlisted = factories.member(user__display_name="Unlisted Author")
    dir_factories.profile(unlisted, listed=False)
    lapsed = factories.lapsed_member(user__display_name="Lapsed Author")
    dir_factories.profile(lapsed)
    topic = make_topic(forum=cases, poster=unlisted)
    reply(topic=topic, poster=lapsed)
    client.force_login(member)
    text = client.get(topic_url(topic)).content.decode()
    assert directory_link(unlisted) not in text
    assert directory_link(lapsed) not in text
    assert forum_link(unlisted) in text
    assert forum_link(lapsed) in text


def test_credentials_show_without_a_profile_and_hide_when_switched_off(
    client, member, cases
):
    plain = factories.member(user__credentials="PhD-PLAIN")
    private = factories.member(user__credentials="PsyD-PRIVATE")
    dir_factories.profile(private, listed=False, show_credentials=False)
    topic = make_topic(forum=cases, poster=plain)
    reply(topic=topic, poster=private)
    client.force_login(member)
    text = client.get(topic_url(topic)).content.decode()
    assert "PhD-PLAIN" in text
    assert "PsyD-PRIVATE" not in text


def test_director_has_the_program_director_badge(client, member, cases):
    boss = factories.director(display_name="Dr. Ada Lane")
    other = factories.member(user__display_name="Ordinary Member")
    topic = make_topic(forum=cases, poster=boss)
    reply(topic=topic, poster=other)
    client.force_login(member)
    text = client.get(topic_url(topic)).content.decode()
    assert text.count("Program director") == 1
    list_text = client.get(
        reverse("forum:forum", args=[cases.slug, cases.pk])
    ).content.decode()
    assert "Program director" in list_text
    assert directory_link(boss) not in list_text  # she is not listed


def test_topic_list_links_listed_authors_to_the_directory(client, member, cases):
    author = factories.member(user__display_name="Listed Starter")
    dir_factories.profile(author)
    make_topic(forum=cases, poster=author)
    client.force_login(member)
    text = client.get(reverse("forum:forum", args=[cases.slug, cases.pk])).content
    assert directory_link(author) in text.decode()


def queries(client, url) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_topic_page_stays_flat_with_directory_names(client, member, cases):
    posters = [factories.member(user__credentials=f"LCSW {i}") for i in range(5)]
    for poster in posters[:3]:
        dir_factories.profile(poster)
    posters.append(factories.director())
    topic = make_topic(forum=cases, poster=posters[0])
    reply(topic=topic, poster=posters[5])
    client.force_login(member)
    small = queries(client, topic_url(topic))
    for i in range(12):
        reply(topic=topic, poster=posters[i % 6])
    assert queries(client, topic_url(topic)) == small
    forum_url = reverse("forum:forum", args=[cases.slug, cases.pk])
    small = queries(client, forum_url)
    for i in range(6):
        make_topic(forum=cases, poster=posters[i % 6])
    assert queries(client, forum_url) == small
