"""Edit history keeps no identifier an author edited out, and search follows edits."""

import importlib

import pytest
from django.apps import apps
from django.db import connection
from django.urls import reverse

from forum import services
from forum.models import PostRevision
from forum.search import search_posts
from tests.community import factories
from tests.forum.conftest import make_topic, post_update_url, reply

pytestmark = pytest.mark.django_db

NAME, DATE = "Maria", "12 March 2023"
IDENTIFYING = (
    f"My client {NAME} first came in on {DATE} and cancels after hard sessions."
)
CLEANED = "My client first came in last spring and cancels after hard sessions."
NOTE = "Possible identifiers in earlier versions are removed from this history."


def history_url(post):
    return reverse("community_forum:post-history", args=[post.pk])


def stored_revision_text() -> str:
    return " ".join(
        f"{subject} {content}"
        for subject, content in PostRevision.objects.values_list("subject", "content")
    )


def test_an_identifier_edited_out_is_not_kept_in_the_history(
    client, trusted_member, cases
):
    topic = make_topic(
        forum=cases,
        poster=trusted_member,
        subject=f"Cancellations: my client {NAME}",
        content=IDENTIFYING,
    )
    post = topic.first_post
    client.force_login(trusted_member)
    response = client.post(
        post_update_url(post),
        {"subject": "Cancellations", "content": CLEANED, "topic_type": 0},
    )
    assert response.status_code == 302

    stored = stored_revision_text()
    assert NAME not in stored and DATE not in stored
    revision = PostRevision.objects.get()
    assert revision.content == (
        "My client [personal name removed] first came in on [date removed] "
        "and cancels after hard sessions."
    )
    assert "[personal name removed]" in revision.subject
    html = client.get(history_url(post)).content.decode()
    assert NAME not in html and DATE not in html
    assert "[date removed]" in html and NOTE in html


def test_every_match_is_redacted_even_one_the_new_text_keeps(
    client, trusted_member, cases
):
    topic = make_topic(forum=cases, poster=trusted_member, content=IDENTIFYING)
    post = topic.first_post
    client.force_login(trusted_member)
    client.post(
        post_update_url(post),
        {
            "subject": post.subject,
            "content": IDENTIFYING + " Any ideas?",
            "topic_type": 0,
            "privacy_confirmed": "on",
        },
    )
    post.refresh_from_db()
    assert post.content.raw.endswith("Any ideas?")  # the edit went through
    assert NAME not in stored_revision_text()


def test_the_directors_edit_of_a_flagged_post_is_redacted_too(
    client, director, member, trusted_member, cases
):
    topic = make_topic(forum=cases, poster=factories.member())
    post = reply(topic=topic, poster=trusted_member, content=IDENTIFYING)
    services.flag_create(post=post, user=member, reason="identifiable")
    client.force_login(director)
    response = client.post(
        post_update_url(post), {"subject": post.subject, "content": CLEANED}
    )
    assert response.status_code == 302
    post.refresh_from_db()
    assert post.content.raw == CLEANED
    revision = PostRevision.objects.get()
    assert revision.edited_by == director
    assert NAME not in stored_revision_text() and DATE not in stored_revision_text()
    for viewer in (director, trusted_member):
        client.force_login(viewer)
        html = client.get(history_url(post)).content.decode()
        assert NAME not in html and DATE not in html


def test_an_earlier_version_the_guard_cannot_check_is_withheld(
    trusted_member, cases, monkeypatch
):
    def broken(text, **kwargs):
        raise RuntimeError("recognizer failed")

    topic = make_topic(forum=cases, poster=trusted_member, content=IDENTIFYING)
    post = topic.first_post
    monkeypatch.setattr("forum.services.posting.find_identifiers", broken)
    services.post_record_revision(post_id=post.pk, editor=trusted_member)
    revision = PostRevision.objects.get()
    assert revision.content == services.REVISION_WITHHELD
    assert NAME not in stored_revision_text()


def test_the_migration_redacts_revisions_stored_before(trusted_member, cases):
    topic = make_topic(forum=cases, poster=trusted_member)
    old = PostRevision.objects.create(
        post=topic.first_post, subject=f"About my client {NAME}", content=IDENTIFYING
    )
    clean = PostRevision.objects.create(
        post=topic.first_post, subject="Pacing", content=CLEANED
    )
    migration = importlib.import_module(
        "forum.migrations.0005_redact_revisions_and_rejected_text_retention"
    )
    for _ in range(2):  # a second run finds nothing left to do
        migration.redact_revisions(apps, None)
    old.refresh_from_db()
    clean.refresh_from_db()
    assert NAME not in old.subject + old.content and DATE not in old.content
    assert "[personal name removed]" in old.content
    assert (clean.subject, clean.content) == ("Pacing", CLEANED)


def test_search_no_longer_finds_a_word_an_edit_removed(client, trusted_member, cases):
    if connection.vendor != "postgresql":
        pytest.skip("the stored tsvector (migration 0002) exists on PostgreSQL only")
    from machina.apps.forum.models import Forum

    topic = make_topic(
        forum=cases,
        poster=trusted_member,
        subject="Pacing",
        content="We worked on the rupture in the alliance.",
    )
    post = topic.first_post
    readable = Forum.objects.all()
    found = search_posts(query="rupture", readable_forums=readable)
    assert [r.post.pk for r in found] == [post.pk]
    client.force_login(trusted_member)
    client.post(
        post_update_url(post),
        {
            "subject": "Pacing",
            "content": "We worked on the repair in the alliance.",
            "topic_type": 0,
        },
    )
    assert search_posts(query="rupture", readable_forums=readable) == []
    found = search_posts(query="repair", readable_forums=readable)
    assert [r.post.pk for r in found] == [post.pk]
