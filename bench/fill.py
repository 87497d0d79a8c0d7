"""Fill a migrated PostgreSQL database with a community of a given size.

    DJANGO_SETTINGS_MODULE=bench.settings python -m bench.fill --scale 1.0 --out F

At scale 1: 10,000 members, 5,000 topics with 100,000 posts (one forum with
1,000 topics, one topic with 200 posts), 150 coaching sessions with 6,000
questions (one with 100) and 40,000 votes, a 60-lesson course with progress
for 5,000 members, and 500 videos. Rows go in with bulk_create and
INSERT ... SELECT; the few Wagtail pages through Wagtail's own tree API.
Writes the URLs to measure and session cookies for signed-in members to F.
"""

import argparse
import json
import time
from datetime import timedelta

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import (  # noqa: E402
    BACKEND_SESSION_KEY,
    HASH_SESSION_KEY,
    SESSION_KEY,
)
from django.contrib.auth.hashers import make_password  # noqa: E402
from django.contrib.sessions.backends.db import SessionStore  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

WORDS = [
    "alliance", "rupture", "repair", "boundary", "transference", "shame", "grief",
    "avoidance", "exposure", "formulation", "pacing", "silence", "anger", "trauma",
    "attachment", "defence", "resistance", "humour", "session", "homework",
]  # fmt: skip
TAGS = [
    "alliance", "assessment", "case formulation", "ruptures", "ethics", "endings",
    "trauma", "couples", "supervision skills", "session recording",
]  # fmt: skip
LOAD_USERS = 25


class Timer:
    def __init__(self):
        self.start = self.last = time.perf_counter()

    def lap(self, label: str) -> None:
        now = time.perf_counter()
        print(f"  {label:<42} {now - self.last:6.1f} s")  # noqa: T201
        self.last = now


def sql(statement: str, params=()) -> None:
    with connection.cursor() as cursor:
        cursor.execute(statement, params)


def fill_people(n_members: int):
    from allauth.account.models import EmailAddress

    from community.models import User
    from community.roles import ensure_roles
    from memberships.models import Membership

    password = make_password("bench-password-2026")
    User.objects.bulk_create(
        User(
            email=f"member{i}@bench.example", display_name=f"Member {i}",
            password=password, time_zone="America/New_York",
        )
        for i in range(n_members)
    )  # fmt: skip
    director = User.objects.create(
        email="director@bench.example", display_name="Dr. Bench Director",
        password=password, time_zone="America/Los_Angeles",
    )  # fmt: skip
    director.groups.add(ensure_roles())
    users = list(User.objects.order_by("pk").values_list("pk", flat=True))
    EmailAddress.objects.bulk_create(
        EmailAddress(user_id=pk, email=f"u{pk}@bench.example", verified=True,
                     primary=True)
        for pk in users
    )  # fmt: skip
    period_end = timezone.now() + timedelta(days=20)
    Membership.objects.bulk_create(
        Membership(user_id=pk, status="active", current_period_end=period_end)
        for pk in users
    )
    return users[:n_members], director


