"""The sessions pages for members: the list, one session, and their questions."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from community.access import can_moderate, member_required
from sessions import question_states, selectors
from sessions.forms import QuestionForm
from sessions.models import CoachingSession, Question
from sessions.refusals import refusals_as_messages
from sessions.services import questions as question_services
from sessions.teasers import session_teaser


@member_required
def session_list(request):
    now = timezone.now()
    return render(
        request,
        "coaching_sessions/session_list.html",
        {
            "upcoming": selectors.upcoming_sessions(user=request.user, now=now),
            "past": selectors.past_sessions(user=request.user, now=now),
            "now": now,
        },
    )


def _session_page(request, session, *, form=None, status=200):
    now = timezone.now()
    return render(
        request,
        "coaching_sessions/session_detail.html",
        {
            "session": session,
            "now": now,
            "accepts_questions": session.accepts_questions(now),
            "question_window": selectors.question_window(session=session, now=now),
            "join_open": session.join_is_open(now),
            "questions": selectors.session_questions(
                session=session, user=request.user
            ),
            "agenda": selectors.published_agenda(session=session),
            "my_declined": selectors.my_declined_questions(
                session=session, user=request.user
            ),
            "form": form if form is not None else QuestionForm(),
            "is_moderator": can_moderate(request.user),
        },
        status=status,
    )


@member_required(teaser=session_teaser)
@require_http_methods(["GET", "POST"])
def session_detail(request, pk):
    session = get_object_or_404(CoachingSession, pk=pk)
    if request.method == "GET":
        return _session_page(request, session)
    form = QuestionForm(request.POST)
    if form.is_valid():
        try:
            question_services.question_submit(
                session=session, author=request.user, **_question_data(form)
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request, "Your question is in. You can edit it until the cutoff."
            )
            return redirect("coaching_sessions:detail", pk=session.pk)
    return _session_page(request, session, form=form, status=400)


def _question_data(form) -> dict:
    """What a valid question form hands to the services."""
    fields = ["title", "body", "context", "hide_name"]
    return {
        **{name: form.cleaned_data[name] for name in fields},
        "privacy_matches": form.privacy_report(),
    }


def _own_question(request, pk) -> Question:
    question = get_object_or_404(Question.objects.select_related("session"), pk=pk)
    if question.author_id != request.user.pk:
        raise Http404("No such question.")
    return question


@member_required
@require_http_methods(["GET", "POST"])
def question_edit(request, pk):
    question = _own_question(request, pk)
    form = QuestionForm(request.POST or None, instance=question)
    if request.method == "POST" and form.is_valid():
        try:
            question_services.question_update(
                question=question, editor=request.user, **_question_data(form)
            )
        except (ValidationError, PermissionDenied) as exc:
            form.add_error(None, str(getattr(exc, "message", exc)))
        else:
            messages.success(request, "Your question is saved.")
            return redirect("coaching_sessions:detail", pk=question.session_id)
    return render(
        request,
        "coaching_sessions/question_edit.html",
        {"question": question, "form": form},
        status=400 if form.errors else 200,
    )


@member_required
@require_http_methods(["GET", "POST"])
def question_withdraw(request, pk):
    """Asks first: the session page's "Withdraw" opens this confirmation (a
    page, so it works without JavaScript), and only its POST withdraws."""
    question = _own_question(request, pk)
    if request.method == "GET":
        session_open = question.session.accepts_questions(timezone.now())
        return render(
            request,
            "coaching_sessions/question_withdraw.html",
            {
                "question": question,
                "session_open": session_open,
                "can_withdraw": session_open
                and question_states.allowed("withdraw", question.status),
            },
        )
    with refusals_as_messages(request):
        question_services.question_withdraw(question=question, user=request.user)
        messages.success(request, "Your question is withdrawn.")
    return redirect("coaching_sessions:detail", pk=question.session_id)


@member_required
@require_POST
def question_vote(request, pk):
    """Toggle a "me too". With htmx, only the question's card comes back."""
    question = get_object_or_404(Question.objects.select_related("session"), pk=pk)
    if question.status not in selectors.VISIBLE_TO_MEMBERS:
        raise Http404("No such question.")
    note = ""
    try:
        if request.POST.get("action") == "remove":
            question_services.vote_remove(question=question, user=request.user)
        elif not question_services.vote_add(question=question, user=request.user):
            note = "You already said “me too” to this question."
    except ValidationError as exc:
        note = exc.messages[0]
    if request.htmx:
        return _question_card(request, question, note)
    if note:
        messages.info(request, note)
    return redirect(
        f"{redirect('coaching_sessions:detail', pk=question.session_id).url}"
        f"#question-{question.pk}"
    )


def _question_card(request, question, note):
    question = next(
        q
        for q in selectors.session_questions(
            session=question.session, user=request.user
        )
        if q.pk == question.pk
    )
    return render(
        request,
        "coaching_sessions/_question.html",
        {
            "question": question,
            "session": question.session,
            "accepts_questions": question.session.accepts_questions(timezone.now()),
            "is_moderator": can_moderate(request.user),
            "vote_message": note,
        },
    )
