"""The written formulation: the draft and its versions, the submission, the
sign-off (approve, edit then approve, return) and the therapist's
acknowledgement.

Every save keeps a ReportVersion, but saves by the same person within
``COALESCE`` of the version they opened are folded into it: autosave posts
every few seconds of typing and would otherwise leave hundreds. The services
check the role themselves as well as the views (a report is the most sensitive
thing in a case), and every status change goes through ``states.transition``.
Emails carry the reference and a link only (``consultations.emails``).
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from consultations import emails, report_sections, rules, states
from consultations.models import Case, ConsultantProfile, Report, ReportVersion
from consultations.services.common import locked_case

Status = Case.Status
COALESCE = timedelta(minutes=2)
EDITABLE = frozenset({Status.ACCEPTED, Status.IN_CONFERENCE, Status.DRAFTING})
NOT_EDITABLE = "This report can no longer be edited: it is {status}."
NOT_YOURS = "Only the lead reviewer or the director may write this report."
NOT_SIGNER = "Only an attending other than the author, or the director, may sign off."


def _url(name: str, case: Case) -> str:
    return settings.SITE_URL + reverse(f"consultations:{name}", args=[case.pk])


def _check_writer(case: Case, user) -> None:
    if not rules.may_write_report(rules.case_roles(user, case)):
        raise PermissionDenied(NOT_YOURS)


def _check_signer(case: Case, user) -> None:
    if not rules.may_sign_off(user, rules.case_roles(user, case), case):
        raise PermissionDenied(NOT_SIGNER)


def _keep_version(report: Report, *, user, now) -> ReportVersion | None:
    """Keep the report's current sections as a version (or fold them into the
    same person's version of the last two minutes); nothing when unchanged."""
    latest = report.versions.order_by("-number").first()
    if latest is not None and latest.sections == report.sections:
        return latest
    if (
        latest is not None
        and latest.saved_by_id == user.pk
        and now - latest.saved_at < COALESCE
    ):
        latest.sections = report.sections
        latest.save(update_fields=["sections"])
        return latest
    version = ReportVersion.objects.create(
        report=report,
        number=(latest.number + 1) if latest else 1,
        sections=report.sections,
        saved_by=user,
    )
    if now != version.saved_at:
        # Tests move the clock; the version is stamped with the service's now.
        ReportVersion.objects.filter(pk=version.pk).update(saved_at=now)
        version.saved_at = now
    return version


def _report(case: Case) -> Report:
    report = Report.objects.filter(case=case).first()
    if report is None:
        raise ValidationError("This consultation has no report yet.")
    return report


def _save_sections(case: Case, *, user, sections: dict, now) -> Report:
    report, _ = Report.objects.get_or_create(
        case=case, defaults={"author": case.lead_reviewer or user}
    )
    report.sections = report_sections.normalise(sections)
    report.save(update_fields=["sections", "updated_at"])
    _keep_version(report, user=user, now=now)
    return report


@transaction.atomic
def report_save_draft(*, case_id: int, user, sections: dict, now=None) -> Report:
    """Save the draft; the first save of a case still accepted or in
    conference starts the drafting."""
    now = now or timezone.now()
    case = locked_case(case_id)
    _check_writer(case, user)
    if case.status not in EDITABLE:
        raise ValidationError(
            NOT_EDITABLE.format(status=case.get_status_display().lower())
        )
    if case.status != Status.DRAFTING:
        states.transition(case, "start_drafting", actor=user)
    return _save_sections(case, user=user, sections=sections, now=now)


def signers(case: Case):
    """Who is asked to sign off: the attendings in the pool other than the
    author, and the directors (always attendings)."""
    attending_ids = ConsultantProfile.objects.filter(
        active=True, is_attending=True
    ).values_list("user_id", flat=True)
    people = (
        get_user_model()
        .objects.filter(pk__in=attending_ids, is_active=True, deleted_at__isnull=True)
        .exclude(pk=case.lead_reviewer_id)
    )
    return (people | emails.directors()).distinct()