def fill_forum(members, *, topics: int, posts: int, big_forum_topics: int):
    from machina.apps.forum.models import Forum
    from machina.apps.forum_conversation.models import Topic
    from machina.apps.forum_member.models import ForumProfile

    forums = list(Forum.objects.exclude(slug="announcements").order_by("pk"))
    big_forum = next(f for f in forums if f.slug == "case-discussions")
    others = [f for f in forums if f.pk != big_forum.pk]
    rows = []
    for i in range(topics):
        forum = big_forum if i < big_forum_topics else others[i % len(others)]
        rows.append(
            Topic(
                forum=forum, poster_id=members[i % len(members)],
                subject=f"Case {i}: {WORDS[i % 20]} and {WORDS[(i // 20) % 20]}",
                slug=f"case-{i}", type=Topic.TOPIC_POST,
                status=Topic.TOPIC_UNLOCKED, approved=True,
            )
        )  # fmt: skip
    Topic.objects.bulk_create(rows, batch_size=2000)
    first_topic = Topic.objects.order_by("pk").values_list("pk", flat=True)[0]
    big_topic_posts = max(posts // 500, 2)  # 200 at full size
    words = "ARRAY[" + ",".join(f"'{w}'" for w in WORDS) + "]"
    # Topic 0 gets the long thread; every topic gets at least its first post.
    sql(
        f"""
        INSERT INTO forum_conversation_post
            (created, updated, topic_id, poster_id, subject, content, approved,
             enable_signature, updates_count, _content_rendered)
        SELECT now() - ((%s - n) || ' minutes')::interval, now(),
               CASE WHEN n <= %s THEN %s
                    ELSE %s + 1 + (n %% (%s - 1)) END,
               %s + ((n * 7919) %% %s),
               'Re: case ' || n,
               'We worked on ' || ({words})[1 + n %% 20] || ' and '
               || ({words})[1 + (n / 20) %% 20] || ' in session ' || n
               || '. The client talked about ' || ({words})[1 + (n / 400) %% 20]
               || ', and I wondered what to try next.',
               true, false, 0,
               '<p>We worked on ' || ({words})[1 + n %% 20] || ' in session ' || n
               || '.</p>'
        FROM generate_series(1, %s) AS n
        """,  # noqa: S608 - fixed word list; numbers are parameters
        [posts, big_topic_posts, first_topic, first_topic, topics, members[0],
         len(members), posts],
    )  # fmt: skip
    sql(
        """
        UPDATE forum_conversation_topic t
        SET posts_count = s.n, first_post_id = s.first, last_post_id = s.last,
            last_post_on = s.last_on
        FROM (SELECT topic_id, count(*) n, min(id) first, max(id) last,
                     max(created) last_on
              FROM forum_conversation_post GROUP BY topic_id) s
        WHERE t.id = s.topic_id
        """
    )
    sql(
        """
        UPDATE forum_forum f
        SET direct_topics_count = s.topics, direct_posts_count = s.posts,
            last_post_id = s.last, last_post_on = s.last_on
        FROM (SELECT t.forum_id, count(DISTINCT t.id) topics, count(p.id) posts,
                     max(p.id) last, max(p.created) last_on
              FROM forum_conversation_topic t
              JOIN forum_conversation_post p ON p.topic_id = t.id
              GROUP BY t.forum_id) s
        WHERE f.id = s.forum_id
        """
    )
    ForumProfile.objects.bulk_create(
        (ForumProfile(user_id=pk) for pk in members), batch_size=5000
    )
    sql(
        """
        UPDATE forum_member_forumprofile fp SET posts_count = s.n
        FROM (SELECT poster_id, count(*) n FROM forum_conversation_post
              GROUP BY poster_id) s
        WHERE fp.user_id = s.poster_id
        """
    )
    sql("ANALYZE forum_conversation_post; ANALYZE forum_conversation_topic")
    return big_forum, Topic.objects.get(pk=first_topic)


def fill_sessions(members, *, sessions: int, questions: int, votes: int):
    from sessions.models import CoachingSession, Question

    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    upcoming = max(sessions // 8, 2)
    rows = []
    for i in range(sessions):
        starts = now + timedelta(days=14 * (i - (sessions - upcoming)) + 3)
        rows.append(
            CoachingSession(
                title=f"Group coaching {i}", starts_at=starts,
                questions_close_at=starts - timedelta(hours=48),
                meeting_url="https://meet.example.org/bench", duration_minutes=90,
                status="done" if starts < now else "scheduled",
            )
        )  # fmt: skip
    CoachingSession.objects.bulk_create(rows)
    ordered = list(CoachingSession.objects.order_by("starts_at"))
    big = ordered[sessions - upcoming]  # the next one: open for questions
    big_questions = max(questions // 60, 2)  # 100 at full size
    rest = [s for s in ordered if s.pk != big.pk]
    question_rows = []
    for i in range(questions):
        session = big if i < big_questions else rest[i % len(rest)]
        question_rows.append(
            Question(
                session=session, author_id=members[(i * 13) % len(members)],
                title=f"How do I work with {WORDS[i % 20]} here? ({i})",
                body=f"A client in her forties; {WORDS[(i // 20) % 20]} again.",
                status="answered" if session.starts_at < now else "submitted",
            )
        )  # fmt: skip
    Question.objects.bulk_create(question_rows, batch_size=2000)
    first_question = Question.objects.order_by("pk").values_list("pk", flat=True)[0]

    sql(
        """
        INSERT INTO coaching_sessions_vote (question_id, user_id, created_at)
        SELECT %s + (n %% %s), %s + (((n %% %s) * 31 + (n / %s) * 977) %% %s), now()
        FROM generate_series(0, %s - 1) AS n
        ON CONFLICT DO NOTHING
        """,
        [first_question, questions, members[0], questions, questions, len(members),
         votes],
    )  # fmt: skip
    sql(
        """
        UPDATE coaching_sessions_question q SET vote_count = s.n
        FROM (SELECT question_id, count(*) n FROM coaching_sessions_vote
              GROUP BY question_id) s
        WHERE q.id = s.question_id
        """
    )

    return big


def fill_course(members, *, lessons: int, learners: int):
    from courses.models import CoursePage, LessonPage, LessonProgress, ModulePage
    from courses.setup import ensure_library_pages

    course_index, _videos = ensure_library_pages()
    course = course_index.add_child(
        instance=CoursePage(title="The common infrastructure", slug="infrastructure",
                            summary="What every therapy shares.")
    )  # fmt: skip
    body = [{"type": "text", "value": "<p>" + " ".join(WORDS * 15) + "</p>"}]
    per_module = 10
    for m in range((lessons + per_module - 1) // per_module):
        module = course.add_child(instance=ModulePage(title=f"Module {m + 1}"))
        for n in range(min(per_module, lessons - m * per_module)):
            module.add_child(
                instance=LessonPage(title=f"Lesson {m + 1}.{n + 1}",
                                    estimated_minutes=10, body=body)
            )  # fmt: skip
    lesson_ids = list(
        LessonPage.objects.descendant_of(course)
        .order_by("path")
        .values_list("pk", flat=True)
    )
    now = timezone.now()
    rows = []
    for k, user in enumerate(members[:learners]):
        for lesson in lesson_ids[: k % (len(lesson_ids) + 1)]:
            rows.append(
                LessonProgress(user_id=user, lesson_id=lesson, lesson_title="Lesson",
                               last_viewed_at=now, completed_at=now)
            )  # fmt: skip
        if len(rows) >= 20_000:
            LessonProgress.objects.bulk_create(rows)
            rows = []
    LessonProgress.objects.bulk_create(rows)
    return course, LessonPage.objects.get(pk=lesson_ids[len(lesson_ids) // 2])


def fill_videos(count: int):
    from taggit.models import Tag

    from courses.models import VideoPage, VideoPageTag
    from courses.setup import ensure_library_pages

    _course_index, video_index = ensure_library_pages()
    tags = [Tag.objects.get_or_create(name=name)[0] for name in TAGS]
    today = timezone.localdate()
    for i in range(count):
        video_index.add_child(
            instance=VideoPage(
                title=f"Talk {i}: {WORDS[i % 20]} in practice",
                slug=f"talk-{i}", video_url=f"https://media.example.org/talk-{i}",
                description=f"<p>On {WORDS[(i // 20) % 20]} and {WORDS[i % 7]}.</p>",
                speaker="Dr. Bench Director", duration_minutes=5 + (i * 7) % 80,
                recorded_on=today - timedelta(days=i),
            )
        )  # fmt: skip
    videos = list(VideoPage.objects.values_list("pk", flat=True))
    VideoPageTag.objects.bulk_create(
        VideoPageTag(content_object_id=pk, tag=tags[(i + j) % len(tags)])
        for i, pk in enumerate(videos)
        for j in range(2)
    )


def signed_in_cookies(user_ids) -> list[str]:
    from community.models import User

    cookies = []
    for user in User.objects.filter(pk__in=user_ids):
        store = SessionStore()
        store[SESSION_KEY] = str(user.pk)
        store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        store[HASH_SESSION_KEY] = user.get_session_auth_hash()
        store.set_expiry(7 * 86400)
        store.save()
        cookies.append(f"{settings.SESSION_COOKIE_NAME}={store.session_key}")
    return cookies


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    s = args.scale
    timer = Timer()
    print(f"Filling {connection.settings_dict['NAME']} at scale {s}")  # noqa: T201
    with transaction.atomic():
        members, director = fill_people(int(10_000 * s))
    timer.lap(f"{len(members):,} members")
    with transaction.atomic():
        forum, topic = fill_forum(
            members, topics=int(5_000 * s), posts=int(100_000 * s),
            big_forum_topics=int(1_000 * s),
        )  # fmt: skip
    timer.lap(f"{int(5_000 * s):,} topics, {int(100_000 * s):,} posts")
    with transaction.atomic():
        session = fill_sessions(
            members, sessions=max(int(150 * s), 8), questions=int(6_000 * s),
            votes=int(40_000 * s),
        )  # fmt: skip
    timer.lap("sessions, questions, votes")
    with transaction.atomic():
        course, lesson = fill_course(members, lessons=60, learners=int(5_000 * s))
    timer.lap("course (60 lessons) and progress")
    with transaction.atomic():
        fill_videos(int(500 * s))
    timer.lap(f"{int(500 * s)} videos")
    sql("VACUUM ANALYZE")
    timer.lap("VACUUM ANALYZE")
    pages = {
        "floor": "/bench/floor/",
        "dashboard": "/",
        "forum index": "/forum/",
        "forum category (1,000 topics)": f"/forum/forum/{forum.slug}-{forum.pk}/",
        "topic (200 posts, paginated)": (
            f"/forum/forum/{forum.slug}-{forum.pk}/topic/{topic.slug}-{topic.pk}/"
        ),
        "forum search": "/forum/search/?q=rupture+repair",
        "sessions list": "/sessions/",
        "session (100 questions)": f"/sessions/{session.pk}/",
        "curation board": f"/sessions/{session.pk}/curate/",
        "course page": course.url,
        "lesson": lesson.url,
        "video index, tag filter": "/videos/?tag=ruptures",
        "video search": "/videos/?q=shame",
    }
    targets = {
        "pages": pages,
        "director_pages": ["curation board"],
        "members": signed_in_cookies(members[:LOAD_USERS]),
        "director": signed_in_cookies([director.pk])[0],
        "fill_seconds": round(time.perf_counter() - timer.start, 1),
    }
    with open(args.out, "w") as out:
        json.dump(targets, out, indent=1)
    print(f"  total {targets['fill_seconds']:.1f} s")  # noqa: T201


if __name__ == "__main__":
    main()
