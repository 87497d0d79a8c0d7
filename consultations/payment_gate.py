"""The one place where payment gates triage.

A submitted request goes to the director's triage only when its fee is settled.
For now that means the director waived it; the billing issue (#16) adds "paid"
and "invoiced" to ``fee_settled`` and calls ``release_if_settled`` from its
webhook handlers. Nothing else moves a case from SUBMITTED to TRIAGE.
"""

from consultations import states
from consultations.models import Case


def fee_settled(case: Case) -> bool:
    return case.fee_waived


def release_if_settled(case: Case, *, actor=None) -> bool:
    """Send the (locked) case on to triage if it waits for nothing else."""
    if case.status == Case.Status.SUBMITTED and fee_settled(case):
        states.transition(case, "release_to_triage", actor=actor)
        return True
    return False
