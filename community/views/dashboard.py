"""The member dashboard: one page with what is new for me.

Each card is filled by its app's selectors as those apps arrive; until then the card
shows an honest empty state rather than sample data.
"""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from community.access import has_member_access, member_required, refuse
from community.onboarding import start_here
from community.roles import is_director
from community.services import start_here_dismiss
from consultations.selectors.dashboard import consultations_card, director_case_counts
from consultations.selectors.dashboard import may_see_card as may_see_consultations
from courses.selectors import dashboard_courses
from courses.video_library import newest_videos
from directory.licence_selectors import licences_waiting_count
from forum.selectors import (
    open_flags_by_post,
    pending_posts,
    readable_forums,
    recent_topics,
)
from memberships.rules import grace_ends_at
from memberships.selectors import membership_for
from sessions.selectors import next_session, questions_to_curate


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
    now = timezone.now()
    session = next_session(user=request.user, now=now)
    director = is_director(request.user)
    course_outlines = dashboard_courses(user=request.user)
    context = {
        "is_member": True,
        "director_queue": _director_queue(session=session, now=now)
        if director
        else None,
        # The director's dashboard is her work queue: no onboarding card there.
        "start_here": None
        if director
        else start_here(
            user=request.user, next_session=session, course_outlines=course_outlines
        ),
        "consultations": consultations_card(user=request.user),
        "membership": membership,
        "grace_ends": grace_ends_at(membership),
        "next_session": session,
        "now": now,
        "course_outlines": course_outlines,
        "forum_topics": _forum_topics(request),
        "new_videos": newest_videos(limit=4),
    }
    return render(request, "community/dashboard.html", context)


@require_POST
@member_required
def start_here_dismiss_view(request):
    """Hide the "Start here" card. A plain form post comes back to the
    dashboard; htmx swaps the card for a short status line."""
    start_here_dismiss(user=request.user)
    text = "The “Start here” card is hidden."
    if request.htmx:
        return HttpResponse(f'<p class="visually-hidden" role="status">{text}</p>')
    messages.success(request, text)
    return redirect("home")


def _forum_topics(request):
    readable = readable_forums(
        user=request.user, permission_handler=request.forum_permission_handler
    )
    return recent_topics(user=request.user, readable_forums=readable)


def _director_queue(*, session, now) -> dict:
    """What waits for the director, as counts: one query each for the approval
    queue, the flag queue, the next session's questions and her consultations,
    however many items wait (read through each app's selectors)."""
    return {
        "pending_posts": pending_posts().count(),
        "flagged_posts": open_flags_by_post().count(),
        "session": session,
        "to_curate": questions_to_curate(session=session) if session else None,
        "cases": director_case_counts(now=now),
        "licences": licences_waiting_count(),
    }
