"""What billing does when a case moves (``consultations.signals.case_moved``)."""

from consultation_billing import ledger


def on_case_moved(sender, *, case_id: int, action: str, **kwargs) -> None:
    if action == "approve_report":
        ledger.case_line_add(case_id=case_id)
