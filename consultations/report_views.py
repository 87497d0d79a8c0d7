"""The written formulation's pages: the editor (saved as the reviewer writes,
with its versions), the sign-off, the delivered report with its two PDFs, and
the therapist's acknowledgement.

Thin views: who may open what is ``consultations.rules`` (through
``views_common.case_for``), what happens is ``services.report``. Every page and
download of the report is in the audit trail; no page is cached, as the report
is clinical text.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from community.downloads import file_download
from consultations import audit, report_sections, rules
from consultations.models import Case, Report
from consultations.report_forms import (
    AcknowledgeForm,
    ReportDraftForm,
    ReportFinalForm,
    ReturnForm,
)
from consultations.report_pdf import render_report_pdf
from consultations.services import report as service
from consultations.views_common import act, area_required, case_for

Status = Case.Status
DELIVERED = (Status.DELIVERED, Status.CLOSED)


def _report(case) -> Report | None:
    return Report.objects.filter(case=case).select_related("approved_by").first()


def _signer(request):
    return lambda roles, case: rules.may_sign_off(request.user, roles, case)


def _acknowledger(roles, case) -> bool:
    return roles.requester and rules.may_read_report(roles, case)


def _team(roles) -> bool:
    return roles.team


def report_part(request, case, roles) -> dict:
    """The report's part of the case page: the one action this role has."""
    report = _report(case)
    return {
        "report": report,
        "may_write": rules.may_write_report(roles) and case.status in service.EDITABLE,
        "may_sign_off": case.status == Status.IN_SIGNOFF
        and rules.may_sign_off(request.user, roles, case),
        "may_acknowledge": roles.requester and case.status == Status.DELIVERED,
        "delivered": case.status in DELIVERED,
        "returned": bool(
            report and report.signoff_comments and case.status == Status.DRAFTING
        ),
    }


def _editor(request, case, form, *, report, status=200):
    return render(
        request,
        "consultations/report/edit.html",
        {"case": case, "form": form, "report": report, "now": timezone.now()},
        status=status,
    )


@area_required
@require_http_methods(["GET", "POST"])
@never_cache
def report_edit(request, pk):
    case, roles = case_for(request, pk, need=rules.may_write_report)
    if case.status not in service.EDITABLE:
        messages.info(request, "This report is not open for writing now.")
        return redirect(case.get_absolute_url())
    report = _report(case)
    stored = report.sections if report else None
    if request.method == "GET":
        audit.record_view(case=case, actor=request.user, target="report")
        return _editor(
            request, case, ReportDraftForm(initial_sections=stored), report=report
        )
    # An htmx request is always an autosave: htmx may add the last clicked
    # button's value, and a submission must come from the button itself.
    if request.POST.get("action") == "submit" and not request.htmx:
        return _submit(request, case, report=report)
    return _save_draft(request, case, report=report)


def _save_draft(request, case, *, report):
    htmx = bool(request.htmx)
    form = ReportDraftForm(request.POST, initial_sections=report and report.sections)
    if not form.is_valid():
        if htmx:
            return render(
                request, "consultations/report/_autosave.html", {"invalid": True}
            )
        return _editor(request, case, form, report=report, status=400)
    error = None
    try:
        service.report_save_draft(
            case_id=case.pk, user=request.user, sections=form.sections_value()
        )
    except ValidationError as refused:
        error = " ".join(refused.messages)
    if htmx:
        return render(
            request,
            "consultations/report/_autosave.html",
            {"error": error, "saved_at": timezone.now()},
        )
    if error:
        messages.error(request, error)
        return redirect(case.get_absolute_url())
    messages.success(request, "Draft saved.")
    return redirect("consultations:report-edit", pk=case.pk)


def _submit(request, case, *, report):
    form = ReportFinalForm(request.POST, initial_sections=report and report.sections)
    if not form.is_valid():
        # Highlighted and kept: what was typed is saved as the draft, the
        # report goes nowhere until it is edited or confirmed.
        draft = ReportDraftForm(request.POST)
        if draft.is_valid():
            try:
                service.report_save_draft(
                    case_id=case.pk, user=request.user, sections=draft.sections_value()
                )
            except ValidationError as refused:
                messages.error(request, " ".join(refused.messages))
                return redirect(case.get_absolute_url())
        return _editor(request, case, form, report=_report(case), status=400)
    response, _ = act(
        request,
        service.report_submit,
        success="The report has been sent for sign-off.",
        redirect_to=case.get_absolute_url(),
        case_id=case.pk,
        user=request.user,
        sections=form.sections_value(),
        privacy_report=form.privacy_report(),
    )
    return response


@area_required
@require_GET
@never_cache
def report_versions(request, pk):
    case, _ = case_for(request, pk, need=_team, view_target="report")
    report = _report(case)
    versions = report.versions.select_related("saved_by") if report else []
    return render(
        request,
        "consultations/report/versions.html",
        {"case": case, "report": report, "versions": versions},
    )


