"""Who may open what under /consultations/: every URL of the namespace, for
every kind of viewer, through HTTP, with GET and with POST.

``MATRIX`` is the policy at a glance: one row per URL (a URL whose answer
depends on the case's state has a row per state that matters), the case it is
asked about, the methods its view serves and the viewers it lets in. Everyone
else is refused: a visitor is sent to sign in, anyone else gets 403, 404 or
405, or is sent to Join. A refused request changes nothing, not even the
case's audit trail (nothing is recorded as read). The rule itself lives in
``consultations.rules``; this file checks that every view asks it. A row
whose POST an allowed viewer sends with real data reaches the service, so the
lead-only and lead-or-director moves are checked where the service asks too.

The viewers, for the row's case:

- ``visitor``: not signed in;
- ``signed_up``: an account without a membership;
- ``lapsed``: a former member with no cases of their own;
- ``other_member``: a paying member, not the requester;
- ``requester``: the member who wrote the request (a paying member);
- ``offered``: a consultant holding the case's PENDING offer (on a case that
  is not being offered, a consultant holding a pending offer on another case);
- ``lead``: the case's lead reviewer (before one accepts it, the lead of another
  case);
- ``pool``: a consultant in the pool with nothing to do with the case;
- ``panel``: a consultant invited to the case's conference (before there is a
  conference, a panel member of another case);
- ``attending``: an attending who is neither lead nor panel on the case (by
  ``rules.case_roles`` an attending is on the team of every case in
  ``states.TEAM_VISIBLE``, so that any attending may sign a report off);
- ``director``: the program director;
- ``site_admin``: an admin, who keeps the pool's accounts and reads no case.
"""

from dataclasses import dataclass, field
from datetime import timedelta
from functools import partial
from typing import Any

import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.db import connection
from django.urls import URLPattern, get_resolver, reverse
from django.utils import timezone

from consultations import report_views
from consultations import urls as consultation_urls
from consultations.models import (
    Attachment,
    Case,
    ConsentRecord,
    ConsultantAway,
    Offer,
    PanelMember,
    ReportVersion,
)
from consultations.states import TEAM_VISIBLE
from tests.community import factories as people
from tests.consultations.factories import attending, case_in, consultant, panel_member
from tests.consultations.request_helpers import REQUEST, pdf_bytes

pytestmark = pytest.mark.django_db
Status = Case.Status

VISITOR = "visitor"
SIGNED_UP = "signed_up"
LAPSED = "lapsed"
OTHER_MEMBER = "other_member"
REQUESTER = "requester"
OFFERED = "offered"
LEAD = "lead"
POOL = "pool"
PANEL = "panel"
ATTENDING = "attending"
DIRECTOR = "director"
ADMIN = "site_admin"
VIEWERS = (
    VISITOR,
    SIGNED_UP,
    LAPSED,
    OTHER_MEMBER,
    REQUESTER,
    OFFERED,
    LEAD,
    POOL,
    PANEL,
    ATTENDING,
    DIRECTOR,
    ADMIN,
)

# Who has member access (the director and admins have it by role).
MEMBER_ACCESS = frozenset({OTHER_MEMBER, REQUESTER, DIRECTOR, ADMIN})
CONSULTANTS = frozenset({OFFERED, LEAD, POOL, PANEL, ATTENDING})
# The area: member access, a place in the pool, the director (lapsed without
# cases, signed-up and visitors are not in it).
AREA = MEMBER_ACCESS | CONSULTANTS
# The case team: who sees the conference and reads drafts.
TEAM = frozenset({LEAD, PANEL, ATTENDING, DIRECTOR})
POOL_KEEPERS = frozenset({DIRECTOR, ADMIN})
# ONLY({REQUESTER, DIRECTOR}) reads, in the table, as what it is.
ONLY = frozenset

GET, POST = "GET", "POST"
BOTH = (GET, POST)

