"""Reads for the sessions pages and the dashboard, each with the joins its page
needs, so that a page's query count does not grow with sessions or questions."""

from datetime import timedelta

from django.db.models import Prefetch, Q
from django.utils import timezone

from sessions.models import CoachingSession, Question, Vote

VISIBLE_TO_MEMBERS = [
    Question.Status.SUBMITTED,
    Question.Status.ACCEPTED,
    Question.Status.ANSWERED,
    Question.Status.DEFERRED,
]


def _with_my_questions(sessions, user):
    mine = Question.objects.filter(author=user).exclude(
        status=Question.Status.WITHDRAWN
    )
    return sessions.prefetch_related(
        Prefetch(
            "questions", queryset=mine.order_by("created_at"), to_attr="my_questions"
        )
    )


def upcoming_sessions(*, user, now=None):
    now = now or timezone.now()
    sessions = CoachingSession.objects.filter(
        starts_at__gt=now - timedelta(hours=8)
    ).exclude(Q(status=CoachingSession.Status.DONE))
    return [s for s in _with_my_questions(sessions, user) if s.ends_at > now]


def past_sessions(*, user, now=None, limit: int = 12):
    now = now or timezone.now()
    sessions = (
        CoachingSession.objects.filter(starts_at__lt=now)
        .exclude(status=CoachingSession.Status.CANCELLED)
        .order_by("-starts_at")
    )
    return [
        s for s in _with_my_questions(sessions, user)[: limit * 2] if s.ends_at <= now
    ][:limit]


def next_session(*, user, now=None):
    sessions = upcoming_sessions(user=user, now=now)
    return next(
        (s for s in sessions if s.status != CoachingSession.Status.CANCELLED), None
    )


def session_questions(*, session, user):
    """The session's questions as members see them, with "did I vote" marked."""
    questions = list(
        session.questions.filter(status__in=VISIBLE_TO_MEMBERS)
        .select_related("author", "source_topic__forum")
        .order_by("-vote_count", "created_at")
    )
    voted = set(
        Vote.objects.filter(user=user, question__in=questions).values_list(
            "question_id", flat=True
        )
    )
    for question in questions:
        question.i_voted = question.pk in voted
    return questions


def published_agenda(*, session):
    if session.status not in (
        CoachingSession.Status.AGENDA_PUBLISHED,
        CoachingSession.Status.DONE,
    ):
        return []
    return list(
        session.questions.filter(
            status__in=[Question.Status.ACCEPTED, Question.Status.ANSWERED]
        )
        .select_related("author")
        .order_by("agenda_position", "-vote_count")
    )
