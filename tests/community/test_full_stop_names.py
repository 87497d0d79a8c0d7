"""A sentence that ends with a name ending in "." shows one full stop, not two
("Walker T.", never "Walker T..")."""

import re

import pytest
from django.template import Context, Template
from django.urls import reverse

from community.text import full_stop
from tests.community import factories
from tests.forum.conftest import make_topic, post_create_url

NAME = "Walker T."


@pytest.fixture
def cases(db):
    from machina.apps.forum.models import Forum

    return Forum.objects.get(slug="case-discussions")


@pytest.fixture
def trusted_member(db, settings):
    """A member past the forum's pre-moderation."""
    settings.FORUM_PREMODERATED_POSTS = 0
    return factories.member()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Walker T.", "Walker T."),
        ("Walker", "Walker."),
        ("Dana, Walker T.", "Dana, Walker T."),
        ("Who?", "Who?"),
        ("Wow!", "Wow!"),
        ("Dr. “A.”", "Dr. “A.”"),
        ("Walker T. ", "Walker T."),
        ("", ""),
        (None, ""),
    ],
)
def test_full_stop_adds_one_only_where_there_is_none(text, expected):
    assert full_stop(text) == expected


def test_the_filter_escapes_and_keeps_one_full_stop():
    template = Template("{% load sentences %}By {{ name|full_stop }}")
    assert template.render(Context({"name": "<b>T."})) == "By &lt;b&gt;T."
    assert template.render(Context({"name": "Lee"})) == "By Lee."


def no_double_stop(html: str) -> bool:
    return re.search(r"T\.\.", html) is None


@pytest.mark.django_db
def test_the_author_is_told_who_was_not_notified_with_one_full_stop(
    client, cases, trusted_member
):
    factories.lapsed_member(user__display_name=NAME)
    topic = make_topic(forum=cases, poster=factories.member())
    client.force_login(trusted_member)
    response = client.post(
        post_create_url(topic),
        {"subject": "Re", "content": f"Perhaps @{NAME} knows."},
        follow=True,
    )
    html = response.content.decode()
    assert f"(they cannot read this forum): {NAME}" in html
    assert no_double_stop(html)


@pytest.mark.django_db
def test_the_edit_history_names_the_author_with_one_full_stop(client, cases):
    author = factories.member(user__display_name=NAME)
    topic = make_topic(forum=cases, poster=author)
    client.force_login(author)
    url = reverse("community_forum:post-history", args=[topic.first_post.pk])
    html = client.get(url).content.decode()
    assert f"by {NAME} Newest first" in html
    assert no_double_stop(html)
    # Someone else's history is not shown.
    client.force_login(factories.member())
    assert client.get(url).status_code == 404


@pytest.mark.django_db
def test_signing_in_names_the_member_with_one_full_stop(client):
    user = factories.member(user__display_name=NAME)
    user.set_password("a long enough password 42")
    user.save()
    response = client.post(
        reverse("account_login"),
        {"login": user.email, "password": "a long enough password 42"},
        follow=True,
    )
    texts = [str(m) for m in response.context["messages"]]
    assert f"Signed in as {NAME}" in texts
    assert no_double_stop(" ".join(texts))
