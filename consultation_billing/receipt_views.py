"""The receipt download, beside the consultation it is for.

Only the requester (who paid, or whose patient did) and the director may
download it; to anyone else, the consultation's other reviewers and admins
included, the receipt does not exist (404), so a payment's existence says
nothing. Admins see payments in /cms/, not here. Every download is in the
consultation's audit trail, as the report's PDFs are.
"""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from community.downloads import file_download
from consultation_billing.models import CasePayment
from consultation_billing.receipt_pdf import has_receipt, render_receipt_pdf
from consultations import audit
from consultations.models import Case
from consultations.rules import case_roles
from consultations.views_common import area_required

AUDIT_TARGET = "receipt"


def receipt_url(payment: CasePayment) -> str | None:
    """The "Receipt" link for the case page's payment part, once there is one."""
    if payment.case_id is None or not has_receipt(payment):
        return None
    return reverse("consultation_billing:receipt", args=[payment.case_id, payment.pk])


def may_download_receipt(user, case: Case) -> bool:
    roles = case_roles(user, case)
    return roles.requester or roles.director


@area_required
@require_GET
@never_cache
def receipt_pdf(request, pk: int, payment_id: int):
    case = get_object_or_404(Case.objects.select_related("requester"), pk=pk)
    if not may_download_receipt(request.user, case):
        raise Http404("No such receipt.")
    payment = get_object_or_404(
        CasePayment.objects.select_related("payer"), pk=payment_id, case=case
    )
    if not has_receipt(payment):
        raise Http404("This payment has no receipt.")
    body = render_receipt_pdf(payment)
    audit.record_download(case=case, actor=request.user, target=AUDIT_TARGET)
    return file_download(
        body, filename=f"{payment.receipt_number}.pdf", content_type="application/pdf"
    )
