"""The case team's pages and actions: the questions thread with the therapist,
the confidential conference (discussion, panel, schedule, the join door and its
calendar file) and the interview.

Both threads and the conference are parts of the case page (``questions_part``,
``conference_part``) and pages of their own, which is where a form that needs
another look (the privacy guard found something, a time in the past) comes back
with everything typed still in it. Each view asks ``consultations.rules``
through ``case_for``; the services ask again.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from consultations import audit, conference_calendar, rules, states
from consultations.emails import directors
from consultations.models import Case, CaseMessage
from consultations.selectors.requests import consent_state
from consultations.services import team as team_services
from consultations.team_forms import (
    InterviewForm,
    MessageForm,
    PanelInviteForm,
    ScheduleForm,
)
from consultations.views_common import act, area_required, case_for
from sessions.calendar_views import calendar_download
from sessions.join_views import meeting_redirect

Thread = CaseMessage.Thread
QUESTIONS, CONFERENCE = Thread.QUESTIONS.value, Thread.CONFERENCE.value
# Refusals with nothing to fix in the form: a message on the case page instead.
REDIRECT_REFUSALS = {"closed", "not_requested"}


def _anchor(case: Case, part: str) -> str:
    return f"{case.get_absolute_url()}#{part}"


# What each part shows


def _thread(case: Case, thread: str) -> list[dict]:
    """The messages with who wrote them, as the case sees them (two queries)."""
    found = list(
        case.messages.filter(thread=thread)
        .select_related("author")
        .order_by("created_at", "pk")
    )
    panel = set(case.panel.values_list("user_id", flat=True))
    chairs = set(directors().values_list("pk", flat=True)) if found else set()
    return [
        {"message": m, "role": _role(case, m.author_id, panel, chairs)} for m in found
    ]


def _role(case: Case, user_id, panel: set, chairs: set) -> str:
    if user_id is None:
        return "former account"
    if user_id == case.requester_id:
        return "requesting therapist"
    if user_id == case.lead_reviewer_id:
        return "lead reviewer"
    if user_id in chairs:
        return "director"
    if user_id in panel:
        return "panel"
    return "case team"


def questions_part(request, case, roles, *, form=None) -> dict:
    open_ = team_services.is_open(case)
    return {
        "items": _thread(case, QUESTIONS),
        "open": open_,
        "may_post": open_ and team_services.may_post(roles, QUESTIONS),
        "form": form or MessageForm(prefix=QUESTIONS),
        "before_reviewer": case.status in states.BEFORE_ACCEPTANCE,
    }


def _interview(case: Case, roles, form=None) -> dict | None:
    if not case.interview_requested:
        return None
    consent = consent_state(case)
    open_ = team_services.is_open(case)
    return {
        "record": getattr(case, "interview", None),
        "consent": consent,
        "consent_refusal": team_services.CONSENT_REFUSALS.get(consent, ""),
        "may_record": roles.lead and open_ and consent == "given",
        "form": form or InterviewForm.for_case(case),
    }


def conference_part(request, case, roles, *, forms=None, record=True) -> dict:
    """The conference as the team sees it; opening it is recorded in the
    case's trail (``record=False`` when the page's own view recorded it)."""
    forms = forms or {}
    visible = case.status in states.TEAM_VISIBLE
    if not visible:
        return {"visible": False}
    if record:
        audit.record_view(case=case, actor=request.user, target="conference")
    open_ = team_services.is_open(case)
    manage = open_ and team_services.may_manage_conference(roles)
    now = timezone.now()
    return {
        "visible": True,
        "open": open_,
        "purged": case.purged_at is not None,
        "items": _thread(case, CONFERENCE),
        "may_post": open_,
        "form": forms.get("message") or MessageForm(prefix=CONFERENCE),
        "panel": list(case.panel.select_related("user").order_by("invited_at", "pk")),
        "may_manage": manage,
        "invite_form": forms.get("invite")
        or (
            PanelInviteForm(
                prefix="panel", candidates=team_services.panel_candidates(case)
            )
            if manage
            else None
        ),
        "schedule_form": forms.get("schedule")
        or (ScheduleForm.for_case(case) if manage else None),
        "join_state": conference_calendar.join_state(case, now),
        "opens_at": conference_calendar.opens_at(case) if case.conference_at else None,
        "ends_at": conference_calendar.ends_at(case) if case.conference_at else None,
        "may_open": roles.lead and states.allowed("open_conference", case.status),
        "may_start_report": roles.lead
        and states.allowed("start_drafting", case.status),
        "interview": _interview(case, roles, forms.get("interview")),
        "now": now,
    }


# The two thread pages


def _page(request, case, roles, *, template: str, part: dict, status: int = 200):
    return render(
        request,
        template,
        {"case": case, "roles": roles, "part": part, "now": timezone.now()},
        status=status,
    )


def _post_message(request, case, thread: str):
    """The form, or a redirect once posted. The guard's findings, a refusal
    and a too-long text all come back in the form."""
    form = MessageForm(request.POST, prefix=thread)
    if form.is_valid():
        try:
            team_services.message_post(
                case_id=case.pk,
                thread=thread,
                author=request.user,
                body=form.cleaned_data["body"],
                privacy_matches=form.privacy_report(),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Your message is posted.")
            return None, redirect(_anchor(case, thread))
    return form, None


@area_required
@require_http_methods(["GET", "POST"])
@never_cache
def questions(request, pk):
    case, roles = case_for(
        request,
        pk,
        need=rules.may_see_questions,
        view_target="questions" if request.method == "GET" else None,
    )
    form = None
    if request.method == "POST":
        form, done = _post_message(request, case, QUESTIONS)
        if done:
            return done
    return _page(
        request,
        case,
        roles,
        template="consultations/team/questions.html",
        part=questions_part(request, case, roles, form=form),
        status=400 if form is not None else 200,
    )


def _conference_page(request, case, roles, *, forms=None, status=200):
    return _page(
        request,
        case,
        roles,
        template="consultations/team/conference.html",
        part=conference_part(request, case, roles, forms=forms, record=False),
        status=status,
    )


@area_required
@require_http_methods(["GET", "POST"])
@never_cache
def conference(request, pk):
    case, roles = case_for(
        request,
        pk,
        need=rules.may_see_conference,
        view_target="conference" if request.method == "GET" else None,
    )
    if request.method == "GET":
        return _conference_page(request, case, roles)
    form, done = _post_message(request, case, CONFERENCE)
    if done:
        return done
    return _conference_page(request, case, roles, forms={"message": form}, status=400)


# The lead's moves, the panel, the schedule


def _team_action(request, pk, service, *, success: str, **kwargs):
    case, _ = case_for(request, pk, need=rules.may_see_conference)
    response, _ = act(
        request,
        service,
        success=success,
        redirect_to=_anchor(case, "conference"),
        case_id=case.pk,
        **kwargs,
    )
    return response


@area_required
@require_POST
def conference_open(request, pk):
    return _team_action(
        request,
        pk,
        team_services.conference_open,
        user=request.user,
        success="The case is in conference.",
    )


@area_required
@require_POST
def drafting_start(request, pk):
    return _team_action(
        request,
        pk,
        team_services.drafting_start,
        user=request.user,
        success="The report is started: the formulation is open for writing.",
    )


@area_required
@require_POST
def panel_remove(request, pk, seat_pk):
    return _team_action(
        request,
        pk,
        team_services.panel_remove,
        seat_id=seat_pk,
        actor=request.user,
        success="The consultant is no longer on the panel.",
    )


def _form_action(request, pk, *, key: str, build, run, success: str):
    """A conference form: done and back to the case, or the conference page
    again with the form as typed and what needs another look."""
    case, roles = case_for(request, pk, need=rules.may_see_conference)
    form = build(case)
    if form.is_valid():
        try:
            run(case, form)
        except ValidationError as error:
            if getattr(error, "code", None) not in REDIRECT_REFUSALS:
                form.add_error(None, error)
            else:
                messages.error(request, error.messages[0])
                return redirect(_anchor(case, "conference"))
        else:
            messages.success(request, success)
            return redirect(_anchor(case, "conference"))
    return _conference_page(request, case, roles, forms={key: form}, status=400)


@area_required
@require_POST
def panel_invite(request, pk):
    return _form_action(
        request,
        pk,
        key="invite",
        build=lambda case: PanelInviteForm(
            request.POST,
            prefix="panel",
            candidates=team_services.panel_candidates(case),
        ),
        run=lambda case, form: team_services.panel_invite(
            case_id=case.pk, user_id=form.cleaned_data["user"], actor=request.user
        ),
        success="The consultant is invited to the conference and has been emailed.",
    )


@area_required
@require_POST
def conference_schedule(request, pk):
    return _form_action(
        request,
        pk,
        key="schedule",
        build=lambda case: ScheduleForm.for_case(case, request.POST),
        run=lambda case, form: team_services.conference_schedule(
            case_id=case.pk,
            actor=request.user,
            starts_at=form.cleaned_data["starts_at"],
            minutes=form.cleaned_data["minutes"],
            url=form.cleaned_data["url"],
        ),
        success="The conference schedule is saved.",
    )


@area_required
@require_POST
def interview(request, pk):
    return _form_action(
        request,
        pk,
        key="interview",
        build=lambda case: InterviewForm.for_case(case, request.POST),
        run=lambda case, form: team_services.interview_record(
            case_id=case.pk,
            user=request.user,
            held_on=form.cleaned_data["held_on"],
            notes=form.cleaned_data["notes"],
            privacy_matches=form.privacy_report(),
        ),
        success="The interview is recorded with the case.",
    )


# The door to the live conference, and its calendar file


@area_required
@require_GET
@never_cache
def conference_join(request, pk):
    case, roles = case_for(request, pk, need=rules.may_see_conference)
    now = timezone.now()
    state = conference_calendar.join_state(case, now)
    if state == "open":
        audit.record_view(case=case, actor=request.user, target="conference")
        return meeting_redirect(case.conference_url)
    return render(
        request,
        "consultations/team/join.html",
        {
            "case": case,
            "roles": roles,
            "state": state,
            "now": now,
            "opens_at": conference_calendar.opens_at(case)
            if case.conference_at
            else None,
            "ends_at": conference_calendar.ends_at(case)
            if case.conference_at
            else None,
        },
    )


@area_required
@require_GET
def conference_ics(request, pk):
    case, _ = case_for(request, pk, need=rules.may_see_conference)
    if case.conference_at is None:
        raise Http404("This conference is not scheduled.")
    return calendar_download(
        conference_calendar.conference_ics(case),
        filename=conference_calendar.download_filename(case),
    )