# The state of the case each row asks about (``World`` adds what the flow would
# have given it: a panel seat once accepted, the consent, a schedule).
STAGES = {
    "draft": Status.DRAFT,
    "submitted": Status.SUBMITTED,
    "triage": Status.TRIAGE,
    "offered": Status.OFFERED,
    "accepted": Status.ACCEPTED,
    "conference": Status.IN_CONFERENCE,
    "drafting": Status.DRAFTING,
    "signoff": Status.IN_SIGNOFF,
    "escalated": Status.ESCALATED,
    "delivered": Status.DELIVERED,
}


class World:
    """The row's case as the flow leaves it in its stage, and its viewers,
    each made only when asked for (a test builds one case and one viewer)."""

    def __init__(self, stage: str):
        status = STAGES[stage]
        extra = {}
        if stage == "conference":
            extra = {
                "interview_requested": True,
                "conference_at": timezone.now() + timedelta(days=2),
                "conference_url": "https://meet.example.org/case-room",
            }
        self.case = case_in(status, **extra)
        self.panel = panel_member(self.case) if status in TEAM_VISIBLE else None
        if stage in ("draft", "conference"):
            _consent_given(self.case)
        self.files: list[Attachment] = []

    # Viewers

    def viewer(self, name: str):
        case = self.case
        make = {
            VISITOR: lambda: None,
            SIGNED_UP: people.UserFactory,
            LAPSED: people.lapsed_member,
            OTHER_MEMBER: people.member,
            REQUESTER: lambda: case.requester,
            OFFERED: lambda: (
                _pending_offeree(case) or _pending_offeree(case_in(Status.OFFERED))
            ),
            LEAD: lambda: (
                case.lead_reviewer or case_in(Status.IN_CONFERENCE).lead_reviewer
            ),
            POOL: consultant,
            PANEL: lambda: self.panel or panel_member(case_in(Status.IN_CONFERENCE)),
            ATTENDING: attending,
            DIRECTOR: people.director,
            ADMIN: people.admin,
        }
        return make[name]()

    # What some URLs point at

    def attachment(self) -> Attachment:
        attachment = Attachment(
            case=self.case,
            original_name="notes.pdf",
            size=len(PDF),
            content_type="application/pdf",
        )
        attachment.file.save("notes.pdf", ContentFile(PDF), save=False)
        attachment.save()
        self.files.append(attachment)
        return attachment

    def offer(self) -> Offer:
        return self.case.offers.get(status=Offer.Status.PENDING)

    def lead_profile(self):
        return self.case.lead_reviewer.consultant_profile

    def away(self) -> ConsultantAway:
        today = timezone.localdate()
        return ConsultantAway.objects.create(
            consultant=self.lead_profile(),
            starts_on=today + timedelta(days=10),
            ends_on=today + timedelta(days=12),
        )

    def seat(self) -> PanelMember:
        return PanelMember.objects.get(case=self.case, user=self.panel)

    def version(self) -> int:
        report = self.case.report
        ReportVersion.objects.create(
            report=report, number=1, sections=report.sections, saved_by=report.author
        )
        return 1


PDF = pdf_bytes()


def _consent_given(case):
    ConsentRecord.objects.create(
        case=case,
        kind=ConsentRecord.Kind.GIVEN,
        consent_version="2026-1",
        consent_text="The patient agrees to an interview and a case conference.",
        obtained_on=timezone.localdate(),
        method=ConsentRecord.Method.VIDEO,
    )


def _pending_offeree(case):
    offer = case.offers.filter(status=Offer.Status.PENDING).first()
    return offer.consultant if offer else None


def _case(world):
    return [world.case.pk]


def _no_args(world):
    return []


@dataclass(frozen=True)
class Row:
    name: str
    stage: str
    allowed: frozenset
    methods: tuple = (GET,)
    args: Any = _case
    # What an allowed viewer would post (so that a POST reaches the service,
    # which asks the rule again, rather than stopping at an empty form).
    data: Any = field(default=lambda world: {})
    # Sent as htmx (the autosave answers htmx by another path).
    htmx: bool = False

    @property
    def id(self) -> str:
        return f"{self.name}[{self.stage}{', htmx' if self.htmx else ''}]"


def _today(world) -> str:
    return timezone.localdate().isoformat()