@transaction.atomic
def report_submit(
    *, case_id: int, user, sections: dict, privacy_report: list, now=None
) -> Report:
    """Send the report for sign-off (the form has run the guard and the
    required sections); the attendings are told a report waits for them."""
    now = now or timezone.now()
    case = locked_case(case_id)
    _check_writer(case, user)
    states.check(case, "submit_report")
    if case.status != Status.DRAFTING:
        states.transition(case, "start_drafting", actor=user)
    report = _save_sections(case, user=user, sections=sections, now=now)
    report.submitted_at = now
    report.privacy_confirmed_matches = privacy_report
    report.save(
        update_fields=["submitted_at", "privacy_confirmed_matches", "updated_at"]
    )
    states.transition(case, "submit_report", actor=user)
    url = _url("report-signoff", case)
    for person in signers(case):
        emails.notify(kind="report_signoff", user=person, case=case, url=url)
    return report


@transaction.atomic
def report_approve(
    *,
    case_id: int,
    user,
    sections: dict | None = None,
    privacy_report: list | None = None,
    now=None,
) -> Report:
    """Approve, and so deliver, the report; ``sections`` when the approver
    edited it first (kept as a version of theirs). The therapist is emailed
    that it is ready, with a link and nothing else."""
    now = now or timezone.now()
    case = locked_case(case_id)
    _check_signer(case, user)
    states.check(case, "approve_report")
    report = _report(case)
    if sections is not None:
        report = _save_sections(case, user=user, sections=sections, now=now)
        if privacy_report:
            report.privacy_confirmed_matches = [
                *report.privacy_confirmed_matches,
                *privacy_report,
            ]
    report.approved_by = user
    report.approved_at = now
    report.save(
        update_fields=[
            "approved_by",
            "approved_at",
            "privacy_confirmed_matches",
            "updated_at",
        ]
    )
    states.transition(case, "approve_report", actor=user)
    case.delivered_at = now
    case.save(update_fields=["delivered_at", "updated_at"])
    emails.notify(
        kind="report_ready", user=case.requester, case=case, url=_url("report", case)
    )
    if case.lead_reviewer_id and case.lead_reviewer_id != user.pk:
        emails.notify(kind="report_approved", user=case.lead_reviewer, case=case)
    return report


@transaction.atomic
def report_return(*, case_id: int, user, comments: str) -> Report:
    """Send the report back to the reviewer with the approver's comments."""
    case = locked_case(case_id)
    _check_signer(case, user)
    if not comments.strip():
        raise ValidationError("Say what should change, so the reviewer knows.")
    states.check(case, "return_report")
    report = _report(case)
    report.signoff_comments = comments.strip()
    report.save(update_fields=["signoff_comments", "updated_at"])
    states.transition(case, "return_report", actor=user)
    if case.lead_reviewer_id:
        emails.notify(
            kind="report_returned",
            user=case.lead_reviewer,
            case=case,
            url=_url("report-edit", case),
        )
    return report


@transaction.atomic
def report_acknowledge(
    *, case_id: int, user, helpful: bool, changes_plan: bool, now=None
) -> Report:
    """The therapist has read the report and rated it; the case closes."""
    now = now or timezone.now()
    case = locked_case(case_id)
    if not rules.case_roles(user, case).requester:
        raise PermissionDenied(
            "Only the therapist who asked may acknowledge the report."
        )
    states.check(case, "acknowledge")
    report = _report(case)
    report.acknowledged_at = now
    report.rating_helpful = helpful
    report.rating_changes_plan = changes_plan
    report.save(
        update_fields=[
            "acknowledged_at",
            "rating_helpful",
            "rating_changes_plan",
            "updated_at",
        ]
    )
    states.transition(case, "acknowledge", actor=user)
    case.closed_at = now
    case.save(update_fields=["closed_at", "updated_at"])
    return report
