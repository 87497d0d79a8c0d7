"""What billing does when a case moves (``consultations.signals.case_moved``)."""

from consultation_billing import ledger, refunds
from consultations.models import Case


def on_case_moved(sender, *, case_id: int, action: str, **kwargs) -> None:
    if action == "approve_report":
        ledger.case_line_add(case_id=case_id)
    elif action in refunds.REFUNDING_ACTIONS:
        # Declined or cancelled: a task per payment refunds or voids it.
        refunds.queue_case_refunds(
            case_id=case_id, action=action, from_status=kwargs.get("from_status", "")
        )
    elif (
        action == "release_to_triage"
        and Case.objects.filter(pk=case_id, fee_waived=True).exists()
    ):
        # Waived while an invoice or a Checkout was under way: close it.
        refunds.queue_waived_closing(case_id=case_id)
