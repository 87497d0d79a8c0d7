"""Demo forum content: a few de-identified cases and replies. Idempotent.

The texts are data in forum/demo/topics.yaml; this module only posts them.
"""

from pathlib import Path

import yaml
from django.utils.text import slugify

from community.models import User

TOPICS = Path(__file__).resolve().parent / "demo" / "topics.yaml"


def load_topics() -> list[dict]:
    """The demo topics, each with its forum slug, author, subject, text and replies."""
    return yaml.safe_load(TOPICS.read_text(encoding="utf-8"))


def seed_forum() -> None:
    from machina.apps.forum.models import Forum
    from machina.apps.forum_conversation.models import Post, Topic

    from forum.setup import ensure_forum_structure

    ensure_forum_structure()
    for data in load_topics():
        forum = Forum.objects.get(slug=data["forum"])
        subject = data["subject"]
        if Topic.objects.filter(forum=forum, subject=subject).exists():
            continue
        author = User.objects.get(email=data["author"])
        topic = Topic.objects.create(
            forum=forum,
            poster=author,
            subject=subject,
            slug=slugify(subject)[:255],
            type=Topic.TOPIC_POST,
            status=Topic.TOPIC_UNLOCKED,
            approved=True,
        )
        Post.objects.create(
            topic=topic,
            poster=author,
            subject=subject,
            content=data["text"],
            approved=True,
        )
        topic.subscribers.add(author)
        for reply in data["replies"]:
            replier = User.objects.get(email=reply["author"])
            Post.objects.create(
                topic=topic,
                poster=replier,
                subject=f"Re: {subject}",
                content=reply["text"],
                approved=True,
            )
            topic.subscribers.add(replier)
