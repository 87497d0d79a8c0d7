"""The director's curation of a session's questions, and publishing the agenda.

Every status change goes through the one transitions table
(``sessions.question_states``), on rows locked for the change: the director's
click and the author's withdrawal cannot cross. Every action tells the people it
concerns by email; merging keeps every vote and every author (a member who voted
for both counts once). The agenda's email to every member is a task queued when
the publication commits (``sessions.tasks.send_agenda_emails``), not the
director's request.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.formats import date_format
from django_q.tasks import async_task

from community.time_zones import user_time_zone
from forum.setup import ANNOUNCEMENTS
from notifications.models import Kind
from notifications.services import notification_add
from sessions import question_states
from sessions.models import CoachingSession, Question, Vote
from sessions.selectors import agenda_order
from sessions.services.emails import send_session_email, session_url

Status = Question.Status


def _email(*, kind: str, to, **context) -> None:
    """One email per person, rendered for them (times in their own time zone).
    Question titles, texts and case context never go by email; links do."""
    for user in to:
        send_session_email(kind=kind, user=user, **context)


def _authors(question) -> list:
    return [question.author, *question.co_authors.all()]


def _locked(question: Question) -> Question:
    """The question re-read under a row lock: its status is the one to act on."""
    return (
        Question.objects.select_for_update()
        .select_related("session", "author")
        .get(pk=question.pk)
    )


def _tell_authors(question: Question, *, action: str, says: str) -> None:
    """An entry in each author's notification centre (the moves that send no
    email: accepted, answered). ``says`` takes the session's date, in the
    author's zone; never the question's title."""
    for user in _authors(question):
        with timezone.override(user_time_zone(user)):
            day = date_format(timezone.localtime(question.session.starts_at), "j F")
        notification_add(
            user=user,
            kind=Kind.QUESTION,
            title=says.format(day=day),
            url=session_url(question.session),
            key=f"question-{action}:{question.pk}",
        )


def _leave_agenda(question: Question, *, action: str, kind: str, **context) -> None:
    """Every way off the agenda (declined, merged, deferred) frees the question's
    place and tells its authors, with a link to the session it is now in."""
    question_states.transition(question, action)
    question.agenda_position = None
    question.save()
    _email(
        kind=kind,
        to=_authors(question),
        question=question,
        url=session_url(question.session),
        **context,
    )


@transaction.atomic
def question_accept(*, question: Question) -> Question:
    question = _locked(question)
    question_states.check(question, "accept")
    if question.status != Status.ACCEPTED:
        last = question.session.questions.filter(status=Status.ACCEPTED).aggregate(
            last=Max("agenda_position")
        )["last"]
        question_states.transition(question, "accept")
        question.agenda_position = (last or 0) + 1
        question.save(update_fields=["status", "agenda_position", "updated_at"])
        _tell_authors(
            question,
            action="accept",
            says="Your question for the session of {day} is on the agenda",
        )
    return question


@transaction.atomic
def question_decline(*, question: Question, note: str) -> Question:
    question = _locked(question)
    question_states.check(question, "decline")
    if not note.strip():
        raise ValidationError("Please write a short note to the author.")
    question.director_note = note
    _leave_agenda(question, action="decline", kind="declined", note=note)
    return question


@transaction.atomic
def question_merge(*, source: Question, target: Question) -> Question:
    """Fold a duplicate into another question of the same session."""
    if source.pk == target.pk or source.session_id != target.session_id:
        raise ValidationError("Merge into another question of the same session.")
    # Both rows locked, always in the same order, so that two merges crossing
    # (A into B, B into A) wait for each other instead of deadlocking.
    locked = {
        q.pk: q
        for q in Question.objects.select_for_update()
        .select_related("session", "author")
        .filter(pk__in=[source.pk, target.pk])
        .order_by("pk")
    }
    source, target = locked[source.pk], locked[target.pk]
    question_states.check(target, "merge")
    question_states.check(source, "merge")
    voters_on_target = set(target.votes.values_list("user_id", flat=True))
    new_voters = [
        Vote(question=target, user_id=user_id)
        for user_id in source.votes.values_list("user_id", flat=True)
        if user_id not in voters_on_target and user_id != target.author_id
    ]
    Vote.objects.bulk_create(new_voters, ignore_conflicts=True)
    merged_authors = [a for a in _authors(source) if a.pk != target.author_id]
    target.co_authors.add(*merged_authors)
    target.vote_count = target.votes.count()
    target.save(update_fields=["vote_count", "updated_at"])
    source.merged_into = target
    _leave_agenda(source, action="merge", kind="merged", target=target)
    return target


@transaction.atomic
def question_defer(*, question: Question, to_session: CoachingSession) -> Question:
    question = _locked(question)
    question_states.check(question, "defer")
    if to_session.starts_at <= question.session.starts_at or to_session.status in (
        CoachingSession.Status.CANCELLED,
        CoachingSession.Status.DONE,
    ):
        raise ValidationError("Choose a later session that is still to come.")
    old = question.session
    question.session = to_session
    question.time_budget_minutes = None
    _leave_agenda(question, action="defer", kind="deferred", old_session=old)
    return question


@transaction.atomic
def agenda_save(
    *, session: CoachingSession, plan: dict[int, tuple[int | None, int | None]]
) -> None:
    """Set each accepted question's (position, minutes); None leaves it unset.

    The session row and its accepted questions are locked: two saves (two tabs)
    apply one after the other, and a question declined meanwhile is left alone.
    """
    session = CoachingSession.objects.select_for_update().get(pk=session.pk)
    accepted = {
        q.pk: q
        for q in session.questions.select_for_update()
        .filter(status=Status.ACCEPTED)
        .order_by("pk")
    }
    for question_id, (position, minutes) in plan.items():
        question = accepted.get(question_id)
        if question is None:
            continue
        if minutes is not None and not 0 <= minutes <= session.duration_minutes:
            raise ValidationError("A time budget must fit in the session.")
        if position is not None and position < 1:
            raise ValidationError("An agenda place is 1 or more.")
        question.agenda_position = position
        question.time_budget_minutes = minutes
        question.save(update_fields=["agenda_position", "time_budget_minutes"])


MOVES = {"up": -1, "down": 1}


@transaction.atomic
def agenda_move(*, session: CoachingSession, question_id: int, direction: str) -> int:
    """Move an accepted question one place up or down the agenda; return its new
    place (1 is first). The order is renumbered 1..n first, so that positions
    typed alike, or left empty, never make a move do nothing. At either end the
    question stays where it is."""
    if direction not in MOVES:
        raise ValidationError("Move a question up or down.")
    session = CoachingSession.objects.select_for_update().get(pk=session.pk)
    order = agenda_order(
        session.questions.select_for_update().filter(status=Status.ACCEPTED)
    )
    index = next((i for i, q in enumerate(order) if q.pk == question_id), None)
    if index is None:
        raise ValidationError("That question is no longer on the agenda.")
    other = index + MOVES[direction]
    if 0 <= other < len(order):
        order[index], order[other] = order[other], order[index]
        index = other
    for position, question in enumerate(order, start=1):
        if question.agenda_position != position:
            question.agenda_position = position
            question.save(update_fields=["agenda_position"])
    return index + 1


def agenda_minutes(session: CoachingSession) -> int:
    return sum(
        q.time_budget_minutes or 0
        for q in session.questions.filter(status=Status.ACCEPTED)
    )


def _queue_agenda_emails(session_id: int) -> None:
    """After the publication commits: the task's only argument is the id."""
    transaction.on_commit(
        lambda: async_task(
            "sessions.tasks.send_agenda_emails",
            session_id,
            task_name=f"agenda emails: session {session_id}",
            group="sessions",
        )
    )


