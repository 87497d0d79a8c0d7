"""Writes for the session schedule: the rule's daily top-up that creates the
sessions, and the director's changes to single sessions (creating a one-off,
editing or moving one, cancelling one), with the emails that tell members.

Every time is stored and compared in UTC; the emails (see ``emails``) are
rendered in each recipient's own time zone.
"""

import logging
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone

from community import access
from sessions import question_states
from sessions.models import CoachingSession, ScheduleRule
from sessions.schedule import add_months, occurrences
from sessions.services.emails import send_session_email, session_url

logger = logging.getLogger(__name__)

DEFAULT_CUTOFF = timedelta(hours=48)
# Questions that still expect an answer at a session; withdrawn and declined ones
# do not, and merged ones are represented by the question they were merged into.
PENDING_QUESTION_STATUSES = tuple(question_states.from_states("carry_over"))
# How far around the top-up window existing sessions are matched to the rule's
# slots (see _slots_to_create): more than the longest gap between two slots, and
# more than a session is ever moved.
_MATCHING_MARGIN = timedelta(days=40)

PAST_START_MESSAGE = "A session cannot start in the past: choose a later time."
CUTOFF_MESSAGE = "Questions must close before the session starts."
SAME_SLOT_MESSAGE = "This schedule already has a session at that time."


def _pending_questions_by_author(session: CoachingSession) -> dict:
    """Each member with a pending question on the session (co-authors of merged
    questions included) -> the titles of their questions, in submission order."""
    questions = (
        session.questions.filter(status__in=PENDING_QUESTION_STATUSES)
        .select_related("author", "author__membership")
        .prefetch_related("co_authors", "co_authors__membership")
        .order_by("created_at", "pk")
    )
    by_author: dict = {}
    for question in questions:
        for person in (question.author, *question.co_authors.all()):
            by_author.setdefault(person, []).append(question.title)
    return {
        person: titles
        for person, titles in by_author.items()
        if access.has_member_access(person)
    }


def _check_moderator(moderator) -> None:
    if not access.can_moderate(moderator):
        raise PermissionDenied("Only the program director and admins manage sessions.")


def _check_start(*, session: CoachingSession, starts_at: datetime, now) -> None:
    if starts_at <= now:
        raise ValidationError({"starts_at": PAST_START_MESSAGE})
    if (
        session.rule_id
        and CoachingSession.objects.filter(rule_id=session.rule_id, starts_at=starts_at)
        .exclude(pk=session.pk)
        .exists()
    ):
        raise ValidationError({"starts_at": SAME_SLOT_MESSAGE})


def _save(session: CoachingSession) -> None:
    """Validate with messages a director understands, then save.

    The database constraints stay the last word: a session of the same rule saved
    at the same moment by someone else becomes a form error too, not a 500.
    """
    if session.questions_close_at > session.starts_at:
        raise ValidationError({"questions_close_at": CUTOFF_MESSAGE})
    session.full_clean(validate_unique=False, validate_constraints=False)
    try:
        with transaction.atomic():
            session.save()
    except IntegrityError as exc:
        raise ValidationError({"starts_at": SAME_SLOT_MESSAGE}) from exc


def _locked(session: CoachingSession) -> CoachingSession:
    return CoachingSession.objects.select_for_update().get(pk=session.pk)


def _shift(session: CoachingSession, starts_at: datetime, now) -> datetime:
    """Move the start and keep the cutoff the same distance before it; returns the
    old start."""
    if session.status in (
        CoachingSession.Status.CANCELLED,
        CoachingSession.Status.DONE,
    ):
        raise ValidationError(
            {
                "starts_at": f"A {session.get_status_display().lower()} session "
                "cannot be moved."
            }
        )
    _check_start(session=session, starts_at=starts_at, now=now)
    old_starts_at = session.starts_at
    session.questions_close_at += starts_at - old_starts_at
    session.starts_at = starts_at
    return old_starts_at


