"""What every consultations service shares: the case row lock."""

from django.shortcuts import get_object_or_404

from consultations.models import Case


def locked_case(case_id: int) -> Case:
    """The case, locked for the rest of the transaction (call inside atomic)."""
    return get_object_or_404(Case.objects.select_for_update(), pk=case_id)
