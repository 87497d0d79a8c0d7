"""Demo sessions: two past ones with answered questions, one coming with open
questions and votes. Idempotent (keyed on titles)."""

from datetime import timedelta

from django.utils import timezone

from community.models import User
from sessions.models import CoachingSession, Question, Vote

MEETING = "https://meet.example.org/coaching-community"
QUESTIONS = [
    (
        "dana@example.com",
        "When a client keeps cancelling after hard sessions",
        "How do I name an avoidance pattern without it landing as an accusation?",
        ["tomas@example.com", "priya@example.com"],
    ),
    (
        "tomas@example.com",
        "Schema modes that switch mid-session",
        "What do you track first when a client flips from detached to angry?",
        ["hannah@example.com"],
    ),
    (
        "priya@example.com",
        "Ending well with a long-term client",
        "How much of the ending do you plan, and how much do you leave open?",
        [],
    ),
]


def _session(title, starts_at, **fields):
    session, _ = CoachingSession.objects.get_or_create(
        title=title,
        defaults={
            "starts_at": starts_at,
            "questions_close_at": starts_at - timedelta(hours=48),
            "meeting_url": MEETING,
            "duration_minutes": 90,
            **fields,
        },
    )
    return session


def _ask(session, email, title, body, voters, **fields):
    author = User.objects.get(email=email)
    question, _ = Question.objects.get_or_create(
        session=session,
        title=title,
        defaults={"author": author, "body": body, **fields},
    )
    for voter_email in voters:
        Vote.objects.get_or_create(
            question=question, user=User.objects.get(email=voter_email)
        )
    question.vote_count = question.votes.count()
    question.save(update_fields=["vote_count"])
    return question


def seed_sessions() -> None:
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    for weeks, label in [(4, "Alliance ruptures"), (2, "Working with shame")]:
        past = _session(
            f"Group coaching: {label}",
            now - timedelta(weeks=weeks),
            status=CoachingSession.Status.DONE,
            topic=f"Questions from the group on {label.lower()}.",
            recording_url="https://videos.example.org/recordings/"
            + label.lower().replace(" ", "-"),
        )
        for position, (email, title, body, voters) in enumerate(QUESTIONS[:2], 1):
            _ask(
                past, email, f"{title} ({label})", body, voters,
                status=Question.Status.ANSWERED, agenda_position=position,
                time_budget_minutes=45, recording_minute=position * 20,
            )  # fmt: skip
    upcoming = _session(
        "Group coaching: Endings and beginnings",
        now + timedelta(days=9),
        topic="Endings, breaks and returns: your questions.",
    )
    for email, title, body, voters in QUESTIONS:
        _ask(upcoming, email, title, body, voters)