MATRIX = [
    # The area and the therapist's side (request_urls) ------------------------------
    # A consultant who is not a member is sent on to their own page.
    Row("mine", "conference", AREA, args=_no_args),
    Row("new", "conference", MEMBER_ACCESS, BOTH, args=_no_args),
    # A request never sent is the therapist's alone, the director's too.
    Row("case", "draft", ONLY({REQUESTER})),
    Row("case", "offered", ONLY({REQUESTER, OFFERED, DIRECTOR})),
    Row("case", "conference", ONLY({REQUESTER}) | TEAM),
    Row("edit", "draft", ONLY({REQUESTER}), BOTH, data=lambda w: REQUEST),
    Row(
        "request-autosave", "draft", ONLY({REQUESTER}), (POST,), data=lambda w: REQUEST
    ),
    Row(
        "request-autosave",
        "draft",
        ONLY({REQUESTER}),
        (POST,),
        data=lambda w: REQUEST,
        htmx=True,
    ),
    Row("request-submit", "draft", ONLY({REQUESTER}), (POST,)),
    Row("request-cancel", "draft", ONLY({REQUESTER}), BOTH),
    # An offered reviewer reads the summary, never the files.
    Row(
        "attachment",
        "offered",
        ONLY({REQUESTER, DIRECTOR}),
        args=lambda w: [w.case.pk, w.attachment().pk],
    ),
    Row(
        "attachment",
        "conference",
        ONLY({REQUESTER}) | TEAM,
        args=lambda w: [w.case.pk, w.attachment().pk],
    ),
    Row(
        "consent",
        "draft",
        ONLY({REQUESTER}),
        BOTH,
        data=lambda w: {
            "version": "2026-1",
            "obtained_on": _today(w),
            "method": "video",
            "confirm": "on",
        },
    ),
    Row(
        "consent-withdraw",
        "draft",
        ONLY({REQUESTER}),
        BOTH,
        data=lambda w: {"obtained_on": _today(w), "method": "video", "confirm": "on"},
    ),
    # The reviewer's side (reviewer_urls): the pool only, not the director ----------
    Row("reviewer", "conference", CONSULTANTS, args=_no_args),
    Row("reviewer-deadlines-ics", "conference", CONSULTANTS, args=_no_args),
    Row("reviewer-case-ics", "offered", ONLY({OFFERED})),
    Row("reviewer-case-ics", "conference", ONLY({LEAD})),
    Row(
        "offer-accept",
        "offered",
        ONLY({OFFERED}),
        (POST,),
        args=lambda w: [w.case.pk, w.offer().pk],
        data=lambda w: {f"accept-{w.offer().pk}-no_conflict": "on"},
    ),
    Row(
        "offer-decline",
        "offered",
        ONLY({OFFERED}),
        (POST,),
        args=lambda w: [w.case.pk, w.offer().pk],
        data=lambda w: {f"decline-{w.offer().pk}-reason": "Too busy this week."},
    ),
    # The director's tools (director_urls): the director; the pool also admins ------
    Row("board", "conference", ONLY({DIRECTOR}), args=_no_args),
    Row("director-waive-fee", "submitted", ONLY({DIRECTOR}), (POST,)),
    Row(
        "director-triage",
        "triage",
        ONLY({DIRECTOR}),
        (POST,),
        data=lambda w: {"decision": "accept"},
    ),
    Row(
        "director-topics",
        "triage",
        ONLY({DIRECTOR}),
        (POST,),
        data=lambda w: {"urgency": "standard"},
    ),
    Row("director-offer", "offered", ONLY({DIRECTOR}), (POST,)),
    Row(
        "director-extend",
        "escalated",
        ONLY({DIRECTOR}),
        (POST,),
        data=lambda w: {"hours": "24"},
    ),
    Row(
        "director-cancel",
        "conference",
        ONLY({DIRECTOR}),
        (POST,),
        data=lambda w: {"cancel-note": "The therapist asked us to stop."},
    ),
    Row("pool", "conference", POOL_KEEPERS, BOTH, args=_no_args),
    Row(
        "pool-topic-add",
        "conference",
        POOL_KEEPERS,
        (POST,),
        args=_no_args,
        data=lambda w: {"kind": "modality", "name": "Schema therapy"},
    ),
    Row(
        "pool-edit",
        "conference",
        POOL_KEEPERS,
        BOTH,
        args=lambda w: [w.lead_profile().pk],
        data=lambda w: {"credentials": "MD", "max_open_cases": "2"},
    ),
    Row(
        "pool-away-add",
        "conference",
        POOL_KEEPERS,
        (POST,),
        args=lambda w: [w.lead_profile().pk],
    ),
    Row(
        "pool-away-remove",
        "conference",
        POOL_KEEPERS,
        (POST,),
        args=lambda w: [w.lead_profile().pk, w.away().pk],
    ),
    Row(
        "pool-remove",
        "conference",
        POOL_KEEPERS,
        (POST,),
        args=lambda w: [w.lead_profile().pk],
    ),
    Row(
        "pool-restore",
        "conference",
        POOL_KEEPERS,
        (POST,),
        args=lambda w: [w.lead_profile().pk],
    ),
    # The case team (team_urls) -----------------------------------------------------
    Row(
        "questions",
        "conference",
        ONLY({REQUESTER}) | TEAM,
        BOTH,
        data=lambda w: {"questions-body": "How often do you meet?"},
    ),
    Row(
        "questions",
        "offered",
        ONLY({REQUESTER, DIRECTOR}),
        BOTH,
        data=lambda w: {"questions-body": "How often do you meet?"},
    ),
    Row(
        "conference",
        "conference",
        TEAM,
        BOTH,
        data=lambda w: {"conference-body": "I read it as avoidance of closeness."},
    ),
    # The team reaches these; the service lets only the lead move the case.
    Row("conference-open", "accepted", ONLY({LEAD}), (POST,)),
    Row("start-drafting", "conference", ONLY({LEAD}), (POST,)),
    Row(
        "conference-schedule",
        "conference",
        ONLY({LEAD, DIRECTOR}),
        (POST,),
        data=lambda w: {
            "schedule-starts_at": (timezone.localtime() + timedelta(days=3)).strftime(
                "%Y-%m-%dT%H:%M"
            ),
            "schedule-minutes": "60",
            "schedule-url": "https://meet.example.org/other-room",
        },
    ),
    Row("conference-join", "conference", TEAM),
    Row("conference-ics", "conference", TEAM),
    Row(
        "panel-invite",
        "conference",
        ONLY({LEAD, DIRECTOR}),
        (POST,),
        data=lambda w: {"panel-user": str(consultant().pk)},
    ),
    Row(
        "panel-remove",
        "conference",
        ONLY({LEAD, DIRECTOR}),
        (POST,),
        args=lambda w: [w.case.pk, w.seat().pk],
    ),
    Row(
        "interview",
        "conference",
        ONLY({LEAD}),
        (POST,),
        data=lambda w: {"interview-held_on": _today(w), "interview-notes": "Seen."},
    ),
    # The report (report_urls) ------------------------------------------------------
    # Before delivery the therapist does not read it; the team reads drafts.
    Row("report", "signoff", TEAM),
    Row("report", "delivered", ONLY({REQUESTER}) | TEAM),
    Row("report-edit", "drafting", ONLY({LEAD, DIRECTOR}), BOTH),
    Row("report-versions", "delivered", TEAM),
    Row(
        "report-version",
        "delivered",
        TEAM,
        args=lambda w: [w.case.pk, w.version()],
    ),
    # An attending other than the author (the lead here is not one), or the director.
    Row("report-signoff", "signoff", ONLY({ATTENDING, DIRECTOR}), BOTH),
    Row("report-signoff-edit", "signoff", ONLY({ATTENDING, DIRECTOR}), BOTH),
    Row(
        "report-acknowledge",
        "delivered",
        ONLY({REQUESTER}),
        (POST,),
        data=lambda w: {"helpful": "yes", "changes_plan": "no"},
    ),
    Row("report-pdf", "signoff", TEAM),
    Row("report-pdf", "delivered", ONLY({REQUESTER}) | TEAM),
    Row("report-shareable-pdf", "delivered", ONLY({REQUESTER}) | TEAM),
    # The audit trail and deletion (audit_urls) -------------------------------------
    Row("case-audit", "conference", ONLY({REQUESTER, DIRECTOR})),
    Row(
        "case-delete",
        "delivered",
        ONLY({REQUESTER}),
        BOTH,
        data=lambda w: {"confirm": "on"},
    ),
    Row("audit", "conference", ONLY({DIRECTOR}), args=_no_args),
]

