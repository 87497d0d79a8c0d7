"""What billing does when a case moves (``consultations.signals.case_moved``)."""

from consultation_billing import ledger, refunds


def on_case_moved(sender, *, case_id: int, action: str, **kwargs) -> None:
    if action == "approve_report":
        ledger.case_line_add(case_id=case_id)
    elif action in refunds.REFUNDING_ACTIONS:
        # Declined or cancelled: a task per payment refunds or voids it.
        refunds.queue_case_refunds(
            case_id=case_id, action=action, from_status=kwargs.get("from_status", "")
        )
