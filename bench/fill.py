"""Fill a migrated PostgreSQL database with a community of a given size.

    DJANGO_SETTINGS_MODULE=bench.settings python -m bench.fill --scale 1.0 --out F

At scale 1: 10,000 members, 5,000 topics with 100,000 posts (one forum with
1,000 topics, one topic with 200 posts), 150 coaching sessions with 6,000
questions (one with 100) and 40,000 votes, a 60-lesson course with progress
for 5,000 members, 500 videos, 7,000 listed directory profiles with terms and
licences, and 2,000 consultation cases in every state
(most closed or delivered) with their offers, messages and reports, from a pool
of 50 consultants (some attendings, some away). Rows go in with bulk_create and
INSERT ... SELECT; the few Wagtail pages through Wagtail's own tree API.
Writes the URLs to measure and session cookies for signed-in members, the
director and one consultant to F.
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
    from allauth.mfa.models import Authenticator

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
    # Staff tools (the curation board, /consultations/director/) need a second
    # factor set up (community.middleware); the session is signed in already.
    Authenticator.objects.create(
        user=director, type=Authenticator.Type.TOTP, data={"secret": "bench"}
    )
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


# Consultations ----------------------------------------------------------------------
#
# The mix of states, per 100 cases: most are over (closed, delivered), the rest
# spread over the flow. Each case is written directly in its state with the
# offers, clocks, messages and report that state implies (as consultations/demo.py
# does), never replayed through the services.
CASE_MIX = [
    ("closed", 45), ("delivered", 15), ("submitted", 3), ("triage", 4),
    ("returned", 1), ("declined", 1), ("matching", 2), ("offered", 5),
    ("accepted", 4), ("in_conference", 4), ("drafting", 6), ("in_signoff", 4),
    ("escalated", 2), ("cancelled", 4),
]  # fmt: skip
LED = {
    "accepted", "in_conference", "drafting", "in_signoff", "escalated",
    "delivered", "closed",
}  # fmt: skip
REPORTED = {"drafting", "in_signoff", "delivered", "closed"}
DISCUSSED = {"in_conference", "drafting", "in_signoff", "delivered", "closed"}


def _consultant_users(n: int, password: str) -> list[int]:
    from allauth.account.models import EmailAddress

    from community.models import User

    users = User.objects.bulk_create(
        User(
            email=f"consultant{i}@bench.example", display_name=f"Dr. Consultant {i}",
            password=password, time_zone=("Europe/Berlin", "America/Chicago")[i % 2],
        )
        for i in range(n)
    )  # fmt: skip
    EmailAddress.objects.bulk_create(
        EmailAddress(user=u, email=u.email, verified=True, primary=True) for u in users
    )
    return [u.pk for u in users]


def fill_consultations(members, director, *, cases: int, consultants: int):
    """``cases`` cases from members (member 0, the one measured, has one in
    every state plus a tenth of a percent of the rest), ``consultants`` in the
    pool. Consultant 0 (measured) is an attending with pending offers on a
    fifth of the offered cases, leading a tenth of the open ones and sitting
    on more panels; the case measured is a draft report they lead, with a
    conference and questions thread that grow with the scale."""
    import random

    from community.models import Orientation
    from consultations.models import (
        AuditEvent,
        Case,
        CaseMessage,
        ConsentRecord,
        ConsultantAway,
        ConsultantProfile,
        Offer,
        PanelMember,
        Report,
        ReportVersion,
        Tag,
    )  # fmt: skip
    from consultations.report_sections import section_keys
    from consultations.selectors.requests import current_consent

    rng = random.Random(2026)  # noqa: S311 - a repeatable shuffle
    now = timezone.now().replace(microsecond=0)
    today = timezone.localdate()
    password = make_password("bench-password-2026")

    tags = Tag.objects.bulk_create(
        Tag(kind=kind, name=name)
        for kind, names in [
            ("modality", ["Psychodynamic", "CBT", "Schema therapy", "ACT", "EFT"]),
            ("population", ["Adolescents", "Couples and families",
                            "Personality difficulties", "Older adults"]),
            ("question", ["Diagnostic question", "Treatment impasse", "Risk"]),
        ]
        for name in names
    )  # fmt: skip
    orientations = list(Orientation.objects.values_list("pk", flat=True))
    consultant_ids = _consultant_users(consultants, password)
    profiles = ConsultantProfile.objects.bulk_create(
        ConsultantProfile(
            user_id=pk, credentials="PhD, clinical psychologist",
            max_open_cases=3 + i % 3, is_attending=i % 5 == 0,
            active=i % 25 != 24,
        )
        for i, pk in enumerate(consultant_ids)
    )  # fmt: skip
    ConsultantProfile.specialties.through.objects.bulk_create(
        ConsultantProfile.specialties.through(
            consultantprofile_id=p.pk, tag_id=tags[(i + j) % len(tags)].pk
        )
        for i, p in enumerate(profiles)
        for j in range(1 + i % 3)
    )
    if orientations:
        ConsultantProfile.orientations.through.objects.bulk_create(
            ConsultantProfile.orientations.through(
                consultantprofile_id=p.pk,
                orientation_id=orientations[i % len(orientations)],
            )
            for i, p in enumerate(profiles)
        )
    # Away: every fourth consultant, now, next week, or earlier this year.
    ConsultantAway.objects.bulk_create(
        ConsultantAway(
            consultant=p,
            starts_on=today + timedelta(days=(-2, 7, -120)[i // 4 % 3]),
            ends_on=today + timedelta(days=(3, 13, -110)[i // 4 % 3]),
        )
        for i, p in enumerate(profiles)
        if i % 4 == 1
    )

    # The states, shuffled; member 0 gets one case in every state first.
    statuses = [s for s, _ in CASE_MIX]
    weighted = [s for s, w in CASE_MIX for _ in range(w)]
    rest = [weighted[i % 100] for i in range(cases - len(statuses))]
    rng.shuffle(rest)
    statuses += rest
    others = members[25:] or members
    measured_member_extra = max(cases // 100, 2)  # 20 at full size
    busy = consultant_ids[0]
    pool = [pk for i, pk in enumerate(consultant_ids) if i and i % 25 != 24]
    sections = {
        key: {"text": f"On {WORDS[n % 20]} and {WORDS[(n * 3) % 20]}: " * 8,
              "shareable": n % 2 == 0}
        for n, key in enumerate(section_keys())
    }  # fmt: skip
    consent = current_consent()

    rows, measured_at = [], None
    for i, status in enumerate(statuses):
        if i < len(CASE_MIX) + measured_member_extra:
            requester = members[0]
        elif i % 5 == 0:
            requester = members[1 + i % 24]  # the other load members
        else:
            requester = others[(i * 7919) % len(others)]
        if status in ("closed", "cancelled", "declined"):
            age = timedelta(days=15 + (i * 37) % 700, hours=i % 24)
        elif status == "delivered":
            age = timedelta(days=3 + i % 12, hours=i % 24)
        else:
            age = timedelta(days=i % 5, hours=1 + i % 20)
        created = now - age
        submitted = created + timedelta(hours=1)
        case = Case(
            reference=f"bench-{i}", requester_id=requester, status=status,
            urgency="expedited" if i % 9 == 0 else "standard",
            referral_question=f"How do I work with {WORDS[i % 20]} here? ({i})",
            modality="CBT with some ACT", frequency="Weekly",
            duration=f"{1 + i % 18} months",
            tried=f"Work on {WORDS[(i // 20) % 20]}.",
            case_summary=f"A client in her forties; {WORDS[(i * 3) % 20]} again. "
            * 10,
            risk_notes="No current risk reported.",
            interview_requested=i % 10 == 3, submitted_at=submitted,
        )  # fmt: skip
        case._bench = {"created": created}
        if status in LED:
            lead = busy if i % 10 == 0 else pool[i % len(pool)]
            if status == "drafting" and measured_at is None:
                measured_at, lead = i, busy
            if status == "escalated" and i % 2:
                lead = None  # two offers lapsed: no reviewer
            if lead:
                case.lead_reviewer_id = lead
                case.accepted_at = submitted + timedelta(hours=6)
                case.due_at = case.accepted_at + timedelta(hours=48)
                if status not in ("delivered", "closed"):
                    # Open: some overdue, most due in the coming two days.
                    case.accepted_at = now - timedelta(hours=2 + i % 40)
                    case.due_at = case.accepted_at + timedelta(hours=48)
        if status == "escalated":
            case.escalation = "overdue" if case.lead_reviewer_id else "lapses"
            case.consecutive_lapses = 0 if case.lead_reviewer_id else 2
        if status in ("delivered", "closed"):
            case.delivered_at = case.due_at - timedelta(hours=3)
            if status == "delivered":
                case.delivered_at = now - timedelta(days=i % 12, hours=2)
        if status == "closed":
            case.closed_at = case.delivered_at + timedelta(days=2)
        if status in ("cancelled", "declined"):
            case.closed_at = submitted + timedelta(days=1)
        if status in ("in_conference", "drafting") and i % 3 == 0:
            case.conference_at = now + timedelta(days=1, hours=i % 8)
            case.conference_url = "https://meet.example.org/bench-case"
        rows.append(case)
    Case.objects.bulk_create(rows, batch_size=2000)
    # created_at is auto_now_add: set it as each case's age says.
    sql(
        "UPDATE consultations_case c SET created_at = v.created "
        "FROM unnest(%s::int[], %s::timestamptz[]) AS v(id, created) "
        "WHERE c.id = v.id",
        [[c.pk for c in rows], [c._bench["created"] for c in rows]],
    )
    sql(
        "UPDATE consultations_case SET reference = 'C-' || "
        "to_char(created_at, 'YYYY') || '-' || lpad(id::text, 4, '0')"
    )
    Case.tags.through.objects.bulk_create(
        Case.tags.through(case_id=c.pk, tag_id=tags[(i + j) % len(tags)].pk)
        for i, c in enumerate(rows)
        if c.status not in ("submitted", "draft")
        for j in range(1 + i % 3)
    )

    offers, panel, messages, reports, consents, events = [], [], [], [], [], []
    n_offered = 0
    for i, case in enumerate(rows):
        status = case.status
        lead = case.lead_reviewer_id
        if status == "offered":
            # One or two pending (consultant 0 on every fifth), one queued.
            first = busy if n_offered % 5 == 0 else pool[i % len(pool)]
            n_offered += 1
            candidates = [first] + [
                c for c in (pool[(i + 1) % len(pool)], pool[(i + 2) % len(pool)])
                if c != first
            ]  # fmt: skip
            for rank, consultant in enumerate(candidates[:3], start=1):
                pending = rank <= 1 + i % 2
                offers.append(
                    Offer(
                        case=case, consultant_id=consultant, rank=rank,
                        status="pending" if pending else "queued",
                        offered_at=now - timedelta(hours=1 + i % 10) if pending
                        else None,
                        accept_by=now + timedelta(hours=1 + i % 11) if pending
                        else None,
                        offered_by=director,
                    )
                )  # fmt: skip
        if status == "escalated" and not lead:  # two offers lapsed in a row
            for rank in (1, 2):
                offers.append(
                    Offer(
                        case=case, consultant_id=pool[(i + rank) % len(pool)],
                        rank=rank, status="expired",
                        offered_at=now - timedelta(hours=40 - 13 * rank),
                        accept_by=now - timedelta(hours=28 - 13 * rank),
                        offered_by=director,
                    )
                )  # fmt: skip
        if lead:
            if i % 4 == 0:  # an earlier offer lapsed
                other = pool[(i + 3) % len(pool)]
                if other != lead:
                    offers.append(
                        Offer(
                            case=case, consultant_id=other, rank=1, status="expired",
                            offered_at=case.accepted_at - timedelta(hours=20),
                            accept_by=case.accepted_at - timedelta(hours=8),
                            offered_by=director,
                        )
                    )  # fmt: skip
            offers.append(
                Offer(
                    case=case, consultant_id=lead, rank=2, status="accepted",
                    offered_at=case.accepted_at - timedelta(hours=4),
                    accept_by=case.accepted_at + timedelta(hours=8),
                    responded_at=case.accepted_at,
                    coi_declared_at=case.accepted_at, offered_by=director,
                )
            )  # fmt: skip
        if lead and status in DISCUSSED | {"escalated"}:
            seats = [
                c for c in (pool[(i + 5) % len(pool)], busy if i % 7 == 0 else None)
                if c and c != lead
            ]  # fmt: skip
            for seat in dict.fromkeys(seats):
                panel.append(PanelMember(case=case, user_id=seat, invited_by_id=lead))
            for k in range(2 + i % 3):
                messages.append(
                    CaseMessage(
                        case=case, thread="conference",
                        author_id=(lead, *seats)[k % (1 + len(seats))],
                        body=f"I read the {WORDS[(i + k) % 20]} differently. " * 5,
                    )
                )  # fmt: skip
            for k in range(i % 3):
                messages.append(
                    CaseMessage(
                        case=case, thread="questions",
                        author_id=(lead, case.requester_id)[k % 2],
                        body=f"How often does {WORDS[(i + k) % 20]} come up? " * 3,
                    )
                )  # fmt: skip
        if lead and status in REPORTED:
            signed = status in ("delivered", "closed")
            reports.append(
                Report(
                    case=case, author_id=lead, sections=sections,
                    submitted_at=None if status == "drafting"
                    else case.accepted_at + timedelta(hours=30),
                    approved_by=director if signed else None,
                    approved_at=case.delivered_at if signed else None,
                    acknowledged_at=case.closed_at if status == "closed" else None,
                    rating_helpful=True if status == "closed" else None,
                )
            )  # fmt: skip
        if case.interview_requested:
            consents.append(
                ConsentRecord(
                    case=case, kind="given", consent_version=consent.version,
                    consent_text=consent.text, obtained_on=today - timedelta(days=9),
                    method="in_session", recorded_by_id=case.requester_id,
                )
            )  # fmt: skip
        events.append(
            AuditEvent(
                case=case, actor_id=case.requester_id, actor_name="Member",
                action="transition", target="submit", from_status="draft",
                to_status="submitted",
            )
        )  # fmt: skip
        if lead:
            events.append(
                AuditEvent(
                    case=case, actor_id=lead, actor_name="Dr. Consultant",
                    action="view", target="case",
                )
            )  # fmt: skip

    # The case measured: a draft report consultant 0 leads, whose conference and
    # questions grow with the scale (40 and 20 messages at full size).
    measured = rows[measured_at]
    grow = max(len(rows) // 50, 4)
    seats = [c for c in pool[:3] if c != busy]
    panel = [p for p in panel if p.case_id != measured.pk] + [
        PanelMember(case=measured, user_id=seat, invited_by_id=busy) for seat in seats
    ]
    for k in range(grow):
        messages.append(
            CaseMessage(
                case=measured, thread="conference", author_id=(busy, *seats)[k % 3],
                body=f"On {WORDS[k % 20]}: what the panel thinks. " * 6,
            )
        )  # fmt: skip
    for k in range(grow // 2):
        messages.append(
            CaseMessage(
                case=measured, thread="questions",
                author_id=(busy, measured.requester_id)[k % 2],
                body=f"Does {WORDS[k % 20]} show in the sessions? " * 3,
            )
        )  # fmt: skip
    for k in range(grow):
        events.append(
            AuditEvent(
                case=measured, actor_id=seats[k % len(seats)],
                actor_name=f"Dr. Consultant {k % len(seats) + 1}",
                action="view", target="conference",
            )
        )  # fmt: skip

    Offer.objects.bulk_create(offers, batch_size=5000)
    PanelMember.objects.bulk_create(panel, batch_size=5000, ignore_conflicts=True)
    CaseMessage.objects.bulk_create(messages, batch_size=5000)
    Report.objects.bulk_create(reports, batch_size=2000)
    ConsentRecord.objects.bulk_create(consents, batch_size=2000)
    AuditEvent.objects.bulk_create(events, batch_size=5000)
    measured_report = Report.objects.get(case=measured)
    ReportVersion.objects.bulk_create(
        ReportVersion(report=measured_report, number=n, sections=sections,
                      saved_by_id=busy)
        for n in range(1, 1 + max(grow // 4, 2))
    )  # fmt: skip
    # Consultant 0 may lead as many as the bench gives them.
    ConsultantProfile.objects.filter(user_id=busy).update(
        is_attending=True, max_open_cases=100
    )
    return busy, measured


def fill_reactions(members, topic) -> None:
    """Reactions on every post of the counted topic: a few members each."""
    from machina.apps.forum_conversation.models import Post

    from forum.models import PostReaction

    post_ids = list(Post.objects.filter(topic=topic).values_list("pk", flat=True))
    PostReaction.objects.bulk_create(
        [
            PostReaction(
                post_id=post_id, user_id=members[(i + j) % len(members)], kind=kind
            )
            for i, post_id in enumerate(post_ids)
            for j, kind in enumerate(["helpful", "thanks", "helpful"])
        ],
        batch_size=5_000,
        ignore_conflicts=True,
    )


def fill_notifications(members, *, entries: int) -> None:
    """``entries`` notification-centre entries for each member who drives the
    load (members[0] is the one whose pages are counted)."""
    from notifications.models import Kind, Notification

    kinds = Kind.values
    Notification.objects.bulk_create(
        [
            Notification(
                user_id=user_id,
                kind=kinds[i % len(kinds)],
                title=f"A reply in a topic you follow ({i})",
                url="/forum/",
                read_at=None if i % 3 else timezone.now(),
            )
            for user_id in members[:LOAD_USERS]
            for i in range(entries)
        ],
        batch_size=5_000,
    )


def fill_directory(members, director, *, share: float = 0.7):
    """Directory profiles for ``share`` of the members (and the director), with
    terms and a licence each; some parts hidden, so the filters' "shown only"
    conditions have rows to skip. Returns the modality and state to filter by."""
    from community.models import User
    from community.regions import US_STATES
    from directory.models import (
        DirectoryProfile,
        Language,
        Licence,
        Modality,
        Population,
    )

    states = [code for code, _name in US_STATES]
    modalities = list(Modality.objects.order_by("pk").values_list("pk", flat=True))
    populations = list(Population.objects.order_by("pk").values_list("pk", flat=True))
    languages = list(Language.objects.order_by("pk").values_list("pk", flat=True))
    listed = [pk for i, pk in enumerate(members) if i % 10 < share * 10]
    listed.append(director.pk)
    User.objects.filter(pk__in=listed[::3]).update(credentials="LCSW, PhD")
    DirectoryProfile.objects.bulk_create(
        [
            DirectoryProfile(
                user_id=pk, listed=True, region=states[i % len(states)],
                city=f"City {i % 300}", accepting_referrals=i % 2 == 0,
                bio=f"I work with {WORDS[i % 20]} and {WORDS[(i // 20) % 20]}.",
                show_modalities=i % 7 != 0, show_location=i % 11 != 0,
                show_licences=i % 13 != 0, show_photo=False,
            )
            for i, pk in enumerate(listed)
        ],
        batch_size=5_000,
    )  # fmt: skip
    for through, column, ids, per in (
        (DirectoryProfile.modalities.through, "modality_id", modalities, 2),
        (DirectoryProfile.populations.through, "population_id", populations, 2),
        (DirectoryProfile.languages.through, "language_id", languages, 1),
    ):
        if not ids:
            continue
        through.objects.bulk_create(
            [
                through(directoryprofile_id=pk, **{column: ids[(i + k) % len(ids)]})
                for i, pk in enumerate(listed)
                for k in range(min(per, len(ids)))
            ],
            batch_size=10_000,
            ignore_conflicts=True,
        )
    today = timezone.localdate()
    Licence.objects.bulk_create(
        [
            Licence(
                user_id=pk, kind=Licence.Kind.values[i % len(Licence.Kind.values)],
                region=states[(i * 7) % len(states)],
                number=f"B{pk}", number_key=f"B{pk}",
                expires_on=today + timedelta(days=30 + i % 700),
                verified_on=today - timedelta(days=i % 90) if i % 4 else None,
            )
            for i, pk in enumerate(listed)
        ],
        batch_size=5_000,
    )  # fmt: skip
    sql("ANALYZE member_directory_directoryprofile; ANALYZE member_directory_licence")
    return modalities[0] if modalities else "", "CA"


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
    n_cases, n_consultants = int(2_000 * s), max(int(50 * s), 5)
    with transaction.atomic():
        consultant, case = fill_consultations(
            members, director, cases=n_cases, consultants=n_consultants
        )
    timer.lap(f"{n_cases:,} consultations, {n_consultants} consultants")
    with transaction.atomic():
        fill_reactions(members, topic)
        fill_notifications(members, entries=max(int(200 * s), 10))
    timer.lap("notification centre entries")
    with transaction.atomic():
        modality, state = fill_directory(members, director)
    timer.lap("member directory profiles")
    sql("VACUUM ANALYZE")
    timer.lap("VACUUM ANALYZE")
    pages = {
        "floor": "/bench/floor/",
        "dashboard": "/",
        "forum index": "/forum/",
        "forum category (1,000 topics)": f"/forum/forum/{forum.slug}-{forum.pk}/",
        "topic (200 posts with reactions, paginated)": (
            f"/forum/forum/{forum.slug}-{forum.pk}/topic/{topic.slug}-{topic.pk}/"
        ),
        "forum search": "/forum/search/?q=rupture+repair",
        "forum search, stemmed, by forum and date": (
            f"/forum/search/?q=repairing&forum={forum.pk}&since=2000-01-01"
        ),
        "sessions list": "/sessions/",
        "session (100 questions)": f"/sessions/{session.pk}/",
        "curation board": f"/sessions/{session.pk}/curate/",
        "course page": course.url,
        "lesson": lesson.url,
        "video index, tag filter": "/videos/?tag=ruptures",
        "video search": "/videos/?q=shame",
        "consultations board": "/consultations/director/",
        "consultations pool": "/consultations/director/pool/",
        "reviewer home": "/consultations/reviewer/",
        "my consultations": "/consultations/",
        "case page, lead reviewer": f"/consultations/{case.pk}/",
        "case page, director": f"/consultations/{case.pk}/",
        "notification centre (200 entries)": "/notifications/",
        "member directory": "/members/",
        "member directory, filtered by modality and state": (
            f"/members/?modality={modality}&state={state}"
        ),
    }
    targets = {
        "pages": pages,
        "director_pages": [
            "curation board",
            "consultations board",
            "consultations pool",
            "case page, director",
        ],
        "consultant_pages": ["reviewer home", "case page, lead reviewer"],
        "members": signed_in_cookies(members[:LOAD_USERS]),
        "director": signed_in_cookies([director.pk])[0],
        "consultant": signed_in_cookies([consultant])[0],
        "fill_seconds": round(time.perf_counter() - timer.start, 1),
    }
    with open(args.out, "w") as out:
        json.dump(targets, out, indent=1)
    print(f"  total {targets['fill_seconds']:.1f} s")  # noqa: T201


if __name__ == "__main__":
    main()
