"""The forum renders on its own; other apps add to a topic through a hook."""

from wagtail import hooks

from forum.templatetags.forum_hooks import TOPIC_HEAD_HOOK
from tests.community import factories
from tests.forum.conftest import make_topic, topic_url


def test_the_topic_page_renders_without_any_other_app_hooked_in(
    client, cases, director, monkeypatch
):
    topic = make_topic(forum=cases, poster=factories.member(), subject="Pacing")
    client.force_login(director)
    assert "Bring this topic to a session" in client.get(topic_url(topic)).text

    monkeypatch.setitem(hooks._hooks, TOPIC_HEAD_HOOK, [])
    response = client.get(topic_url(topic))
    assert response.status_code == 200
    assert "Pacing" in response.text
    assert "Bring this topic to a session" not in response.text


def test_a_hook_that_returns_nothing_adds_nothing(client, cases, director, monkeypatch):
    topic = make_topic(forum=cases, poster=factories.member(), subject="Pacing")
    monkeypatch.setitem(hooks._hooks, TOPIC_HEAD_HOOK, [(lambda topic: None, 0)])
    client.force_login(director)
    response = client.get(topic_url(topic))
    assert response.status_code == 200
    assert "Bring this topic to a session" not in response.text