@transaction.atomic
def agenda_publish(*, session: CoachingSession, now=None) -> bool:
    """Members see the agenda; the emails to them are queued for after the
    commit. True the first time (emails queued), False when already published.

    Publishing does not close questions: they stay open until the session's
    cutoff, and those sent after ``agenda_published_at`` are marked on the
    board, for the director to add or leave."""
    session = CoachingSession.objects.select_for_update().get(pk=session.pk)
    if session.status in (
        CoachingSession.Status.CANCELLED,
        CoachingSession.Status.DONE,
    ):
        raise ValidationError(
            f"A {session.get_status_display().lower()} session's agenda cannot be "
            "published."
        )
    if not session.questions.filter(status=Status.ACCEPTED).exists():
        raise ValidationError("Accept at least one question first.")
    planned = agenda_minutes(session)
    if planned != session.duration_minutes:
        raise ValidationError(
            "Give each question on the agenda its minutes first: the time budgets "
            f"add up to {planned} minutes and the session lasts "
            f"{session.duration_minutes}."
        )
    first_time = session.status != CoachingSession.Status.AGENDA_PUBLISHED
    session.status = CoachingSession.Status.AGENDA_PUBLISHED
    if session.agenda_published_at is None:
        session.agenda_published_at = now or timezone.now()
    session.save(update_fields=["status", "agenda_published_at", "updated_at"])
    if first_time:
        _queue_agenda_emails(session.pk)
    return first_time


