"""The slug-free topic address that emails carry (no word of the title in it)."""

from django.urls import reverse

from tests.community import factories
from tests.forum.conftest import make_topic, reply, topic_url


def test_the_link_leads_a_member_to_the_topic_and_the_post(client, cases, member):
    topic = make_topic(forum=cases, poster=factories.member(), subject="Secret title")
    post = reply(topic=topic, poster=factories.member())
    link = reverse("community_forum:topic-link", args=[topic.pk])
    assert "secret" not in link.lower()
    client.force_login(member)
    response = client.get(f"{link}?post={post.pk}")
    assert response.status_code == 302
    assert response["Location"] == f"{topic_url(topic)}?post={post.pk}#{post.pk}"


def test_visitors_and_lapsed_members_are_refused_and_unknown_topics_are_404(
    client, cases, lapsed, member
):
    topic = make_topic(forum=cases, poster=factories.member())
    link = reverse("community_forum:topic-link", args=[topic.pk])
    assert client.get(link)["Location"].startswith(reverse("account_login"))
    client.force_login(lapsed)
    assert client.get(link)["Location"] == reverse("memberships:join")
    client.force_login(member)
    missing = reverse("community_forum:topic-link", args=[topic.pk + 1000])
    assert client.get(missing).status_code == 404
