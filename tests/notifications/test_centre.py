"""The notification centre: the bell's unread count, the list of one's own
entries, opening one (read, then there), mark read, mark all read, and the
kinds one turns off. Another person's entry is a 404."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from notifications import services
from notifications.models import Kind, Notification
from tests.community import factories as people

pytestmark = pytest.mark.django_db


def _add(user, title="A reply in a topic you follow", url="/forum/", **kwargs):
    return services.notification_add(
        user=user, kind=Kind.FORUM_REPLY, title=title, url=url, **kwargs
    )


def test_the_bell_counts_unread_entries_and_the_centre_lists_only_ones_own(client):
    member, other = people.member(), people.member()
    _add(member, "First news")
    _add(member, "Second news")
    _add(other, "Someone else's news")
    client.force_login(member)
    page = client.get("/forum/").content.decode()
    assert '2<span class="visually-hidden"> unread</span>' in page

    centre = client.get("/notifications/").content.decode()
    assert "First news" in centre and "Second news" in centre
    assert "Someone else" not in centre
    assert centre.index("Second news") < centre.index("First news")  # newest first


def test_opening_an_entry_marks_it_read_and_goes_there(client):
    member = people.member()
    entry = _add(member, url="https://elsewhere.example/forum/topics/7/?post=9")
    assert entry.url == "/forum/topics/7/?post=9"  # a path on this site only
    client.force_login(member)
    response = client.post(reverse("notifications:open", args=[entry.pk]))
    assert response.status_code == 302
    assert response["Location"] == "/forum/topics/7/?post=9"
    entry.refresh_from_db()
    assert entry.read_at is not None
    assert "bell__count" not in client.get("/forum/").content.decode()


def test_another_persons_entry_is_a_404_and_stays_unread(client):
    owner, member = people.member(), people.member()
    entry = _add(owner)
    client.force_login(member)
    for name in ("open", "read"):
        url = reverse(f"notifications:{name}", args=[entry.pk])
        assert client.post(url).status_code == 404
    assert client.post(reverse("notifications:read", args=[99999])).status_code == 404
    entry.refresh_from_db()
    assert entry.read_at is None


def test_mark_all_read_reads_only_ones_own(client):
    member, other = people.member(), people.member()
    _add(member), _add(member)
    theirs = _add(other)
    client.force_login(member)
    response = client.post(reverse("notifications:read-all"), follow=True)
    assert "2 notifications marked as read." in response.content.decode()
    assert not Notification.objects.filter(user=member, read_at__isnull=True).exists()
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_mark_read_with_htmx_returns_the_entry(client):
    member = people.member()
    entry = _add(member, "Htmx news")
    client.force_login(member)
    response = client.post(
        reverse("notifications:read", args=[entry.pk]), HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Htmx news" in body and "Mark as read" not in body


def test_a_kind_turned_off_adds_no_entries(client):
    member = people.member()
    client.force_login(member)
    shown = [k for k in Kind.values if k != Kind.FORUM_REPLY]
    response = client.post(reverse("notifications:settings"), {"show": shown})
    assert response.status_code == 302
    assert _add(member) is None
    assert services.notification_add(
        user=member, kind=Kind.MENTION, title="Mentioned", url="/forum/"
    )
    page = client.get(reverse("notifications:settings")).content.decode()
    assert f'value="{Kind.FORUM_REPLY}" checked' not in page
    assert f'value="{Kind.MENTION}" checked' in page


def test_an_entry_with_a_key_is_added_once(client):
    member = people.member()
    assert _add(member, key="reply:5")
    assert _add(member, key="reply:5") is None
    assert Notification.objects.filter(user=member).count() == 1


def test_a_visitor_is_sent_to_sign_in(client):
    response = client.get("/notifications/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_the_centre_reads_a_flat_number_of_queries(client):
    member = people.member()
    client.force_login(member)
    for i in range(10):
        _add(member, f"News {i}")
    client.get("/notifications/")
    with CaptureQueriesContext(connection) as few:
        client.get("/notifications/")
    for i in range(190):
        _add(member, f"More news {i}")
    with CaptureQueriesContext(connection) as many:
        client.get("/notifications/")
    assert len(many) == len(few)
