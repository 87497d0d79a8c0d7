"""The director's curation board: plain forms and buttons, usable by keyboard."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html_join
from django.utils.timezone import localtime
from django.views.decorators.http import require_http_methods, require_POST

from community.access import director_required
from sessions import selectors
from sessions.models import CoachingSession, Question
from sessions.refusals import refusals_as_messages
from sessions.services import curation

BOARD_STATUSES = [
    Question.Status.SUBMITTED,
    Question.Status.DEFERRED,
    Question.Status.ACCEPTED,
    Question.Status.DECLINED,
    Question.Status.MERGED,
]


@director_required
def board(request, pk):
    session = get_object_or_404(CoachingSession, pk=pk)
    questions = list(
        session.questions.filter(status__in=BOARD_STATUSES)
        .select_related("author", "merged_into")
        .prefetch_related("co_authors")
        .order_by("-vote_count", "created_at")
    )
    accepted = sorted(
        (q for q in questions if q.status == Question.Status.ACCEPTED),
        key=lambda q: (q.agenda_position or 0, -q.vote_count),
    )
    planned = sum(q.time_budget_minutes or 0 for q in accepted)
    later_sessions = list(
        CoachingSession.objects.filter(
            starts_at__gt=session.starts_at,
            status__in=[
                CoachingSession.Status.SCHEDULED,
                CoachingSession.Status.AGENDA_PUBLISHED,
            ],
        )[:6]
    )
    return render(
        request,
        "coaching_sessions/board.html",
        {
            "session": session,
            "open_questions": [
                q
                for q in questions
                if q.status in (Question.Status.SUBMITTED, Question.Status.DEFERRED)
            ],
            "accepted": accepted,
            "closed": [q for q in questions if q.status in ("declined", "merged")],
            "later_sessions": later_sessions,
            # The same options in every card: rendered once, not once per card.
            "later_session_options": format_html_join(
                "",
                '<option value="{}">{}</option>',
                (
                    (later.pk, date_format(localtime(later.starts_at), "j M Y"))
                    for later in later_sessions
                ),
            ),
            "planned": planned,
            "remaining": session.duration_minutes - planned,
            "now": timezone.now(),
        },
    )


@director_required
@require_POST
def act(request, pk):
    question = get_object_or_404(Question.objects.select_related("session"), pk=pk)
    action = request.POST.get("action")
    with refusals_as_messages(request):
        if action == "accept":
            curation.question_accept(question=question)
            messages.success(request, "Added to the agenda.")
        elif action == "decline":
            curation.question_decline(
                question=question, note=request.POST.get("note", "")
            )
            messages.success(request, "Declined; the author has your note.")
        elif action == "merge":
            target = get_object_or_404(Question, pk=_int(request.POST.get("target")))
            curation.question_merge(source=question, target=target)
            messages.success(request, "Merged; votes and authors are combined.")
        elif action == "defer":
            later = get_object_or_404(
                CoachingSession, pk=_int(request.POST.get("session"))
            )
            curation.question_defer(question=question, to_session=later)
            messages.success(request, "Moved to the later session; the author is told.")
        else:
            messages.error(request, "Choose what to do with the question.")
    return redirect("coaching_sessions:board", pk=question.session_id)


@director_required
@require_POST
def merge(request, pk):
    """The board's one merge form: any open question into another of the session."""
    session = get_object_or_404(CoachingSession, pk=pk)
    source = get_object_or_404(session.questions, pk=_int(request.POST.get("source")))
    target = get_object_or_404(session.questions, pk=_int(request.POST.get("target")))
    with refusals_as_messages(request):
        curation.question_merge(source=source, target=target)
        messages.success(request, "Merged; votes and authors are combined.")
    return redirect("coaching_sessions:board", pk=session.pk)


@director_required
@require_POST
def agenda(request, pk):
    session = get_object_or_404(CoachingSession, pk=pk)
    plan = {}
    for question in session.questions.filter(status=Question.Status.ACCEPTED):
        position = _int(request.POST.get(f"position-{question.pk}"))
        minutes = _int(request.POST.get(f"minutes-{question.pk}"))
        if position is not None and minutes is not None:
            plan[question.pk] = (position, minutes)
    with refusals_as_messages(request):
        curation.agenda_save(session=session, plan=plan)
        if request.POST.get("publish"):
            if curation.agenda_publish(session=session):
                messages.success(
                    request,
                    "The agenda is published; members are being emailed. Questions "
                    "stay open until the cutoff.",
                )
            else:
                messages.success(request, "The agenda is saved and stays published.")
        else:
            messages.success(request, "Order and times saved.")
    return redirect("coaching_sessions:board", pk=session.pk)


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


@director_required
@require_POST
def close(request, pk):
    """After the session: answered questions (with minutes) and the recording."""
    session = get_object_or_404(CoachingSession, pk=pk)
    answered = {}
    for question in session.questions.filter(status=Question.Status.ACCEPTED):
        if request.POST.get(f"answered-{question.pk}"):
            answered[question.pk] = _int(request.POST.get(f"minute-{question.pk}"))
    with refusals_as_messages(request, every_reason=True):
        deferred = curation.session_close(
            session=session,
            answered=answered,
            recording_url=request.POST.get("recording_url", "").strip(),
        )
        messages.success(
            request,
            f"The session is marked done; {len(answered)} answered, "
            f"{len(deferred)} moved to the next session.",
        )
    return redirect("coaching_sessions:board", pk=session.pk)


@director_required
@require_http_methods(["GET", "POST"])
def from_topic(request, topic_id):
    from machina.apps.forum_conversation.models import Topic

    topic = get_object_or_404(
        Topic.objects.select_related("forum", "poster"), pk=topic_id
    )
    now = timezone.now()
    # Only sessions still taking questions, as for a member's question; when the
    # soonest has closed, the page says why and which session comes next.
    upcoming = selectors.sessions_taking_questions(now=now)
    soonest = (
        CoachingSession.objects.filter(starts_at__gt=now)
        .exclude(status__in=[CoachingSession.Status.CANCELLED])
        .order_by("starts_at")
        .first()
    )
    closed = (
        selectors.question_window(session=soonest, now=now)
        if soonest is not None and not soonest.accepts_questions(now)
        else None
    )
    if request.method == "POST":
        session = get_object_or_404(
            CoachingSession, pk=_int(request.POST.get("session"))
        )
        with refusals_as_messages(request):
            question = curation.question_from_topic(topic=topic, session=session)
            messages.success(request, "The topic is now a question for that session.")
            return redirect("coaching_sessions:board", pk=question.session_id)
    return render(
        request,
        "coaching_sessions/from_topic.html",
        {"topic": topic, "upcoming": upcoming, "closed_window": closed},
    )