LOGIN = reverse("account_login")
JOIN = reverse("memberships:join")


def _url_names(patterns) -> set[str]:
    return {p.name for p in patterns if isinstance(p, URLPattern)}


def test_the_matrix_covers_every_url_of_the_namespace():
    served = _url_names(get_resolver().namespace_dict["consultations"][1].url_patterns)
    assert served == _url_names(consultation_urls.urlpatterns)
    assert {row.name for row in MATRIX} == served
    assert len({row.id for row in MATRIX}) == len(MATRIX)


def _snapshot() -> dict:
    """Every row of every consultations table, the audit trail included (in
    plain SQL: the ORM would take a third of this file's time)."""
    config = apps.get_app_config("consultations")
    tables = [
        connection.ops.quote_name(model._meta.db_table)
        for model in config.get_models(include_auto_created=True)
    ]
    with connection.cursor() as cursor:
        rows = {}
        for table in tables:
            # ``table`` is a model's own table name, never input.
            cursor.execute(f"SELECT * FROM {table} ORDER BY 1")  # noqa: S608
            rows[table] = cursor.fetchall()
    return rows


def _where(response) -> str:
    return response.get("Location", "") if response.status_code in (301, 302) else ""


def _let_in(response) -> bool:
    """A page, a file, a form shown again with its errors, or a redirect that
    is not to sign-in or Join (back to the case, a message on it)."""
    code = response.status_code
    if 200 <= code < 300 or code == 400:
        return True
    where = _where(response)
    return code in (301, 302) and not where.startswith((LOGIN, JOIN))


