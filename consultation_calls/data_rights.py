"""The calls' part of "download my data" and "delete my account": the
requester's calls (times and states) are exported; they go with their case when
the case is deleted. A reviewer who deletes their account cancels the calls
they would still hold (refunded in full). The video link is the reviewer's and
is left out of the export."""

from community.data_rights import register as register_part
from consultation_calls import services
from consultation_calls.models import FollowUpCall


def _iso(moment):
    return moment.isoformat() if moment else None


def export(*, user) -> tuple[str, object]:
    calls = FollowUpCall.objects.filter(case__requester=user).select_related("case")
    return "consultation_calls", [
        {
            "case_reference": call.case.reference,
            "status": call.status,
            "minutes": call.minutes,
            "proposed_at": _iso(call.proposed_at),
            "starts_at": _iso(call.starts_at),
            "cancelled_at": _iso(call.cancelled_at),
            "held_at": _iso(call.held_at),
        }
        for call in calls
    ]


def erase(*, user) -> None:
    for call_id in FollowUpCall.objects.filter(
        reviewer=user, status__in=services.OPEN
    ).values_list("pk", flat=True):
        services.call_cancel_by_reviewer_leaving(call_id=call_id)


def register() -> None:
    register_part(models=[FollowUpCall], export=export, erase=erase)
