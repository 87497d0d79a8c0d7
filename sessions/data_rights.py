"""The sessions' part of "download my data" and "delete my account".

A question is the member's own until the community has used it: one answered in a
session is part of that session's record (the agenda, the recording's minute),
and one that others' questions were merged into is theirs too. Those stay, under
"Deleted member", with everything private blanked: the case context, the
director's note to the author, and what the privacy check found. Every other
question (submitted, on an agenda not yet held, declined, deferred, merged away,
withdrawn) is deleted, and with it the votes it had. The attendance record
(who joined which session, the minutes the director confirmed) goes with the
account; a director's name comes off the confirmations they made.
"""

from django.db import transaction
from django.db.models import Count, Q

from community.data_rights import register as register_part
from sessions.models import Attendance, CalendarToken, Question, SentReminder, Vote
from sessions.selectors import sessions_export


@transaction.atomic
def erase(*, user) -> None:
    mine = Question.objects.filter(author=user)
    kept = mine.filter(
        Q(status=Question.Status.ANSWERED) | Q(co_authors__isnull=False)
    ).distinct()
    mine.exclude(pk__in=kept.values("pk")).delete()
    Question.objects.filter(pk__in=kept.values("pk")).update(
        context="", director_note="", privacy_confirmed_matches=[]
    )
    user.co_authored_questions.clear()

    voted_on = list(Vote.objects.filter(user=user).values_list("question", flat=True))
    Vote.objects.filter(user=user).delete()
    for question in Question.objects.filter(pk__in=voted_on).annotate(
        votes_now=Count("votes")
    ):
        Question.objects.filter(pk=question.pk).update(vote_count=question.votes_now)

    CalendarToken.objects.filter(user=user).delete()
    SentReminder.objects.filter(user=user).delete()
    Attendance.objects.filter(user=user).delete()
    Attendance.objects.filter(confirmed_by=user).update(confirmed_by=None)


def register() -> None:
    register_part(
        models=[
            "coaching_sessions.Attendance",
            "coaching_sessions.Question",
            "coaching_sessions.Vote",
            "coaching_sessions.CalendarToken",
            "coaching_sessions.SentReminder",
        ],
        export=sessions_export,
        erase=erase,
    )
