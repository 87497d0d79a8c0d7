"""Reads for the therapist's side: their cases with what is asked of them, the
patient's consent, and the versioned consent text.

``member_cases`` answers "My consultations" in one query however many cases
there are: what each row needs (the latest consent, the latest question from
the case team, the therapist's own latest answer) comes as subquery
annotations, not one query a row. The dashboard card reads the same.
"""

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml
from django.db.models import OuterRef, Q, QuerySet, Subquery

from consultations import states
from consultations.models import Case, CaseMessage, ConsentRecord

CONSENT_FILE = Path(__file__).resolve().parent.parent / "data" / "consent.yaml"
Status = Case.Status
EDITABLE = frozenset({Status.DRAFT, Status.RETURNED})
# While the report is on its way the therapist sees when it is due.
SHOWS_DUE = states.WITH_REVIEWER | {Status.IN_SIGNOFF}
# While the questions thread is open for answers (the case team's stage).
ANSWERABLE = states.WITH_REVIEWER | {Status.IN_SIGNOFF, Status.ESCALATED}

# What a case may ask of its therapist, in the order "My consultations" lists them.
FINISH = "finish"
CONSENT = "consent"
RETURNED = "returned"
ANSWER = "answer"
REPORT = "report"


@dataclass(frozen=True)
class ConsentText:
    version: str
    title: str
    text: str


@cache
def _consent_texts() -> tuple[tuple[ConsentText, bool], ...]:
    rows = yaml.safe_load(CONSENT_FILE.read_text(encoding="utf-8"))
    return tuple(
        (
            ConsentText(
                version=str(row["version"]), title=row["title"], text=row["text"]
            ),
            bool(row.get("current")),
        )
        for row in rows
    )


def current_consent() -> ConsentText:
    """The consent text shown to patients now (the one marked ``current``)."""
    texts = _consent_texts()
    return next((text for text, current in texts if current), texts[0][0])


def _questions(case_ref, *, own: bool, user):
    messages = CaseMessage.objects.filter(
        case=case_ref, thread=CaseMessage.Thread.QUESTIONS
    )
    mine = Q(author=user)
    messages = messages.filter(mine) if own else messages.exclude(mine)
    return Subquery(messages.order_by("-created_at").values("created_at")[:1])


def member_cases(*, user) -> QuerySet[Case]:
    """The therapist's cases, newest first, with what ``asked_of_member`` needs."""
    latest_consent = ConsentRecord.objects.filter(case=OuterRef("pk")).order_by(
        "-recorded_at", "-pk"
    )
    return (
        Case.objects.filter(requester=user)
        .annotate(
            latest_consent_kind=Subquery(latest_consent.values("kind")[:1]),
            last_team_message_at=_questions(OuterRef("pk"), own=False, user=user),
            last_own_message_at=_questions(OuterRef("pk"), own=True, user=user),
        )
        .order_by("-created_at", "-pk")
    )


def questions_waiting(case: Case) -> bool:
    """The case team wrote in the questions thread after the therapist last did
    (``case`` from ``member_cases``)."""
    team, own = case.last_team_message_at, case.last_own_message_at
    return team is not None and (own is None or team > own)


def asked_of_member(case: Case) -> list[str]:
    """What the case waits for from its therapist (``case`` from ``member_cases``)."""
    asked = []
    if case.status == Status.DRAFT:
        asked.append(FINISH)
    if case.status == Status.RETURNED:
        asked.append(RETURNED)
    if (
        case.status in EDITABLE
        and case.interview_requested
        and case.latest_consent_kind != ConsentRecord.Kind.GIVEN
    ):
        asked.append(CONSENT)
    if case.status in ANSWERABLE and questions_waiting(case):
        asked.append(ANSWER)
    if case.status == Status.DELIVERED:
        asked.append(REPORT)
    return asked


def latest_consent(case: Case) -> ConsentRecord | None:
    return case.consents.order_by("-recorded_at", "-pk").first()


def consent_state(case: Case) -> str:
    """ "given", "withdrawn" or "missing": the latest record decides."""
    latest = latest_consent(case)
    if latest is None:
        return "missing"
    return "given" if latest.kind == ConsentRecord.Kind.GIVEN else "withdrawn"


def consent_is_current(case: Case) -> bool:
    """The patient's consent holds: the latest record gives it (a withdrawal,
    or no record, means it does not)."""
    return consent_state(case) == "given"


def consent_history(case: Case) -> QuerySet[ConsentRecord]:
    return case.consents.select_related("recorded_by").order_by("recorded_at", "pk")


def request_attachments(case: Case):
    return case.attachments.order_by("uploaded_at", "pk")
