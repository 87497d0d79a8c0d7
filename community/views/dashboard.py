"""The member dashboard: one page with what is new for me.

Each card is filled by its app's selectors as those apps arrive; until then the card
shows an honest empty state rather than sample data.
"""

from django.shortcuts import render

from community.access import grace_ends_at, member_required
from memberships.selectors import membership_for


@member_required
def dashboard(request):
    membership = membership_for(user=request.user)
    context = {
        "membership": membership,
        "grace_ends": grace_ends_at(membership),
        "next_session": None,
        "course_progress": None,
        "forum_topics": [],
        "new_videos": [],
    }
    return render(request, "community/dashboard.html", context)
