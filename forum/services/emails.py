"""The forum's emails: a template under community_forum/email/ and a link to the
site. They name no topic and carry no post text; the link has no slug either.
"""

from django.conf import settings
from django.urls import reverse

from community.mail import send_templated_mail


def topic_url(topic, post=None) -> str:
    """The address an email carries: no slug, since a topic's slug is its title
    (``forum.views.topic_link`` sends the member on to the topic itself)."""
    url = reverse("community_forum:topic-link", args=[topic.pk])
    if post is not None:
        url += f"?post={post.pk}"
    return settings.SITE_URL + url


def send_forum_email(
    *, kind: str, to: list[str], headers: dict | None = None, **context
) -> None:
    send_templated_mail(
        template=f"community_forum/email/{kind}",
        to=to,
        context=context,
        headers=headers,
    )
