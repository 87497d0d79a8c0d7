"""Placeholder, completed by the audit and retention stage: the consultations'
part of "download my data" and "delete my account"."""

from community.data_rights import register as register_part
from consultations.models import (
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


def consultations_export(*, user):
    return "consultations", {}


def erase(*, user) -> None:
    Case.objects.filter(requester=user).delete()


def register() -> None:
    register_part(models=MODELS, export=consultations_export, erase=erase)
