"""Demo forum content: a few de-identified cases and replies. Idempotent."""

from django.utils.text import slugify

from community.models import User

TOPICS = [
    (
        "case-discussions",
        "dana@example.com",
        "Client cancels after every session that touches on her father",
        "A woman in her forties I have seen for about six months cancels the session "
        "after each one where we come near her father's illness. She always has a "
        "good reason. I have named the pattern once, gently, and she laughed it off. "
        "How would you bring it into the room without it feeling like an accusation?",
        [
            (
                "tomas@example.com",
                "I wonder whether the cancelling is the only way she has found to "
                "regulate how close you get. Could you name it as something that "
                "protects her, rather than something she does to the work?",
            ),
            (
                "director@example.com",
                "Good question for the next session, Dana. One option: agree together "
                "on a shorter, lighter session after the hard ones, so that coming "
                "back is easier than staying away.",
            ),
        ],
    ),
    (
        "technique-and-theory",
        "priya@example.com",
        "Rupture markers you actually notice in the moment",
        "Beyond the textbook withdrawal and confrontation markers: what do you notice "
        "first, in your body or in the client's language, when the alliance slips?",
        [
            (
                "hannah@example.com",
                "For me it is when the client starts agreeing with everything. "
                "Too smooth is my first warning sign.",
            )
        ],
    ),
    (
        "introductions",
        "hannah@example.com",
        "Hello from a family therapist",
        "I work mostly with families of adolescents, systemic training, ten years in "
        "practice. Looking forward to the sessions and to learning from all of you.",
        [],
    ),
]


def seed_forum() -> None:
    from machina.apps.forum.models import Forum
    from machina.apps.forum_conversation.models import Post, Topic

    from forum.setup import ensure_forum_structure

    ensure_forum_structure()
    for forum_slug, author_email, subject, text, replies in TOPICS:
        forum = Forum.objects.get(slug=forum_slug)
        if Topic.objects.filter(forum=forum, subject=subject).exists():
            continue
        author = User.objects.get(email=author_email)
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
            topic=topic, poster=author, subject=subject, content=text, approved=True
        )
        topic.subscribers.add(author)
        for reply_email, reply_text in replies:
            replier = User.objects.get(email=reply_email)
            Post.objects.create(
                topic=topic,
                poster=replier,
                subject=f"Re: {subject}",
                content=reply_text,
                approved=True,
            )
            topic.subscribers.add(replier)
