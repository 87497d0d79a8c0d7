"""The calls app's part of the case page (``consultations.case_page``)."""

from wagtail import hooks


@hooks.register("consultation_case_parts")
def follow_up_call_part():
    from consultation_calls.views import show_part
    from consultations.case_page import Part

    return [
        Part(
            "consultation_calls/_part.html",
            show_part,
            "consultation_calls.views.call_part",
        )
    ]


@hooks.register("consultation_reviewer_links")
def follow_up_calls_to_arrange(request):
    """On the reviewer's page: each follow-up call that waits for their times,
    and each one booked, with its time in their zone."""
    from django.urls import reverse
    from django.utils import timezone

    from consultation_calls.models import FollowUpCall

    Status = FollowUpCall.Status
    calls = (
        FollowUpCall.objects.filter(
            reviewer=request.user, status__in=[Status.REQUESTED, Status.BOOKED]
        )
        .select_related("case")
        .order_by("created_at")[:10]
    )
    links = []
    for call in calls:
        where = reverse("consultations:case", args=[call.case_id]) + "#follow-up"
        if call.status == Status.REQUESTED:
            label = f"Follow-up call to arrange: {call.case.reference}"
        else:
            at = timezone.localtime(call.starts_at)
            when = f"{at.day} {at:%b, %H:%M}"
            label = f"Follow-up call {call.case.reference}: {when}"
        links.append((label, where))
    return links
