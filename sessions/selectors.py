"""Reads for the sessions pages and the dashboard, each with the joins its page
needs, so that a page's query count does not grow with sessions or questions."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Prefetch, Q
from django.utils import timezone

from sessions.models import CoachingSession, Question, Vote

VISIBLE_TO_MEMBERS = [
    Question.Status.SUBMITTED,
    Question.Status.ACCEPTED,
    Question.Status.ANSWERED,
    Question.Status.DEFERRED,
]

# The director's work still to do: the board's "Questions to decide" and the CMS
# sessions list's "Pending questions" count exactly these, so the two agree. An
# accepted question is decided (it is on the agenda, published or not).
TO_DECIDE = [Question.Status.SUBMITTED, Question.Status.DEFERRED]


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
    """The member's next session, with its ``question_window`` for the card."""
    now = now or timezone.now()
    sessions = upcoming_sessions(user=user, now=now)
    session = next(
        (s for s in sessions if s.status != CoachingSession.Status.CANCELLED), None
    )
    if session is not None:
        session.question_window = question_window(session=session, now=now)
    return session


@dataclass(frozen=True)
class QuestionWindow:
    """Whether a session takes questions now and, when not, why and where to
    send one instead: what the dashboard, the session page and the director's
    "bring this topic" page all say, from ``CoachingSession.accepts_questions``.
    """

    session: CoachingSession
    is_open: bool
    closes_at: datetime
    agenda_published: bool
    # Why it is closed: "cutoff", "started", "cancelled" or "done"; "" when open.
    reason: str = ""
    # When closed: the next session that takes questions, if there is one.
    next_open: CoachingSession | None = None


def sessions_taking_questions(*, now=None, after=None, limit: int = 8):
    """Sessions that take questions now, soonest first (after ``after``)."""
    now = now or timezone.now()
    sessions = CoachingSession.objects.filter(
        status__in=[
            CoachingSession.Status.SCHEDULED,
            CoachingSession.Status.AGENDA_PUBLISHED,
        ],
        questions_close_at__gt=now,
    )
    if after is not None:
        sessions = sessions.filter(starts_at__gt=after.starts_at)
    return list(sessions.order_by("starts_at")[:limit])


def questions_to_curate(*, session: CoachingSession) -> int:
    """The director's work for the session: questions not yet decided."""
    return session.questions.filter(status__in=TO_DECIDE).count()


def agenda_order(questions) -> list[Question]:
    """Accepted questions in the agenda's order: by position, then (for positions
    typed alike, or none yet) most votes first, then the oldest. The board and
    its move buttons both follow this one order."""
    return sorted(
        questions,
        key=lambda q: (
            q.agenda_position if q.agenda_position is not None else 0,
            -q.vote_count,
            q.created_at,
            q.pk,
        ),
    )


def question_window(*, session: CoachingSession, now=None) -> QuestionWindow:
    now = now or timezone.now()
    published = session.agenda_published_at is not None or (
        session.status == CoachingSession.Status.AGENDA_PUBLISHED
    )
    if session.accepts_questions(now):
        return QuestionWindow(
            session=session,
            is_open=True,
            closes_at=session.questions_close_at,
            agenda_published=published,
        )
    if session.status in (
        CoachingSession.Status.CANCELLED,
        CoachingSession.Status.DONE,
    ):
        reason = str(session.status)
    elif now >= session.starts_at:
        reason = "started"
    else:
        reason = "cutoff"
    following = sessions_taking_questions(now=now, after=session, limit=1)
    return QuestionWindow(
        session=session,
        is_open=False,
        closes_at=session.questions_close_at,
        agenda_published=published,
        reason=reason,
        next_open=following[0] if following else None,
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


def my_declined_questions(*, session, user):
    """The member's own questions the director declined, with her note: the
    decline email links here rather than carrying the note (it may quote the
    case)."""
    return list(
        session.questions.filter(author=user, status=Question.Status.DECLINED)
        .only("title", "director_note", "session_id")
        .order_by("created_at")
    )


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
        .select_related("author", "source_topic")
        .order_by("agenda_position", "-vote_count")
    )


def sessions_export(*, user) -> tuple[str, dict]:
    """A member's questions (with their case context), co-authored questions,
    "me too" votes, reminders sent, sessions joined and calendar feed, for
    "download my data"."""
    from sessions.models import Attendance, CalendarToken, SentReminder

    def iso(value):
        return value.isoformat() if value else None

    questions = (
        Question.objects.filter(author=user)
        .select_related("session")
        .order_by("created_at")
    )
    votes = (
        Vote.objects.filter(user=user)
        .select_related("question__session")
        .order_by("created_at")
    )
    reminders = (
        SentReminder.objects.filter(user=user)
        .select_related("session")
        .order_by("sent_at")
    )
    attendance = (
        Attendance.objects.filter(user=user)
        .select_related("session")
        .order_by("session__starts_at")
    )
    token = CalendarToken.objects.filter(user=user).first()
    return "coaching_sessions", {
        "questions": [
            {
                "session": q.session.title,
                "session_starts_at": iso(q.session.starts_at),
                "title": q.title,
                "body": q.body,
                "case_context": q.context,
                "status": q.status,
                "hide_name": q.hide_name,
                "director_note": q.director_note,
                "created_at": iso(q.created_at),
            }
            for q in questions
        ],
        "co_authored_questions": [
            q.title for q in user.co_authored_questions.order_by("created_at")
        ],
        "votes": [
            {
                "question": v.question.title,
                "session": v.question.session.title,
                "voted_at": iso(v.created_at),
            }
            for v in votes
        ],
        "reminders_sent": [
            {"kind": r.kind, "session": r.session.title, "sent_at": iso(r.sent_at)}
            for r in reminders
        ],
        "attendance": [
            {
                "session": a.session.title,
                "session_starts_at": iso(a.session.starts_at),
                "source": a.source,
                "first_joined_at": iso(a.first_joined_at),
                "last_joined_at": iso(a.last_joined_at),
                "join_count": a.join_count,
                "minutes_confirmed": a.minutes,
                "confirmed_at": iso(a.confirmed_at),
            }
            for a in attendance
        ],
        "calendar_feed": (
            {"token": token.token, "created_at": iso(token.created_at)}
            if token
            else None
        ),
    }


def has_sent_a_question(*, user) -> bool:
    """Whether the member ever sent a question (for the dashboard's "Start here")."""
    return Question.objects.filter(author=user).exists()
