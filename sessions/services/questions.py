"""Writes for members' questions and their "me too" votes.

Cutoffs are checked here, on the server, in UTC; a vote's uniqueness is the
database's job (a unique constraint), so two clicks arriving at once count once.
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from sessions import question_states
from sessions.models import CoachingSession, Question, Vote

OPEN_STATUSES = (Question.Status.SUBMITTED,)
CLOSED_MESSAGE = "Questions for this session closed at the cutoff."


def _check_open(session: CoachingSession, now) -> None:
    if not session.accepts_questions(now):
        raise ValidationError(CLOSED_MESSAGE)


def _own_open_question(question: Question, *, user, action: str, now) -> Question:
    """The question, locked for a change by its author while its session still
    takes questions; refused to anyone else."""
    question = (
        Question.objects.select_for_update()
        .select_related("session")
        .get(pk=question.pk)
    )
    if question.author_id != user.pk:
        raise PermissionDenied(f"Only the author can {action} a question.")
    _check_open(question.session, now)
    return question


def question_limit() -> int:
    return getattr(settings, "SESSION_QUESTIONS_PER_MEMBER", 3)


@transaction.atomic
def question_submit(
    *,
    session: CoachingSession,
    author,
    title: str,
    body: str,
    context: str = "",
    hide_name: bool = False,
    privacy_matches: list | None = None,
    now=None,
) -> Question:
    now = now or timezone.now()
    # Lock the session row so that two quick submissions respect the limit.
    session = CoachingSession.objects.select_for_update().get(pk=session.pk)
    _check_open(session, now)
    mine = session.questions.filter(author=author).exclude(
        status=Question.Status.WITHDRAWN
    )
    if mine.count() >= question_limit():
        raise ValidationError(
            f"You can send up to {question_limit()} questions for one session."
        )
    question = Question(
        session=session,
        author=author,
        title=title,
        body=body,
        context=context,
        hide_name=hide_name,
        privacy_confirmed_matches=privacy_matches or [],
    )
    question.full_clean()
    question.save()
    return question


@transaction.atomic
def question_update(
    *,
    question: Question,
    editor,
    title: str,
    body: str,
    context: str,
    hide_name: bool,
    privacy_matches: list | None = None,
    now=None,
) -> Question:
    now = now or timezone.now()
    question = _own_open_question(question, user=editor, action="edit", now=now)
    if question.status not in OPEN_STATUSES:
        raise ValidationError("This question can no longer be changed.")
    question.title, question.body, question.context = title, body, context
    question.hide_name = hide_name
    question.privacy_confirmed_matches = privacy_matches or []
    question.full_clean()
    question.save()
    return question


@transaction.atomic
def question_withdraw(*, question: Question, user, now=None) -> Question:
    now = now or timezone.now()
    question = _own_open_question(question, user=user, action="withdraw", now=now)
    question_states.transition(question, "withdraw")
    question.agenda_position = None
    question.save(update_fields=["status", "agenda_position", "updated_at"])
    return question


def vote_add(*, question: Question, user, now=None) -> bool:
    """Add a "me too". False when it was already there; refused on one's own."""
    now = now or timezone.now()
    if question.author_id == user.pk:
        raise ValidationError("You can't vote for your own question.")
    if question.status in (Question.Status.WITHDRAWN, Question.Status.MERGED):
        raise ValidationError("This question is no longer open for votes.")
    if question.session.status == CoachingSession.Status.DONE:
        raise ValidationError("This session is over.")
    try:
        with transaction.atomic():
            Vote.objects.create(question=question, user=user)
            Question.objects.filter(pk=question.pk).update(
                vote_count=F("vote_count") + 1
            )
    except IntegrityError:
        return False
    return True


def vote_remove(*, question: Question, user) -> bool:
    with transaction.atomic():
        deleted, _ = Vote.objects.filter(question=question, user=user).delete()
        if deleted:
            Question.objects.filter(pk=question.pk, vote_count__gt=0).update(
                vote_count=F("vote_count") - 1
            )
    return bool(deleted)
