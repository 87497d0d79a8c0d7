"""The audit pages: the therapist sees who viewed, downloaded or changed their
case (the latest on the case page, the whole list on its own page), the
director sees every case's trail, filtered.

Names only, never roles: the therapist learns who read their case, not how the
team is organised. Times render in the viewer's zone (the middleware activates
it). Reading these pages is not itself recorded: the trail records the case's
content, and this is the trail.
"""

from django import forms
from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from consultations import audit, data_rights, rules
from consultations.models import AuditEvent, Case
from consultations.selectors.audit import all_events, case_events
from consultations.views_common import area_required, case_for, director_only

PART_EVENTS = 8
PER_PAGE = 25
DIRECTOR_PER_PAGE = 50
CLOCK_NAME = "The site's clock"
VERBS = {
    AuditEvent.Action.VIEW: "viewed",
    AuditEvent.Action.DOWNLOAD: "downloaded",
    AuditEvent.Action.CHANGE: "changed",
}
SPECIAL = {
    "retention": (
        "removed the attachments, the conference discussion and the interview "
        "notes (retention period over)"
    ),
}


def _status_label(value: str) -> str:
    return Case.Status(value).label if value in Case.Status.values else value


def describe(event: AuditEvent) -> str:
    """What happened, in words: "viewed the report", "moved it from … to …"."""
    if event.action == AuditEvent.Action.TRANSITION:
        return (
            f"moved it from “{_status_label(event.from_status)}” "
            f"to “{_status_label(event.to_status)}”"
        )
    if event.target in SPECIAL:
        return SPECIAL[event.target]
    verb = VERBS.get(event.action, event.get_action_display().lower())
    return f"{verb} {audit.target_label(event.target)}"


def who(event: AuditEvent) -> str:
    if event.actor_id is None and event.actor_name == audit.TIMER_NAME:
        return CLOCK_NAME
    return event.actor_name


def rows(events, *, with_case: bool = False) -> list[dict]:
    return [
        {
            "who": who(event),
            "what": describe(event),
            "at": event.at,
            "case": event.case if with_case else None,
        }
        for event in events
    ]


def _hidden_actor(request, roles):
    # The therapist sees the others; the director sees everyone, themselves too.
    return request.user if roles.requester and not roles.director else None


def audit_part(request, case, roles) -> dict:
    """The case page's part: the latest events by others, and a link to all."""
    events = list(
        case_events(case=case, hide_actor=_hidden_actor(request, roles))[
            : PART_EVENTS + 1
        ]
    )
    return {
        "audit_rows": rows(events[:PART_EVENTS]),
        "audit_more": len(events) > PART_EVENTS,
        "may_delete": roles.requester and case.status in data_rights.DELETABLE,
    }


@area_required
@require_GET
@never_cache
def case_audit(request, pk):
    case, roles = case_for(request, pk, need=rules.may_see_audit)
    page = Paginator(
        case_events(case=case, hide_actor=_hidden_actor(request, roles)), PER_PAGE
    ).get_page(request.GET.get("page"))
    return render(
        request,
        "consultations/audit/case_audit.html",
        {"case": case, "roles": roles, "page": page, "audit_rows": rows(page)},
    )


class AuditFilterForm(forms.Form):
    reference = forms.CharField(
        label="Case reference", required=False, max_length=20,
        help_text="All or part of it, e.g. C-2026-0012.",
    )  # fmt: skip
    actor = forms.CharField(label="Who", required=False, max_length=120)
    action = forms.ChoiceField(
        label="What",
        required=False,
        choices=[("", "Everything"), *AuditEvent.Action.choices],
    )


@director_only
@require_GET
@never_cache
def director_audit(request):
    form = AuditFilterForm(request.GET or None)
    filters = {}
    if form.is_bound and form.is_valid():
        filters = {k: v.strip() for k, v in form.cleaned_data.items() if v}
    page = Paginator(all_events(**filters), DIRECTOR_PER_PAGE).get_page(
        request.GET.get("page")
    )
    query = request.GET.copy()
    query.pop("page", None)
    status = 400 if form.is_bound and not form.is_valid() else 200
    return render(
        request,
        "consultations/audit/director_audit.html",
        {
            "form": form,
            "page": page,
            "audit_rows": rows(page, with_case=True),
            "query": query.urlencode(),
        },
        status=status,
    )
