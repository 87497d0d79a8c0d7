"""The therapist's pages: "My consultations", a new request, the request form
with its autosave, sending and cancelling, and the request's part of the case
page. Attachments and consent have their own module (request_file_views).

Every write goes through ``services.requests``; a refusal (a request that is
no longer editable, a move out of order) comes back as a message next to what
was typed, never as a lost page.
"""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from community.access import refuse
from consultations import payment_gate, rules, states
from consultations.attachments import check_attachment
from consultations.request_forms import RequestForm
from consultations.selectors import requests as selectors
from consultations.services import requests as services
from consultations.views_common import area_required, case_for

Status = states.Status
PAY_TO_SEND = (
    "Your request is saved and ready. Choose how the consultation is paid to send it."
)
SENT = (
    "Your request is sent. The director reads it next; you will get an email "
    "when a reviewer has taken it on."
)


def _requester(roles) -> bool:
    return roles.requester


@area_required
@require_GET
@never_cache
def my_consultations(request):
    user = request.user
    cases = list(selectors.member_cases(user=user))
    may_request = rules.may_request(user)
    if not may_request and not cases:
        if rules.is_consultant(user):
            return redirect("consultations:reviewer")
        return refuse(request)
    rows = [
        {
            "case": case,
            "asked": selectors.asked_of_member(case),
            "due": case.due_at if case.status in selectors.SHOWS_DUE else None,
        }
        for case in cases
    ]
    return render(
        request,
        "consultations/member/mine.html",
        {
            "rows": rows,
            "may_request": may_request,
            "is_consultant": rules.is_consultant(user),
            "now": timezone.now(),
        },
    )


@area_required
@require_http_methods(["GET", "POST"])
def request_new(request):
    """GET explains what will be asked; POST opens a draft and goes to it."""
    if not rules.may_request(request.user):
        return refuse(request)
    if request.method == "GET":
        return render(request, "consultations/member/new.html")
    case = services.case_create_draft(user=request.user)
    return redirect("consultations:edit", pk=case.pk)


def _edit_page(request, case, form, *, status: int = 200):
    attachments = list(selectors.request_attachments(case))
    return render(
        request,
        "consultations/member/edit.html",
        {
            "case": case,
            "form": form,
            "attachments": attachments,
            "room_for_more": len(attachments) < _max_attachments(),
            "consent": selectors.latest_consent(case),
            "consent_current": selectors.consent_is_current(case),
        },
        status=status,
    )


def _max_attachments() -> int:
    return settings.CONSULT_ATTACHMENT_MAX_COUNT


def _editable(request, pk):
    """The requester's case, if they may still edit it; else a response."""
    case, roles = case_for(request, pk, need=_requester)
    if not rules.may_request(request.user):
        return case, refuse(request)
    if case.status not in selectors.EDITABLE:
        messages.info(request, services.NOT_EDITABLE)
        return case, redirect(case)
    return case, None


def _add_upload(request, case, form) -> None:
    upload = (
        form.cleaned_data.get("attachment") if hasattr(form, "cleaned_data") else None
    )
    if not upload:
        return
    try:
        attachment = services.attachment_add(
            case_id=case.pk, user=request.user, upload=upload
        )
    except ValidationError as error:
        form.add_error("attachment", error)
        return
    finding = check_attachment(attachment)
    if not finding.readable:
        messages.warning(
            request,
            f"“{attachment.original_name}” is attached, but its text could not be "
            "read (it may be a scan), so it could not be checked for identifiers. "
            "You will be asked to confirm it identifies nobody before sending.",
        )
    elif finding.matches:
        messages.warning(
            request,
            f"“{attachment.original_name}” is attached. The privacy check found "
            f"{len(finding.matches)} possible identifier(s) in it: you will see "
            "them, and confirm or replace the file, when you send the request.",
        )
    else:
        messages.success(request, f"“{attachment.original_name}” is attached.")


def _save(request, case):
    """Save the draft with everything well formed (always), the upload or the
    removal asked for; then send it if that was the button pressed."""
    action = request.POST.get("action", "save")
    form = RequestForm(
        request.POST,
        request.FILES,
        instance=case,
        attachments=selectors.request_attachments(case),
    )
    form.is_valid()
    try:
        services.case_save_draft(
            case_id=case.pk, user=request.user, data=form.draft_data()
        )
    except ValidationError as error:
        form.add_error(None, error)
        return _edit_page(request, case, form, status=400)
    _add_upload(request, case, form)
    remove = request.POST.get("remove", "")
    if remove.isdigit():
        try:
            services.attachment_remove(
                case_id=case.pk, attachment_id=int(remove), user=request.user
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "The attachment is removed.")
    if form.errors:
        return _edit_page(request, case, form, status=400)
    if action == "submit":
        case.refresh_from_db()
        return _submit(request, case, data=request.POST)
    if action == "consent":
        return redirect("consultations:consent", pk=case.pk)
    if remove or "attachment" in request.FILES:
        return redirect("consultations:edit", pk=case.pk)
    saved = timezone.localtime().strftime("%H:%M")
    messages.success(request, f"Draft saved at {saved}.")
    return redirect("consultations:edit", pk=case.pk)


