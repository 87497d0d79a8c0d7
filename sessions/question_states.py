"""The one state machine of a session question: which action may move it from
which status, and to which.

Every service that changes ``Question.status`` asks here (``transition`` for one
question, ``from_states``/``to_state`` for a queryset update), so that a rule
such as "a withdrawn question stays withdrawn" holds whoever acts: the author,
the director on the curation board, or the schedule cancelling a session. A
refused move is an ``InvalidTransition``, a ``ValidationError`` with a sentence
the person can read, which the views show as a message instead of a 500.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError

from sessions.models import Question

Status = Question.Status

# Still waiting for the director (or the session): these can go anywhere.
OPEN = frozenset({Status.SUBMITTED, Status.ACCEPTED, Status.DEFERRED})
# Settled: no action moves a question out of these.
FINAL = frozenset({Status.DECLINED, Status.MERGED, Status.ANSWERED, Status.WITHDRAWN})


@dataclass(frozen=True)
class Move:
    sources: frozenset
    target: str
    # How the refusal names the action: "… cannot be <done>."
    done: str


TRANSITIONS: dict[str, Move] = {
    # The author, while the session still takes questions.
    "withdraw": Move(OPEN, Status.WITHDRAWN, "withdrawn"),
    # The director on the curation board. Accepting an accepted question keeps
    # its place (a double click), so ACCEPTED is a source too.
    "accept": Move(OPEN, Status.ACCEPTED, "put on the agenda"),
    "decline": Move(OPEN, Status.DECLINED, "declined"),
    "merge": Move(OPEN, Status.MERGED, "merged"),
    # Moved by the director to a later session: open to its author's edits again.
    "defer": Move(OPEN, Status.SUBMITTED, "moved to a later session"),
    # Carried to the next session because this one was cancelled.
    "carry_over": Move(OPEN, Status.DEFERRED, "carried to the next session"),
    # Closing the session: what was on the agenda and reached.
    "answer": Move(frozenset({Status.ACCEPTED}), Status.ANSWERED, "marked answered"),
}


class InvalidTransition(ValidationError):
    """A move the table does not allow; its message is for the person acting."""

    def __init__(self, *, action: str, status: str):
        self.action, self.status = action, status
        label = Status(status).label.lower() if status in Status.values else status
        super().__init__(
            f"This question is {label} and cannot be {TRANSITIONS[action].done}.",
            code="invalid_transition",
        )


def _move(action: str) -> Move:
    try:
        return TRANSITIONS[action]
    except KeyError:
        raise ValueError(f"No such question action: {action!r}") from None


def allowed(action: str, status: str) -> bool:
    return status in _move(action).sources


def from_states(action: str) -> list[str]:
    """The statuses ``action`` may start from, for ``filter(status__in=…)``."""
    return sorted(_move(action).sources)


def to_state(action: str) -> str:
    return _move(action).target


def check(question: Question, action: str) -> None:
    """Refuse unless ``action`` may start from the question's current status."""
    if not allowed(action, question.status):
        raise InvalidTransition(action=action, status=question.status)


def transition(question: Question, action: str) -> str:
    """Apply ``action`` to the (locked) question in memory and return its new
    status; the caller saves. Raises ``InvalidTransition`` when not allowed."""
    check(question, action)
    question.status = to_state(action)
    return question.status
