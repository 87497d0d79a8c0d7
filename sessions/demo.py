"""Demo sessions: two past ones with answered questions, one coming with open
questions and votes. Idempotent (keyed on titles).

The questions' texts are data in sessions/demo/questions.yaml.
"""

from datetime import timedelta
from pathlib import Path

import yaml
from django.utils import timezone

from community.models import User
from sessions.models import Attendance, CoachingSession, Question, Vote

MEETING = "https://meet.example.org/coaching-community"
QUESTIONS = Path(__file__).resolve().parent / "demo" / "questions.yaml"


def load_questions() -> list[dict]:
    """The members' questions, each with its author, title, body and voters."""
    return yaml.safe_load(QUESTIONS.read_text(encoding="utf-8"))


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


def _ask(session, *, author, title, body, voters, **fields):
    asker = User.objects.get(email=author)
    question, _ = Question.objects.get_or_create(
        session=session,
        title=title,
        defaults={"author": asker, "body": body, **fields},
    )
    for voter_email in voters:
        Vote.objects.get_or_create(
            question=question, user=User.objects.get(email=voter_email)
        )
    question.vote_count = question.votes.count()
    question.save(update_fields=["vote_count"])
    return question


# Who joined the past sessions through the site, and for how long the director
# confirmed (the older session is confirmed, the newer one waits for her).
ATTENDEES = [
    ("dana@example.com", 90),
    ("tomas@example.com", 75),
    ("priya@example.com", 90),
]


def _attend(session, *, confirmed: bool) -> None:
    director = User.objects.filter(email="director@example.com").first()
    for email, minutes in ATTENDEES:
        user = User.objects.filter(email=email).first()
        if user is None:
            continue
        joined = session.starts_at + timedelta(
            minutes=session.duration_minutes - minutes
        )
        Attendance.objects.update_or_create(
            session=session,
            user=user,
            defaults={
                "first_joined_at": joined,
                "last_joined_at": joined,
                "minutes": minutes if confirmed else None,
                "confirmed_at": session.ends_at if confirmed else None,
                "confirmed_by": director if confirmed else None,
            },
        )
    if confirmed:
        CoachingSession.objects.filter(pk=session.pk).update(
            attendance_confirmed_at=session.ends_at
        )


def seed_sessions() -> None:
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    questions = load_questions()
    for weeks, label in [(4, "Alliance ruptures"), (2, "Working with shame")]:
        past = _session(
            f"Group coaching: {label}",
            now - timedelta(weeks=weeks),
            status=CoachingSession.Status.DONE,
            topic=f"Questions from the group on {label.lower()}.",
        )  # its recording is a library video: courses.demo links it
        for position, question in enumerate(questions[:2], 1):
            _ask(
                past, **{**question, "title": f"{question['title']} ({label})"},
                status=Question.Status.ANSWERED, agenda_position=position,
                time_budget_minutes=45, recording_minute=position * 20,
            )  # fmt: skip
        _attend(past, confirmed=weeks == 4)
    upcoming = _session(
        "Group coaching: Endings and beginnings",
        now + timedelta(days=9),
        topic="Endings, breaks and returns: your questions.",
    )
    for question in questions:
        _ask(upcoming, **question)