def _submit(request, case, *, data):
    form = RequestForm(
        data,
        instance=case,
        submitting=True,
        attachments=selectors.request_attachments(case),
    )
    if not form.is_valid():
        return _edit_page(request, case, form, status=400)
    try:
        case = services.case_submit(
            case_id=case.pk,
            user=request.user,
            data=form.draft_data(),
            privacy_matches=form.privacy_report(),
            attachment_matches=form.attachment_reports(),
        )
    except ValidationError as error:
        form.add_error(None, error)
        return _edit_page(request, case, form, status=400)
    if case.awaiting_payment:
        messages.info(request, PAY_TO_SEND)
        return redirect(payment_gate.payment_step_url(case))
    messages.success(request, SENT)
    return redirect(case)


@area_required
@never_cache
@require_http_methods(["GET", "POST"])
def request_edit(request, pk):
    case, refused = _editable(request, pk)
    if refused:
        return refused
    if request.method == "GET":
        return _edit_page(request, case, RequestForm(instance=case))
    return _save(request, case)


@area_required
@require_POST
def request_autosave(request, pk):
    """htmx saves the draft as the therapist writes and gets a one-line status
    back; without htmx this is the "Save draft" button."""
    if not request.htmx:
        case, refused = _editable(request, pk)
        return refused or _save(request, case)
    case, _roles = case_for(request, pk, need=_requester)
    form = RequestForm(request.POST, instance=case)
    form.is_valid()
    error = ""
    try:
        services.case_save_draft(
            case_id=case.pk, user=request.user, data=form.draft_data()
        )
    except ValidationError as refusal:
        error = " ".join(refusal.messages)
    return render(
        request,
        "consultations/member/_autosave_status.html",
        {"saved_at": timezone.now(), "error": error, "partial": bool(form.errors)},
    )


@area_required
@require_POST
def request_submit(request, pk):
    """Send the stored draft from the case page (the guard and the required
    fields are checked on what is stored; findings come back on the form)."""
    case, refused = _editable(request, pk)
    if refused:
        return refused
    data = RequestForm.data_from(
        case, privacy_confirmed=request.POST.get("privacy_confirmed", "")
    )
    return _submit(request, case, data=data)


@area_required
@never_cache
@require_http_methods(["GET", "POST"])
def request_cancel(request, pk):
    """A confirmation page, then the cancellation."""
    case, _roles = case_for(request, pk, need=_requester)
    if case.status not in states.BEFORE_ACCEPTANCE:
        messages.error(request, services.TOO_LATE_TO_CANCEL)
        return redirect(case)
    if request.method == "GET":
        return render(request, "consultations/member/cancel.html", {"case": case})
    try:
        services.case_cancel(case_id=case.pk, user=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect(case)
    messages.success(request, f"Consultation {case.reference} is cancelled.")
    return redirect("consultations:mine")


def request_part(request, case, roles) -> dict:
    """The request as written, for the case page. A consultant who only holds
    an open offer reads the question, the summary and the urgency, nothing
    more, until they accept."""
    limited = roles.offered and not (roles.team or roles.requester)
    context = {
        "limited": limited,
        "show_note": case.status in (Status.RETURNED, Status.DECLINED)
        and bool(case.director_note)
        and (roles.requester or roles.director),
    }
    if limited:
        return context
    may_edit = (
        roles.requester
        and case.status in selectors.EDITABLE
        and rules.may_request(request.user)
    )
    consents = list(selectors.consent_history(case))
    latest = consents[-1] if consents else None
    context.update(
        attachments=list(selectors.request_attachments(case))
        if rules.may_read_attachments(roles)
        else None,
        consents=consents,
        consent_current=bool(latest and latest.kind == latest.Kind.GIVEN),
        may_edit=may_edit,
        may_cancel=roles.requester and case.status in states.BEFORE_ACCEPTANCE,
        may_withdraw_consent=roles.requester
        and case.status not in states.FINAL
        and bool(latest and latest.kind == latest.Kind.GIVEN),
    )
    return context
