"""Forum search filters by forum and by date; what cannot be a filter is a 400
with a message; the search page has one search box."""

import datetime
import re

import pytest

from tests.community import factories
from tests.forum.conftest import deny_reading, make_topic

pytestmark = pytest.mark.django_db
URL = "/forum/search/"


def subjects(response):
    return sorted(r.post.topic.subject for r in response.context["results"])


def dated(topic, day: datetime.date):
    """The topic's post written at noon (UTC) of that day."""
    from machina.apps.forum_conversation.models import Post

    noon = datetime.datetime.combine(day, datetime.time(12), tzinfo=datetime.UTC)
    Post.objects.filter(topic=topic).update(created=noon)
    return topic


@pytest.fixture
def corpus(forums, cases):
    poster = factories.member()
    theory = forums["technique-and-theory"]
    return {
        "case-june": dated(
            make_topic(
                forum=cases, poster=poster, subject="Case June", content="Grief."
            ),
            datetime.date(2026, 6, 10),
        ),
        "case-july": dated(
            make_topic(
                forum=cases, poster=poster, subject="Case July", content="Grief."
            ),
            datetime.date(2026, 7, 10),
        ),
        "theory-june": dated(
            make_topic(
                forum=theory, poster=poster, subject="Theory June", content="Grief."
            ),
            datetime.date(2026, 6, 12),
        ),
    }


def test_a_forum_limits_the_results(client, member, cases, corpus):
    client.force_login(member)
    response = client.get(URL, {"q": "grief", "forum": cases.pk})
    assert response.status_code == 200
    assert subjects(response) == ["Case July", "Case June"]


def test_dates_limit_the_results_both_days_included(client, member, corpus):
    client.force_login(member)
    response = client.get(
        URL, {"q": "grief", "since": "2026-06-10", "until": "2026-06-12"}
    )
    assert response.status_code == 200
    assert subjects(response) == ["Case June", "Theory June"]
    response = client.get(URL, {"q": "grief", "since": "2026-07-01"})
    assert subjects(response) == ["Case July"]
    response = client.get(URL, {"q": "grief", "until": "2026-06-11"})
    assert subjects(response) == ["Case June"]


def test_forum_and_dates_together(client, member, cases, corpus):
    client.force_login(member)
    response = client.get(URL, {"q": "grief", "forum": cases.pk, "until": "2026-06-30"})
    assert subjects(response) == ["Case June"]


def test_dates_are_the_members_days(client, member, cases):
    """A post at 02:00 UTC on 11 June is on 10 June in New York."""
    from machina.apps.forum_conversation.models import Post

    member.time_zone = "America/New_York"
    member.save()
    topic = make_topic(forum=cases, poster=member, subject="Late", content="Grief.")
    Post.objects.filter(topic=topic).update(
        created=datetime.datetime(2026, 6, 11, 2, tzinfo=datetime.UTC)
    )
    client.force_login(member)
    found = client.get(URL, {"q": "grief", "until": "2026-06-10"})
    assert subjects(found) == ["Late"]
    member.time_zone = "UTC"
    member.save()
    found = client.get(URL, {"q": "grief", "until": "2026-06-10"})
    assert subjects(found) == []


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"forum": "abc"}, "Choose a forum from the list."),
        ({"forum": "9" * 25}, "Choose a forum from the list."),
        ({"forum": "999999"}, "Choose a forum from the list."),
        ({"since": "2026-13-01"}, "Enter the start date as YYYY-MM-DD."),
        ({"until": "yesterday"}, "Enter the end date as YYYY-MM-DD."),
        ({"since": "1066-10-14"}, "Enter a start date between 2000 and 2100."),
        ({"since": "2026-07-01", "until": "2026-06-01"}, "The end date is before"),
    ],
)
def test_bad_filters_are_a_400_with_a_message(client, member, corpus, params, message):
    client.force_login(member)
    response = client.get(URL, {"q": "grief", **params})
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert "There is a problem" in html
    assert response.context["results"] == []


def test_a_forum_the_member_cannot_read_is_refused(client, member, forums, corpus):
    closed = forums["technique-and-theory"]
    deny_reading(member, closed)
    client.force_login(member)
    response = client.get(URL, {"q": "grief", "forum": closed.pk})
    assert response.status_code == 400
    assert "Theory June" not in response.content.decode()
    # Its name is not offered either.
    assert f'<option value="{closed.pk}"' not in response.content.decode()


def test_a_category_is_not_a_forum_to_search(client, member, corpus):
    from machina.apps.forum.models import Forum

    category = Forum.objects.create(name="A category", type=Forum.FORUM_CAT)
    client.force_login(member)
    response = client.get(URL, {"q": "grief", "forum": category.pk})
    assert response.status_code == 400


def test_people_without_membership_cannot_search(client, corpus):
    assert client.get(URL, {"q": "grief"}).status_code == 302
    client.force_login(factories.lapsed_member())
    assert client.get(URL, {"q": "grief"}).status_code in (302, 403)


def test_the_search_page_has_one_search_box(client, member, corpus):
    client.force_login(member)
    html = client.get(URL, {"q": "grief"}).content.decode()
    assert len(re.findall(r'role="search"', html)) == 1
    assert len(re.findall(r'type="search"', html)) == 1
    # Other forum pages keep the sidebar's.
    html = client.get("/forum/").content.decode()
    assert len(re.findall(r'role="search"', html)) == 1


def test_pages_of_results_keep_the_filters(client, member, cases):
    poster = factories.member()
    for n in range(21):
        make_topic(forum=cases, poster=poster, subject=f"Grief {n}", content="Grief.")
    client.force_login(member)
    response = client.get(URL, {"q": "grief", "forum": cases.pk, "since": "2000-01-01"})
    html = response.content.decode()
    next_link = re.search(r'href="([^"]*page=2[^"]*)"', html).group(1)
    assert f"forum={cases.pk}" in next_link and "since=2000-01-01" in next_link
    assert "q=grief" in next_link


def test_the_filters_show_what_was_chosen(client, member, cases, corpus):
    client.force_login(member)
    html = client.get(
        URL, {"q": "grief", "forum": cases.pk, "since": "2026-06-01"}
    ).content.decode()
    assert re.search(rf'<option value="{cases.pk}" selected>', html)
    assert 'value="2026-06-01"' in html