@area_required
@require_GET
@never_cache
def report_version(request, pk, number):
    case, _ = case_for(request, pk, need=_team, view_target="report")
    report = _report(case)
    if report is None:
        raise Http404("This consultation has no report yet.")
    version = get_object_or_404(
        report.versions.select_related("saved_by"), number=number
    )
    return render(
        request,
        "consultations/report/version.html",
        {
            "case": case,
            "version": version,
            "sections": report_sections.for_reading(version.sections),
        },
    )


def _signoff_page(request, case, report, *, return_form=None, status=200):
    return render(
        request,
        "consultations/report/signoff.html",
        {
            "case": case,
            "report": report,
            "sections": report_sections.for_reading(report.sections),
            "return_form": return_form or ReturnForm(),
        },
        status=status,
    )


def _waiting_for_signoff(request, pk):
    """The case and its report, if it waits for this signer's sign-off (a GET
    is recorded as reading the report); otherwise the report is None and the
    person has a message."""
    case, _ = case_for(request, pk, need=_signer(request))
    report = _report(case)
    if case.status != Status.IN_SIGNOFF or report is None:
        messages.info(request, "This report is not waiting for sign-off.")
        return case, None
    if request.method == "GET":
        audit.record_view(case=case, actor=request.user, target="report")
    return case, report


@area_required
@require_http_methods(["GET", "POST"])
@never_cache
def report_signoff(request, pk):
    case, report = _waiting_for_signoff(request, pk)
    if report is None:
        return redirect(case.get_absolute_url())
    if request.method == "GET":
        return _signoff_page(request, case, report)
    if request.POST.get("action") == "return":
        form = ReturnForm(request.POST)
        if not form.is_valid():
            return _signoff_page(request, case, report, return_form=form, status=400)
        response, _ = act(
            request,
            service.report_return,
            success="The report has been returned to the reviewer.",
            redirect_to=case.get_absolute_url(),
            case_id=case.pk,
            user=request.user,
            comments=form.cleaned_data["comments"],
        )
        return response
    response, _ = act(
        request,
        service.report_approve,
        success="The report is approved and delivered to the therapist.",
        redirect_to=case.get_absolute_url(),
        case_id=case.pk,
        user=request.user,
    )
    return response


@area_required
@require_http_methods(["GET", "POST"])
@never_cache
def report_signoff_edit(request, pk):
    case, report = _waiting_for_signoff(request, pk)
    if report is None:
        return redirect(case.get_absolute_url())
    if request.method == "GET":
        form = ReportFinalForm(initial_sections=report.sections)
        return _signoff_editor(request, case, form)
    form = ReportFinalForm(request.POST, initial_sections=report.sections)
    if not form.is_valid():
        return _signoff_editor(request, case, form, status=400)
    response, _ = act(
        request,
        service.report_approve,
        success="Your edit is saved and the report delivered to the therapist.",
        redirect_to=case.get_absolute_url(),
        case_id=case.pk,
        user=request.user,
        sections=form.sections_value(),
        privacy_report=form.privacy_report(),
    )
    return response


def _signoff_editor(request, case, form, *, status=200):
    return render(
        request,
        "consultations/report/signoff_edit.html",
        {"case": case, "form": form},
        status=status,
    )


def _reading_page(request, case, roles, report, *, form=None, status=200):
    return render(
        request,
        "consultations/report/detail.html",
        {
            "case": case,
            "roles": roles,
            "report": report,
            "sections": report_sections.for_reading(report.sections) if report else [],
            "delivered": case.status in DELIVERED,
            "may_acknowledge": roles.requester and case.status == Status.DELIVERED,
            "form": form or AcknowledgeForm(),
        },
        status=status,
    )


@area_required
@require_GET
@never_cache
def report_detail(request, pk):
    case, roles = case_for(
        request, pk, need=rules.may_read_report, view_target="report"
    )
    return _reading_page(request, case, roles, _report(case))


@area_required
@require_POST
@never_cache
def report_acknowledge(request, pk):
    case, roles = case_for(request, pk, need=_acknowledger)
    form = AcknowledgeForm(request.POST)
    if not form.is_valid():
        return _reading_page(request, case, roles, _report(case), form=form, status=400)
    response, _ = act(
        request,
        service.report_acknowledge,
        success="Thank you: the consultation is closed.",
        redirect_to=reverse("consultations:report", args=[case.pk]),
        case_id=case.pk,
        user=request.user,
        **form.answers(),
    )
    return response


def _pdf(request, pk, *, shareable_only: bool, target: str, suffix: str):
    case, _ = case_for(request, pk, need=rules.may_read_report)
    report = _report(case)
    if report is None:
        raise Http404("This consultation has no report yet.")
    body = render_report_pdf(case, report, shareable_only=shareable_only)
    audit.record_download(case=case, actor=request.user, target=target)
    return file_download(
        body, filename=f"{case.reference}-{suffix}.pdf", content_type="application/pdf"
    )


@area_required
@require_GET
@never_cache
def report_pdf(request, pk):
    return _pdf(request, pk, shareable_only=False, target="report_pdf", suffix="report")


@area_required
@require_GET
@never_cache
def report_shareable_pdf(request, pk):
    return _pdf(
        request,
        pk,
        shareable_only=True,
        target="shareable_pdf",
        suffix="report-for-the-patient",
    )
