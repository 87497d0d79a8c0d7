"""The director's curation board: plain forms and buttons, usable by keyboard
and without JavaScript; htmx only spares the reload when moving agenda items."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html_join
from django.utils.timezone import localtime
from django.views.decorators.http import require_http_methods, require_POST

from community.access import director_required
from sessions import selectors
from sessions.forms import TopicQuestionForm
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


def _agenda_context(session) -> dict:
    """The agenda part of the board (also returned alone to htmx after a move)."""
    accepted = selectors.agenda_order(
        session.questions.filter(status=Question.Status.ACCEPTED)
        .select_related("author", "source_topic__forum")
        .prefetch_related("co_authors")
    )
    planned = sum(q.time_budget_minutes or 0 for q in accepted)
    return {
        "session": session,
        "accepted": accepted,
        "planned": planned,
        "remaining": session.duration_minutes - planned,
        "over": planned - session.duration_minutes,
    }


@director_required
def board(request, pk):
    session = get_object_or_404(CoachingSession, pk=pk)
    questions = list(
        session.questions.filter(status__in=BOARD_STATUSES)
        .exclude(status=Question.Status.ACCEPTED)
        .select_related("author", "merged_into", "source_topic__forum")
        .order_by("-vote_count", "created_at")
    )
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
            **_agenda_context(session),
            "open_questions": [q for q in questions if q.status in selectors.TO_DECIDE],
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
    """Save the agenda's order and times; publish it; or move one question up or
    down ("move" = "up-<id>" / "down-<id>"), keeping what was typed meanwhile.
    A move or a drag-and-drop save ("reorder") from htmx gets the agenda part
    back; without JavaScript, the board."""
    session = get_object_or_404(CoachingSession, pk=pk)
    plan = {}
    for question in session.questions.filter(status=Question.Status.ACCEPTED):
        position = _int(request.POST.get(f"position-{question.pk}"))
        minutes = _int(request.POST.get(f"minutes-{question.pk}"))
        # A field left empty keeps what the question has (minutes not given
        # yet must not stop its new place from being saved).
        if position is not None or minutes is not None:
            plan[question.pk] = (
                question.agenda_position if position is None else position,
                question.time_budget_minutes if minutes is None else minutes,
            )
    direction, _, moved = request.POST.get("move", "").partition("-")
    if request.POST.get("move"):
        return _move(request, session, plan, direction, _int(moved))
    if request.htmx and request.POST.get("reorder"):
        # A drop on the agenda (static/js/agenda-order.js): its part only.
        try:
            curation.agenda_save(session=session, plan=plan)
        except ValidationError as exc:
            return _agenda_part(request, session, exc.messages[0])
        return _agenda_part(request, session, "New order saved.")
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


def _move(request, session, plan, direction, question_id):
    note, failed = "", False
    try:
        curation.agenda_save(session=session, plan=plan)
        place = curation.agenda_move(
            session=session, question_id=question_id, direction=direction
        )
    except ValidationError as exc:
        note, failed = exc.messages[0], True
    else:
        total = session.questions.filter(status=Question.Status.ACCEPTED).count()
        note = f"Moved {direction}: now {place} of {total}."
    if request.htmx:
        return _agenda_part(request, session, note)
    (messages.error if failed else messages.success)(request, note)
    return redirect(
        f"{redirect('coaching_sessions:board', pk=session.pk).url}#agenda-title"
    )


def _agenda_part(request, session, note):
    """The agenda as it now is, with what happened (or why not) in its status
    line. Always a 200: htmx does not swap in an error response, and a refusal
    (a question declined in another tab) must show, with the fresh order."""
    return render(
        request,
        "coaching_sessions/_agenda.html",
        {**_agenda_context(session), "agenda_note": note},
    )


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
    if not curation.topic_can_be_brought(topic):
        return render(
            request,
            "coaching_sessions/from_topic.html",
            {"topic": topic, "refused": True},
            status=400,
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
    wording = curation.topic_question_wording(topic)
    form = TopicQuestionForm(initial=wording)
    status = 200
    if request.method == "POST":
        session = get_object_or_404(
            CoachingSession, pk=_int(request.POST.get("session"))
        )
        # A post without the wording fields (an older form) takes the suggestion.
        data = request.POST.copy()
        for name, value in wording.items():
            data.setdefault(name, value)
        form = TopicQuestionForm(data)
        if form.is_valid():
            with refusals_as_messages(request):
                question, created = curation.question_from_topic(
                    topic=topic,
                    session=session,
                    title=form.cleaned_data["title"],
                    body=form.cleaned_data["body"],
                    privacy_matches=form.privacy_report(),
                )
                if created:
                    messages.success(
                        request, "The topic is now a question for that session."
                    )
                else:
                    messages.info(
                        request,
                        "Already added: this topic is a question for that session.",
                    )
                return redirect("coaching_sessions:board", pk=question.session_id)
        status = 400
    # The sessions the topic is already a question of: named on the page, and
    # marked in the choice, so that the director sees it before adding it again.
    already = list(
        topic.session_questions.select_related("session").order_by("session__starts_at")
    )
    return render(
        request,
        "coaching_sessions/from_topic.html",
        {
            "topic": topic,
            "upcoming": upcoming,
            "closed_window": closed,
            "form": form,
            "already": already,
            "added_to": {q.session_id for q in already},
        },
        status=status,
    )
