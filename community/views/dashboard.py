"""The member dashboard: one page with what is new for me.

Each card is filled by its app's selectors as those apps arrive; until then the card
shows an honest empty state rather than sample data.
"""

from django.shortcuts import render
from django.utils import timezone

from community.access import has_member_access, refuse
from consultations.selectors.dashboard import consultations_card
from consultations.selectors.dashboard import may_see_card as may_see_consultations
from courses.selectors import dashboard_courses
from courses.video_library import newest_videos
from forum.selectors import readable_forums, recent_topics
from memberships.rules import grace_ends_at
from memberships.selectors import membership_for
from sessions.selectors import next_session


def shows_dashboard(user) -> bool:
    """Members see the dashboard; so does a consultant who is not a member, with
    only their consultations card (the rules stay in community.access and
    consultations.rules)."""
    return has_member_access(user) or may_see_consultations(user)


def dashboard(request):
    if not has_member_access(request.user):
        if not may_see_consultations(request.user):
            return refuse(request)
        context = {
            "is_member": False,
            "now": timezone.now(),
            "consultations": consultations_card(user=request.user),
        }
        return render(request, "community/dashboard.html", context)
    membership = membership_for(user=request.user)
    context = {
        "is_member": True,
        "consultations": consultations_card(user=request.user),
        "membership": membership,
        "grace_ends": grace_ends_at(membership),
        "next_session": next_session(user=request.user),
        "now": timezone.now(),
        "course_outlines": dashboard_courses(user=request.user),
        "forum_topics": _forum_topics(request),
        "new_videos": newest_videos(limit=4),
    }
    return render(request, "community/dashboard.html", context)


def _forum_topics(request):
    readable = readable_forums(
        user=request.user, permission_handler=request.forum_permission_handler
    )
    return recent_topics(user=request.user, readable_forums=readable)
