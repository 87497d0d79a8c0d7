"""What a refused visitor is told a session's address is (issue #19).

A session's title is the director's, so it is shown; its topic blurb, agenda,
questions and links are member content and never are.
"""

from community.access import MembersOnly
from sessions.models import CoachingSession


def session_teaser(request, pk, *args, **kwargs) -> MembersOnly | None:
    title = CoachingSession.objects.filter(pk=pk).values_list("title", flat=True)
    title = title.first()
    if title is None:
        return None
    return MembersOnly(heading="This session is for members", title=title)
