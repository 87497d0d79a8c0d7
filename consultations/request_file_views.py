"""The request's attachments (downloaded through the access check, every
download recorded) and the patient's consent (recorded, and withdrawn with a
new record).

Files leave the private storage only here, after ``rules.may_read_attachments``
(the requester and the case team; a consultant who only holds an offer does
not download), and the way courses' private files do (``courses.media``).
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from community.access import refuse
from consultations import audit, rules, states
from consultations.request_forms import ConsentForm, WithdrawalForm
from consultations.selectors import requests as selectors
from consultations.services import requests as services
from consultations.views_common import area_required, case_for
from courses.media import file_response


@area_required
@require_GET
def attachment_download(request, pk, attachment_id):
    case, _roles = case_for(request, pk, need=rules.may_read_attachments)
    attachment = get_object_or_404(case.attachments, pk=attachment_id)
    try:
        path = attachment.file.path
    except NotImplementedError:  # object storage: not used for case files
        return refuse(request, staff_only=True)
    response = file_response(
        request,
        path,
        content_type=attachment.content_type,
        disposition=content_disposition_header(
            as_attachment=True, filename=attachment.original_name
        ),
    )
    # Nothing in a file runs in our origin, and nothing keeps a copy.
    response["Content-Security-Policy"] = "default-src 'none'"
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    audit.record_download(
        case=case, actor=request.user, target=f"attachment:{attachment.pk}"
    )
    return response


def _requester_case(request, pk):
    case, _roles = case_for(request, pk, need=lambda roles: roles.requester)
    return case


def _consent_page(request, case, form, *, status=200):
    return render(
        request,
        "consultations/member/consent.html",
        {
            "case": case,
            "form": form,
            "consent": selectors.current_consent(),
            "history": selectors.consent_history(case),
        },
        status=status,
    )


@area_required
@never_cache
@require_http_methods(["GET", "POST"])
def consent_record(request, pk):
    case = _requester_case(request, pk)
    if not rules.may_request(request.user):
        return refuse(request)
    if case.status not in selectors.EDITABLE:
        messages.info(request, services.NOT_EDITABLE)
        return redirect(case)
    consent = selectors.current_consent()
    if request.method == "GET":
        form = ConsentForm(
            initial={"version": consent.version, "obtained_on": timezone.localdate()}
        )
        return _consent_page(request, case, form)
    form = ConsentForm(request.POST)
    if form.is_valid():
        try:
            services.consent_give(
                case_id=case.pk,
                user=request.user,
                version=form.cleaned_data["version"],
                obtained_on=form.cleaned_data["obtained_on"],
                method=form.cleaned_data["method"],
            )
        except ValidationError as error:
            form.add_error(None, error)
            # The text shown may have changed: show the current one next time.
            form.data = {**form.data.dict(), "version": consent.version}
        else:
            messages.success(request, "The patient's consent is recorded.")
            return redirect("consultations:edit", pk=case.pk)
    return _consent_page(request, case, form, status=400)


@area_required
@never_cache
@require_http_methods(["GET", "POST"])
def consent_withdraw(request, pk):
    case = _requester_case(request, pk)
    if case.status in states.FINAL or not selectors.consent_is_current(case):
        messages.error(request, services.NO_CONSENT_TO_WITHDRAW)
        return redirect(case)
    form = WithdrawalForm(
        request.POST or None, initial={"obtained_on": timezone.localdate()}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.consent_withdraw(
                case_id=case.pk,
                user=request.user,
                obtained_on=form.cleaned_data["obtained_on"],
                method=form.cleaned_data["method"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                "The withdrawal is recorded. No interview will take place; "
                "a reviewer who has the case is told.",
            )
            return redirect(case)
    return render(
        request,
        "consultations/member/consent_withdraw.html",
        {"case": case, "form": form, "history": selectors.consent_history(case)},
        status=400 if form.errors else 200,
    )
