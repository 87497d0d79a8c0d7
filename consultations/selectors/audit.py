"""Reads of the audit trail for its two pages: a therapist's view of who read
their case, and the director's view of every case.

Each event carries its actor's name (``AuditEvent.actor_name``), so neither
list joins the user table: a page of events is one query however many people
appear on it.
"""

from django.db.models import Q

from consultations.models import AuditEvent, Case


def case_events(*, case: Case, hide_actor=None):
    """A case's events, newest first; ``hide_actor`` leaves out what that
    person did themselves (the therapist wants to see the others)."""
    events = AuditEvent.objects.filter(case=case)
    if hide_actor is not None:
        events = events.filter(Q(actor__isnull=True) | ~Q(actor=hide_actor))
    return events.order_by("-at", "-pk")


def all_events(*, reference: str = "", actor: str = "", action: str = ""):
    """Every case's events for the director, filtered by case reference, the
    actor's name (parts of either) and the kind of event."""
    events = AuditEvent.objects.select_related("case").only(
        "id",
        "at",
        "action",
        "target",
        "from_status",
        "to_status",
        "actor",
        "actor_name",
        "case__id",
        "case__reference",
    )
    if reference:
        events = events.filter(case__reference__icontains=reference)
    if actor:
        events = events.filter(actor_name__icontains=actor)
    if action:
        events = events.filter(action=action)
    return events.order_by("-at", "-pk")