@transaction.atomic
def session_close(
    *,
    session: CoachingSession,
    answered: dict[int, int | None],
    recording_url: str = "",
) -> list[Question]:
    """After the session: mark what was answered (and at which minute of the
    recording); accepted questions not reached move to the next session."""
    session = CoachingSession.objects.select_for_update().get(pk=session.pk)
    if recording_url:
        session.recording_url = recording_url
    session.status = CoachingSession.Status.DONE
    session.full_clean()
    session.save()
    next_session = (
        CoachingSession.objects.filter(
            starts_at__gt=session.starts_at, status=CoachingSession.Status.SCHEDULED
        )
        .order_by("starts_at")
        .first()
    )
    deferred = []
    accepted = session.questions.select_for_update().filter(
        status__in=question_states.from_states("answer")
    )
    for question in accepted.order_by("pk"):
        if question.pk in answered:
            question_states.transition(question, "answer")
            question.recording_minute = answered[question.pk]
            question.save(update_fields=["status", "recording_minute", "updated_at"])
            _tell_authors(
                question,
                action="answer",
                says="Your question was answered in the session of {day}",
            )
        elif next_session is not None:
            deferred.append(question_defer(question=question, to_session=next_session))
    return deferred


def topic_can_be_brought(topic) -> bool:
    """Announcements are the director's own news, not a member's question: they
    are never offered as one."""
    return topic.forum.slug != ANNOUNCEMENTS


def topic_question_wording(topic) -> dict[str, str]:
    """What the "bring a topic" form starts with, for the director to edit. The
    link to the topic is not in the text: the question keeps the topic itself
    (``source_topic``), and every page renders its link from it."""
    return {
        "title": topic.subject[:160],
        "body": f"From the forum topic “{topic.subject}”.",
    }


@transaction.atomic
def question_from_topic(
    *,
    topic,
    session: CoachingSession,
    title: str = "",
    body: str = "",
    privacy_matches: list | None = None,
) -> tuple[Question, bool]:
    """The director brings a forum topic to a session, crediting its author,
    while the session takes questions (as a member's question would).

    Returns the question and whether it was created now: a topic already brought
    to the session is not added twice, and the director is told so."""
    if not topic_can_be_brought(topic):
        raise ValidationError("Announcements cannot be brought to a session.")
    session = CoachingSession.objects.select_for_update().get(pk=session.pk)
    if not session.accepts_questions(timezone.now()):
        raise ValidationError(
            "Questions for this session are closed; choose a session that still "
            "takes questions."
        )
    existing = session.questions.filter(source_topic=topic).first()
    if existing is not None:
        return existing, False
    wording = topic_question_wording(topic)
    question = Question(
        session=session,
        author=topic.poster,
        title=(title or wording["title"]).strip(),
        body=(body or wording["body"]).strip(),
        source_topic=topic,
        privacy_confirmed_matches=privacy_matches or [],
    )
    question.full_clean()
    question.save()
    _email(
        kind="from_topic",
        to=[topic.poster],
        question=question,
        topic=topic,
        url=session_url(session),
    )
    return question, True
