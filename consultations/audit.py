"""The consultation audit trail: who viewed or downloaded which part of a case,
and every state change (``consultations.states`` records those).

One trail for the whole app (STYLE.md: one audit trail). View logging is a few
lines of our own rather than django-auditlog: those libraries record model
writes, and most of what must be recorded here is reading.
"""

from consultations.models import AuditEvent, Case

Action = AuditEvent.Action
# The name recorded when the clock sweep, not a person, acts.
TIMER_NAME = "Timer"


def _name(actor) -> str:
    return actor.get_display_name() if actor is not None else TIMER_NAME


def record(
    *,
    case: Case,
    actor,
    action: str,
    target: str,
    from_status: str = "",
    to_status: str = "",
) -> AuditEvent:
    return AuditEvent.objects.create(
        case=case,
        actor=actor if getattr(actor, "pk", None) else None,
        actor_name=_name(actor),
        action=action,
        target=target,
        from_status=from_status,
        to_status=to_status,
    )


def record_view(*, case: Case, actor, target: str = "case") -> AuditEvent:
    return record(case=case, actor=actor, action=Action.VIEW, target=target)


def record_download(*, case: Case, actor, target: str) -> AuditEvent:
    return record(case=case, actor=actor, action=Action.DOWNLOAD, target=target)


def record_change(*, case: Case, actor, target: str) -> AuditEvent:
    return record(case=case, actor=actor, action=Action.CHANGE, target=target)


TARGET_LABELS = {
    "case": "the case",
    "conference": "the case conference",
    "questions": "the questions thread",
    "report": "the report",
    "report_pdf": "the report (PDF)",
    "shareable_pdf": "the shareable part of the report (PDF)",
    "offer": "the offer",
    "receipt": "a payment receipt (PDF)",
}


def target_label(target: str) -> str:
    if target.startswith("attachment:"):
        return "an attachment"
    return TARGET_LABELS.get(target, target.replace("_", " "))