def _tell_session_moved(session: CoachingSession, old_starts_at: datetime) -> None:
    for person, titles in _pending_questions_by_author(session).items():
        send_session_email(
            kind="session_moved",
            user=person,
            session=session,
            old_starts_at=old_starts_at,
            question_count=len(titles),
            url=session_url(session),
        )


def sessions_top_up(*, now=None) -> int:
    """Create each active rule's sessions from today to ``months_ahead`` months.

    Run daily by django-q2 and from the director's "create now" button, possibly by
    two workers at once: each row is its own insert, and the unique constraint on
    (rule, starts_at) turns the slower worker's copy into a skipped row.
    """
    now = now or timezone.now()
    created = 0
    for rule in ScheduleRule.objects.filter(active=True).order_by("pk"):
        try:
            created += _rule_top_up(rule=rule, now=now)
        except (ValidationError, ZoneInfoNotFoundError):
            # A rule saved around the form's checks; the other rules still run.
            logger.exception("Schedule rule %s could not create sessions", rule.pk)
    return created


def _rule_top_up(*, rule: ScheduleRule, now: datetime) -> int:
    created = 0
    for starts_at in _slots_to_create(rule=rule, now=now):
        session = CoachingSession(
            rule=rule,
            title=rule.title,
            starts_at=starts_at,
            duration_minutes=rule.duration_minutes,
            # Empty: the rule's link is the default (``effective_meeting_url``),
            # so a new link on the rule reaches every session not given its own.
            questions_close_at=starts_at - timedelta(hours=rule.cutoff_hours),
        )
        session.full_clean(validate_unique=False, validate_constraints=False)
        try:
            with transaction.atomic():
                session.save()
        except IntegrityError:
            continue  # another worker created it a moment ago
        created += 1
    return created


def _existing_sessions(
    *, rule: ScheduleRule, start: datetime, end: datetime
) -> dict[datetime, datetime]:
    """The rule's sessions starting in [start, end]: start -> when it was created."""
    return dict(
        CoachingSession.objects.filter(
            rule=rule, starts_at__gte=start, starts_at__lte=end
        ).values_list("starts_at", "created_at")
    )


def _slots_to_create(*, rule: ScheduleRule, now: datetime) -> list[datetime]:
    """The rule's future starts up to its horizon that have no session yet.

    A session the director moved no longer sits on its slot, so a plain "does a
    session start then?" would bring the original time back the next day. Each
    session of the rule that is off the rule's slots therefore claims the nearest
    free slot it can have come from (one after it was created: sessions are only
    created for future slots); cancelled sessions keep theirs. The same keeps an
    edited rule (another weekday or hour) from doubling the sessions planned.
    """
    today = now.astimezone(ZoneInfo(rule.time_zone)).date()
    last_day = add_months(today, rule.months_ahead)
    # Sessions near the window, and the slots they may have come from: twice as far.
    existing = _existing_sessions(
        rule=rule,
        start=datetime.combine(today - _MATCHING_MARGIN, time.min, tzinfo=UTC),
        end=datetime.combine(last_day + _MATCHING_MARGIN, time.max, tzinfo=UTC),
    )
    slots = occurrences(
        rule,
        start=today - 2 * _MATCHING_MARGIN,
        end=last_day + 2 * _MATCHING_MARGIN,
    )
    taken = set(existing).intersection(slots)
    for moved in sorted(set(existing).difference(slots)):
        created_at = existing[moved]
        origins = [s for s in slots if s not in taken and s > created_at]
        if origins:
            taken.add(min(origins, key=lambda s, m=moved: (abs(s - m), s)))
    window = set(occurrences(rule, start=today, end=last_day))
    return [
        slot for slot in slots if slot in window and slot > now and slot not in taken
    ]


