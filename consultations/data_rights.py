"""The consultations' part of "download my data" and "delete my account", and a
therapist deleting one finished consultation themselves.

Export is everything the person is in: as a requester, each case with every
request field, the consent records, the attachments' names, the questions
thread, the delivered report with its sections and their rating, and who viewed
the case; as a consultant, their pool profile, offers, the messages, interview
notes and reports they wrote, and what they opened.

Erasure: a requester's cases go, files included; the report is the
therapist's "until they delete it or their account". A consultant leaves the
pool first (``consultant_leave_pool``: open offers withdrawn, cases they were
working on back to matching), then their profile and offers go. What they wrote
in others' cases (conference and questions messages, interview notes, reports)
stays for the case, attributed to "Deleted member": the author is set to null,
and so is their name in the audit trail.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from community.data_rights import register as register_part
from community.models import DELETED_MEMBER_NAME
from consultations.models import (
    Attachment,
    AuditEvent,
    Case,
    CaseMessage,
    ConsentRecord,
    ConsultantProfile,
    Interview,
    Offer,
    PanelMember,
    Report,
    ReportVersion,
)
from consultations.services.common import locked_case
from consultations.services.offers import consultant_leave_pool

MODELS = [
    AuditEvent,
    Case,
    CaseMessage,
    ConsentRecord,
    ConsultantProfile,
    Interview,
    Offer,
    PanelMember,
    Report,
    ReportVersion,
]

# A therapist may delete a case nobody is working on any more.
DELETABLE = frozenset(
    {
        Case.Status.DELIVERED,
        Case.Status.CLOSED,
        Case.Status.DECLINED,
        Case.Status.CANCELLED,
    }
)
REQUEST_FIELDS = [
    "referral_question",
    "modality",
    "frequency",
    "duration",
    "tried",
    "case_summary",
    "risk_notes",
    "interview_requested",
    "urgency",
]


def _iso(value):
    return value.isoformat() if value else None


def _name(user) -> str:
    return user.get_display_name() if user else DELETED_MEMBER_NAME


def _report(report: Report) -> dict:
    return {
        "sections": report.sections,
        "approved_at": _iso(report.approved_at),
        "acknowledged_at": _iso(report.acknowledged_at),
        "rating": {
            "helpful": report.rating_helpful,
            "changes_the_plan": report.rating_changes_plan,
        },
    }


def _requested_cases(user) -> list[dict]:
    cases = (
        Case.objects.filter(requester=user)
        .select_related("report", "lead_reviewer")
        .prefetch_related(
            "tags", "consents", "attachments", "messages__author", "audit"
        )
        .order_by("created_at")
    )
    exported = []
    for case in cases:
        report = getattr(case, "report", None)
        delivered = case.status in (Case.Status.DELIVERED, Case.Status.CLOSED)
        exported.append(
            {
                "reference": case.reference,
                "status": case.status,
                **{field: getattr(case, field) for field in REQUEST_FIELDS},
                "tags": [tag.name for tag in case.tags.all()],
                "director_note": case.director_note,
                "created_at": _iso(case.created_at),
                "submitted_at": _iso(case.submitted_at),
                "delivered_at": _iso(case.delivered_at),
                "closed_at": _iso(case.closed_at),
                "material_removed_at": _iso(case.purged_at),
                "consents": [
                    {
                        "kind": c.kind,
                        "consent_version": c.consent_version,
                        "consent_text": c.consent_text,
                        "obtained_on": _iso(c.obtained_on),
                        "method": c.method,
                        "recorded_at": _iso(c.recorded_at),
                    }
                    for c in case.consents.all()
                ],
                "attachments": [
                    {
                        "name": a.original_name,
                        "size": a.size,
                        "uploaded_at": _iso(a.uploaded_at),
                    }
                    for a in case.attachments.all()
                ],
                "questions_thread": [
                    {"from": _name(m.author), "text": m.body, "at": _iso(m.created_at)}
                    for m in case.messages.all()
                    if m.thread == CaseMessage.Thread.QUESTIONS
                ],
                "report": _report(report) if report and delivered else None,
                "viewed_by": [
                    {
                        "who": e.actor_name,
                        "action": e.action,
                        "what": e.target,
                        "at": _iso(e.at),
                    }
                    for e in case.audit.all()
                ],
            }
        )
    return exported


def _consultant(user) -> dict:
    profile = (
        ConsultantProfile.objects.filter(user=user)
        .prefetch_related("specialties", "orientations", "away_periods")
        .first()
    )
    offers = Offer.objects.filter(consultant=user).select_related("case")
    messages = CaseMessage.objects.filter(author=user).select_related("case")
    reports = Report.objects.filter(author=user).select_related("case")
    interviews = Interview.objects.filter(recorded_by=user).select_related("case")
    activity = AuditEvent.objects.filter(actor=user).select_related("case")
    return {
        "profile": profile
        and {
            "in_the_pool": profile.active,
            "attending": profile.is_attending,
            "credentials": profile.credentials,
            "max_open_cases": profile.max_open_cases,
            "specialties": [t.name for t in profile.specialties.all()],
            "orientations": [o.name for o in profile.orientations.all()],
            "away": [
                {"from": _iso(a.starts_on), "to": _iso(a.ends_on)}
                for a in profile.away_periods.all()
            ],
        },
        "offers": [
            {
                "case": o.case.reference,
                "status": o.status,
                "offered_at": _iso(o.offered_at),
                "accept_by": _iso(o.accept_by),
                "answered_at": _iso(o.responded_at),
                "decline_reason": o.decline_reason,
                "no_conflict_declared_at": _iso(o.coi_declared_at),
            }
            for o in offers
        ],
        "messages": [
            {
                "case": m.case.reference,
                "thread": m.thread,
                "text": m.body,
                "at": _iso(m.created_at),
            }
            for m in messages
        ],
        "reports": [
            {
                "case": r.case.reference,
                "sections": r.sections,
                "submitted_at": _iso(r.submitted_at),
            }
            for r in reports
        ],
        "interviews": [
            {"case": i.case.reference, "held_on": _iso(i.held_on), "notes": i.notes}
            for i in interviews
        ],
        "activity": [
            {
                "case": e.case.reference,
                "action": e.action,
                "what": e.target,
                "at": _iso(e.at),
            }
            for e in activity
        ],
    }


def consultations_export(*, user) -> tuple[str, dict]:
    return "consultations", {
        "requested": _requested_cases(user),
        "as_consultant": _consultant(user),
    }


def _delete_cases(cases) -> int:
    """Delete the cases with everything in them; their files leave storage
    once the deletion is committed (a rollback keeps both)."""
    files = list(
        Attachment.objects.filter(case__in=cases).values_list("file", flat=True)
    )
    storage = Attachment._meta.get_field("file").storage
    count = cases.count()
    cases.delete()

    def remove_files():
        for name in files:
            if name:
                storage.delete(name)

    transaction.on_commit(remove_files)
    return count


@transaction.atomic
def case_delete(*, case_id: int, user) -> None:
    """The therapist deletes their own finished consultation: it is gone,
    report, files and trail included ("what a member removes is gone")."""
    case = locked_case(case_id)
    if case.requester_id != user.pk:
        raise PermissionDenied(
            "Only the therapist who asked may delete a consultation."
        )
    if case.status not in DELETABLE:
        raise ValidationError(
            "This consultation is still open: cancel it first, or wait for the report."
        )
    _delete_cases(Case.objects.filter(pk=case.pk))


@transaction.atomic
def erase(*, user) -> None:
    _delete_cases(Case.objects.filter(requester=user))

    profile = ConsultantProfile.objects.filter(user=user).first()
    if profile is not None:
        if profile.active:
            consultant_leave_pool(profile_id=profile.pk, actor=user)
        profile.delete()
    Offer.objects.filter(consultant=user).delete()
    Offer.objects.filter(offered_by=user).update(offered_by=None)
    PanelMember.objects.filter(user=user).delete()
    PanelMember.objects.filter(invited_by=user).update(invited_by=None)
    Case.objects.filter(lead_reviewer=user).update(
        lead_reviewer=None, updated_at=timezone.now()
    )
    CaseMessage.objects.filter(author=user).update(author=None)
    Interview.objects.filter(recorded_by=user).update(recorded_by=None)
    Report.objects.filter(author=user).update(author=None)
    Report.objects.filter(approved_by=user).update(approved_by=None)
    ReportVersion.objects.filter(saved_by=user).update(saved_by=None)
    ConsentRecord.objects.filter(recorded_by=user).update(recorded_by=None)
    AuditEvent.objects.filter(actor=user).update(
        actor=None, actor_name=DELETED_MEMBER_NAME
    )


def register() -> None:
    register_part(models=MODELS, export=consultations_export, erase=erase)
