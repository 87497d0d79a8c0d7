"""The privacy guard where members post: what is stored with a confirmation,
colleagues' names, and a guard that fails."""

import json

from machina.apps.forum_conversation.models import Post

from forum.models import PostPrivacyConfirmation
from tests.community import factories
from tests.forum.conftest import topic_url
from tests.forum.test_posting import IDENTIFYING, start_topic


def test_a_confirmation_stores_categories_and_offsets_but_no_matched_text(
    client, trusted_member, cases
):
    client.force_login(trusted_member)
    start_topic(client, cases, content=IDENTIFYING, privacy_confirmed="on")
    confirmation = PostPrivacyConfirmation.objects.get()
    stored = json.dumps(confirmation.matches)
    assert "Maria" not in stored and "03/14/1987" not in stored
    content = Post.objects.get().content.raw
    for match in confirmation.matches:
        assert "text" not in match
        assert 0 <= match["start"] < match["end"] <= len(content)


def test_a_members_full_name_is_not_a_client_but_a_first_name_alone_is(
    client, trusted_member, cases
):
    factories.member(user__display_name="Imogen Castellanos")
    client.force_login(trusted_member)
    text = "As Imogen Castellanos said in the last session, pacing matters here."
    response = start_topic(client, cases, content=text)
    assert response.status_code == 302, "a colleague's full name is no identifier"

    response = start_topic(client, cases, content="Imogen cancelled again today.")
    assert response.status_code == 200
    assert 'class="privacy-match"' in response.text


def test_a_failing_guard_never_blocks_posting_and_moderators_are_told(
    client, trusted_member, director, cases, monkeypatch, caplog
):
    def broken(text, **kwargs):
        raise RuntimeError("a recognizer broke")

    monkeypatch.setattr("community.privacy_forms.find_identifiers", broken)
    client.force_login(trusted_member)
    response = start_topic(client, cases, content=IDENTIFYING)
    assert response.status_code == 302
    post = Post.objects.get()
    assert post.content.raw == IDENTIFYING
    assert "The privacy check failed" in caplog.text
    assert "Maria" not in caplog.text, "the text is never logged"

    client.force_login(director)
    assert "The privacy check did not run" in client.get(topic_url(post.topic)).text
    client.force_login(factories.member())
    assert "did not run" not in client.get(topic_url(post.topic)).text


def test_the_directors_announcements_do_not_flag_schedule_dates_but_do_flag_names(
    client, director, forums, cases, trusted_member
):
    announcements = forums["announcements"]
    client.force_login(director)
    dated = "The next session is on Thursday, March 12, 2026 at 18:00 UTC."
    assert start_topic(client, announcements, content=dated).status_code == 302
    named = "Thanks to my client Maria for letting me share this."
    response = start_topic(client, announcements, content=named)
    assert response.status_code == 200
    assert 'class="privacy-match"' in response.text

    client.force_login(trusted_member)
    response = start_topic(client, cases, content="We met on March 12, 2026 again.")
    assert response.status_code == 200, "a date in a case is still flagged"