@transaction.atomic
def session_create(
    *,
    moderator,
    title: str,
    starts_at: datetime,
    meeting_url: str = "",
    duration_minutes: int = 90,
    topic: str = "",
    questions_close_at: datetime | None = None,
    recording_url: str = "",
    notes: str = "",
    now=None,
) -> CoachingSession:
    """A one-off session, outside the schedule rule."""
    _check_moderator(moderator)
    now = now or timezone.now()
    session = CoachingSession(
        title=title,
        topic=topic,
        starts_at=starts_at,
        duration_minutes=duration_minutes,
        meeting_url=meeting_url,
        questions_close_at=questions_close_at or starts_at - DEFAULT_CUTOFF,
        recording_url=recording_url,
        notes=notes,
    )
    _check_start(session=session, starts_at=starts_at, now=now)
    _save(session)
    return session


@transaction.atomic
def session_update(
    *,
    session: CoachingSession,
    moderator,
    title: str,
    topic: str,
    duration_minutes: int,
    recording_url: str,
    notes: str,
    meeting_url: str = "",
    starts_at: datetime | None = None,
    questions_close_at: datetime | None = None,
    now=None,
) -> CoachingSession:
    """The director's edit form. A new start is a move: the cutoff keeps its
    distance unless ``questions_close_at`` is given, and members with a question
    on the session are emailed the new time in their own time zone."""
    _check_moderator(moderator)
    now = now or timezone.now()
    session = _locked(session)
    session.title, session.topic, session.notes = title, topic, notes
    session.duration_minutes = duration_minutes
    session.meeting_url, session.recording_url = meeting_url, recording_url
    old_starts_at = None
    if starts_at is not None and starts_at != session.starts_at:
        old_starts_at = _shift(session, starts_at, now)
    if questions_close_at is not None:
        session.questions_close_at = questions_close_at
    _save(session)
    if old_starts_at is not None:
        _tell_session_moved(session, old_starts_at)
    return session


def session_next_scheduled(
    *, after: CoachingSession, now=None
) -> CoachingSession | None:
    """Where a cancelled session's questions go: the first scheduled session after
    it (and after now)."""
    now = now or timezone.now()
    return (
        CoachingSession.objects.filter(
            status=CoachingSession.Status.SCHEDULED,
            starts_at__gt=max(after.starts_at, now),
        )
        .exclude(pk=after.pk)
        .order_by("starts_at", "pk")
        .first()
    )


@transaction.atomic
def session_cancel(
    *, session: CoachingSession, moderator, note: str = "", now=None
) -> CoachingSession:
    """Cancel one session. Its pending questions go to the next scheduled session
    (as deferred, votes kept) and their authors are told; cancelling twice does
    nothing the second time."""
    _check_moderator(moderator)
    now = now or timezone.now()
    session = _locked(session)
    if session.status == CoachingSession.Status.CANCELLED:
        return session
    if session.status == CoachingSession.Status.DONE:
        raise ValidationError("A session that has taken place cannot be cancelled.")
    authors = _pending_questions_by_author(session)
    session.status = CoachingSession.Status.CANCELLED
    note = note.strip()
    if note:
        session.notes = "\n\n".join(
            part for part in (session.notes.strip(), f"Cancelled: {note}") if part
        )
    session.full_clean(validate_unique=False, validate_constraints=False)
    session.save()

    next_session = session_next_scheduled(after=session, now=now)
    if next_session is not None:
        _defer_questions(
            session.questions.filter(status__in=PENDING_QUESTION_STATUSES),
            to=next_session,
            now=now,
        )
    for person, titles in authors.items():
        send_session_email(
            kind="session_cancelled",
            user=person,
            session=session,
            note=note,
            question_count=len(titles),
            next_session=next_session,
            next_url=session_url(next_session) if next_session else "",
            url=session_url(session),
        )
    return session


def _defer_questions(questions: QuerySet, *, to: CoachingSession, now: datetime) -> int:
    """Carry the cancelled session's pending questions over, as the transitions
    table allows (one UPDATE, only from the statuses it names)."""
    return questions.filter(
        status__in=question_states.from_states("carry_over")
    ).update(
        session=to,
        status=question_states.to_state("carry_over"),
        agenda_position=None,
        time_budget_minutes=None,
        updated_at=now,
    )
