"""A therapist deletes one of their finished consultations: a confirmation page,
then it is gone, report and files included ("what a member removes is gone").
Only the requester may; the case team and the director may not."""

from django import forms
from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from consultations import data_rights
from consultations.views_common import area_required, case_for


class DeleteCaseForm(forms.Form):
    confirm = forms.BooleanField(
        label="I understand that the request, its files and the report are deleted "
        "for good, and cannot be brought back.",
        error_messages={"required": "Tick the box to confirm the deletion."},
    )


def _requester(roles) -> bool:
    return roles.requester


@area_required
@require_http_methods(["GET", "POST"])
@never_cache
def case_delete(request, pk):
    case, roles = case_for(request, pk, need=_requester)
    deletable = case.status in data_rights.DELETABLE
    form = DeleteCaseForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and deletable and form.is_valid():
        reference = case.reference
        try:
            data_rights.case_delete(case_id=case.pk, user=request.user)
        except forms.ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
            return redirect(case)
        messages.success(request, f"Consultation {reference} is deleted.")
        return redirect("consultations:mine")
    status = 400 if request.method == "POST" else 200
    if request.method == "POST" and not deletable:
        messages.error(
            request,
            "This consultation is still open: cancel it first, or wait for the report.",
        )
        return redirect(case)
    return render(
        request,
        "consultations/audit/case_delete.html",
        {"case": case, "form": form, "deletable": deletable},
        status=status,
    )
