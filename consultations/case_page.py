"""The case page is one page for every role; each stage of the flow adds its
part here (a template, who sees it, and the context it needs), in the order
shown. The case view knows none of them.

``context`` is a dotted path to ``f(request, case, roles) -> dict``, imported
when the part is shown, so that this list imports no view module.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.module_loading import import_string
from wagtail import hooks

from consultations import rules
from consultations.rules import CaseRoles


@dataclass(frozen=True)
class Part:
    template: str
    show: Callable[[CaseRoles, object], bool]
    context: str = ""


PARTS = [
    # Reference, state, deadlines in the viewer's zone, what is asked of them.
    Part("consultations/case/_status.html", lambda roles, case: True),
    # The reviewer's offer: read, declare no conflict, accept or decline.
    Part(
        "consultations/case/_offer.html",
        lambda roles, case: roles.offered,
        "consultations.reviewer_views.offer_part",
    ),
    # The director: triage, fee waiver, offers, reassignment.
    Part(
        "consultations/case/_director.html",
        lambda roles, case: roles.director,
        "consultations.director_views.director_part",
    ),
    # The request as written, its attachments and the patient's consent.
    Part(
        "consultations/case/_request.html",
        lambda roles, case: rules.may_read_case(roles),
        "consultations.request_views.request_part",
    ),
    # Questions between the case team and the therapist.
    Part(
        "consultations/case/_questions.html",
        lambda roles, case: rules.may_see_questions(roles),
        "consultations.team_views.questions_part",
    ),
    # The confidential conference, the panel, the interview.
    Part(
        "consultations/case/_conference.html",
        lambda roles, case: rules.may_see_conference(roles),
        "consultations.team_views.conference_part",
    ),
    # The formulation: draft, sign-off, the delivered report.
    Part(
        "consultations/case/_report.html",
        lambda roles, case: rules.may_read_report(roles, case),
        "consultations.report_views.report_part",
    ),
    # Who viewed the case.
    Part(
        "consultations/case/_audit.html",
        lambda roles, case: rules.may_see_audit(roles),
        "consultations.audit_views.audit_part",
    ),
]


# Other apps add parts (after these) through this Wagtail hook: a function
# returning a list of ``Part`` (the billing app's payment and receipt).
PARTS_HOOK = "consultation_case_parts"


def parts_for(request, case, roles: CaseRoles) -> list[dict]:
    shown = []
    added = [part for hook in hooks.get_hooks(PARTS_HOOK) for part in hook()]
    for part in [*PARTS, *added]:
        if not part.show(roles, case):
            continue
        context = (
            import_string(part.context)(request, case, roles) if part.context else {}
        )
        shown.append({"template": part.template, **context})
    return shown