def _refused(response, viewer: str) -> bool:
    if viewer == VISITOR:
        return response.status_code == 302 and _where(response).startswith(LOGIN)
    if response.status_code in (403, 404, 405):
        return True
    return response.status_code == 302 and _where(response).startswith(JOIN)


@pytest.fixture(autouse=True)
def _quick_pdf(monkeypatch):
    """Who gets the PDFs is checked here; what is in them, in test_delivery
    (rendering one takes a second, and this file asks for dozens)."""
    monkeypatch.setattr(
        report_views, "render_report_pdf", lambda case, report, **kw: b"%PDF-1.7"
    )


@pytest.fixture
def world(row):
    """The row's case, built once for this (url, viewer); its files are
    removed afterwards."""
    built = World(row.stage)
    yield built
    for attachment in built.files:
        attachment.file.delete(save=False)


@pytest.mark.parametrize(
    ("row", "viewer"),
    [
        pytest.param(row, viewer, id=f"{row.id}-{viewer}")
        for row in MATRIX
        for viewer in VIEWERS
    ],
)
def test_access(client, row, world, viewer):
    user = world.viewer(viewer)
    if user is not None:
        client.force_login(user)
    url = reverse(f"consultations:{row.name}", args=row.args(world))
    data = row.data(world)
    headers = {"HX-Request": "true"} if row.htmx else {}
    for method in (GET, POST):
        allowed = method in row.methods and viewer in row.allowed
        before = None if allowed else _snapshot()
        send = client.get if method == GET else partial(client.post, data=data)
        response = send(url, headers=headers)
        if response.streaming:
            b"".join(response.streaming_content)  # and so closes the file
        outcome = (
            f"{method} {url} as {viewer}: {response.status_code} {_where(response)}"
        )
        if allowed:
            assert _let_in(response), outcome
        else:
            assert _refused(response, viewer), outcome
            assert _snapshot() == before, f"{outcome} changed something"
