"""Sign-off: an attending other than the author, or the director, approves,
edits then approves, or returns the report with comments; only an approved
report is delivered."""

import pytest
from django.core import mail

from consultations.models import AuditEvent, Case, Report
from tests.community import factories as people
from tests.consultations.factories import attending, case_in, consultant, panel_member
from tests.consultations.report_helpers import TEXTS, post_data, url

pytestmark = pytest.mark.django_db
Status = Case.Status
FACTORY_TEXTS = ("The referral question.", "A formulation.")


@pytest.fixture
def in_signoff():
    return case_in(Status.IN_SIGNOFF)


def test_an_attending_reads_the_report_to_sign_off_and_the_view_is_recorded(
    client, in_signoff
):
    signer = attending()
    client.force_login(signer)
    response = client.get(url("report-signoff", in_signoff))
    page = response.content.decode()
    assert response.status_code == 200
    assert all(text in page for text in FACTORY_TEXTS)
    assert "Approve and deliver" in page and "Return with comments" in page
    assert AuditEvent.objects.filter(
        case=in_signoff, actor=signer, action="view", target="report"
    ).exists()
    case_page = client.get(url("case", in_signoff)).content.decode()
    assert url("report-signoff", in_signoff) in case_page


def test_approval_delivers_and_tells_the_therapist_nothing_but_the_link(
    client, in_signoff, django_capture_on_commit_callbacks
):
    signer = attending()
    client.force_login(signer)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("report-signoff", in_signoff), {"action": "approve"})
    assert response.status_code == 302
    in_signoff.refresh_from_db()
    report = Report.objects.get(case=in_signoff)
    assert in_signoff.status == Status.DELIVERED
    assert in_signoff.delivered_at is not None
    assert (report.approved_by, report.approved_at is not None) == (signer, True)
    to_therapist = [m for m in mail.outbox if m.to == [in_signoff.requester.email]]
    assert len(to_therapist) == 1
    assert to_therapist[0].subject == "Your consultation report is ready"
    assert url("report", in_signoff) in to_therapist[0].body
    for message in mail.outbox:
        for text in (*FACTORY_TEXTS, in_signoff.case_summary):
            assert text not in message.subject + message.body
    assert AuditEvent.objects.filter(
        case=in_signoff, target="approve_report", to_status=Status.DELIVERED
    ).exists()


def test_the_approver_may_edit_first_and_the_edit_is_their_version(client, in_signoff):
    signer = attending()
    client.force_login(signer)
    form = client.get(url("report-signoff-edit", in_signoff)).content.decode()
    assert "The referral question." in form
    texts = {**TEXTS, "recommendations": "Clearer recommendations, from the approver."}
    response = client.post(url("report-signoff-edit", in_signoff), post_data(texts))
    assert response.status_code == 302
    in_signoff.refresh_from_db()
    report = Report.objects.get(case=in_signoff)
    assert in_signoff.status == Status.DELIVERED
    assert report.sections["recommendations"]["text"].startswith(
        "Clearer recommendations"
    )
    version = report.versions.first()
    assert version.saved_by == signer
    assert version.sections["recommendations"]["text"].startswith(
        "Clearer recommendations"
    )
    assert report.approved_by == signer


def test_the_approvers_edit_goes_through_the_privacy_guard(client, in_signoff):
    client.force_login(attending())
    texts = {**TEXTS, "risk": "Her son Jake is at home with her."}
    edit = url("report-signoff-edit", in_signoff)
    response = client.post(edit, post_data(texts))
    assert response.status_code == 400
    assert "Check for client identifiers" in response.content.decode()
    assert "Jake" in response.content.decode()  # kept in the form
    in_signoff.refresh_from_db()
    assert in_signoff.status == Status.IN_SIGNOFF
    response = client.post(edit, post_data(texts, privacy_confirmed="on"))
    assert response.status_code == 302
    in_signoff.refresh_from_db()
    assert in_signoff.status == Status.DELIVERED


def test_return_with_comments_goes_back_to_the_reviewer_who_sees_them(
    client, in_signoff, django_capture_on_commit_callbacks
):
    client.force_login(attending())
    mail.outbox.clear()
    comments = "Please say more about the strengths."
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url("report-signoff", in_signoff),
            {"action": "return", "comments": comments},
        )
    assert response.status_code == 302
    in_signoff.refresh_from_db()
    assert in_signoff.status == Status.DRAFTING
    assert Report.objects.get(case=in_signoff).signoff_comments == comments
    (message,) = [m for m in mail.outbox if m.to == [in_signoff.lead_reviewer.email]]
    assert "returned" in message.subject and comments not in message.body
    assert url("report-edit", in_signoff) in message.body

    client.force_login(in_signoff.lead_reviewer)
    assert comments in client.get(url("report-edit", in_signoff)).content.decode()
    assert comments in client.get(url("case", in_signoff)).content.decode()


def test_return_needs_comments_and_changes_nothing_without(client, in_signoff):
    client.force_login(attending())
    response = client.post(
        url("report-signoff", in_signoff), {"action": "return", "comments": "  "}
    )
    assert response.status_code == 400
    assert "Say what should change" in response.content.decode()
    in_signoff.refresh_from_db()
    assert in_signoff.status == Status.IN_SIGNOFF


def test_submission_asks_the_attendings_but_not_the_author(
    client, django_capture_on_commit_callbacks
):
    author = attending()
    case = case_in(Status.DRAFTING, lead=author)
    other, director = attending(), people.director()
    plain = consultant()
    client.force_login(author)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url("report-edit", case), post_data(action="submit"))
    case.refresh_from_db()
    assert case.status == Status.IN_SIGNOFF
    asked = {m.to[0] for m in mail.outbox if "sign-off" in m.subject}
    assert asked == {other.email, director.email}
    assert author.email not in asked and plain.email not in asked
    for message in mail.outbox:
        for text in TEXTS.values():
            assert text not in message.subject + message.body


def test_the_author_cannot_sign_off_their_own_report(client):
    author = attending()
    case = case_in(Status.IN_SIGNOFF, lead=author)
    client.force_login(author)
    assert client.get(url("report-signoff", case)).status_code == 403
    assert (
        client.post(url("report-signoff", case), {"action": "approve"}).status_code
        == 403
    )
    assert client.post(url("report-signoff-edit", case), post_data()).status_code == 403
    case.refresh_from_db()
    assert case.status == Status.IN_SIGNOFF


def test_the_director_may_sign_off_a_report_they_wrote(client):
    director = people.director()
    case = case_in(Status.IN_SIGNOFF, lead=director)
    client.force_login(director)
    client.post(url("report-signoff", case), {"action": "approve"})
    case.refresh_from_db()
    assert case.status == Status.DELIVERED


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("lead", 403),
        ("panel", 403),
        ("requester", 403),
        ("other_consultant", 404),
        ("other_member", 404),
    ],
)
def test_who_may_not_sign_off_is_refused(client, in_signoff, who, expected):
    users = {
        "lead": lambda: in_signoff.lead_reviewer,
        "panel": lambda: panel_member(in_signoff),
        "requester": lambda: in_signoff.requester,
        "other_consultant": consultant,
        "other_member": people.member,
    }
    client.force_login(users[who]())
    assert client.get(url("report-signoff", in_signoff)).status_code == expected
    response = client.post(url("report-signoff", in_signoff), {"action": "approve"})
    assert response.status_code == expected
    in_signoff.refresh_from_db()
    assert in_signoff.status == Status.IN_SIGNOFF


def test_an_admin_and_a_visitor_cannot_sign_off(client, in_signoff):
    response = client.post(url("report-signoff", in_signoff), {"action": "approve"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    client.force_login(people.admin())
    response = client.post(url("report-signoff", in_signoff), {"action": "approve"})
    assert response.status_code in (302, 403, 404)
    in_signoff.refresh_from_db()
    assert in_signoff.status == Status.IN_SIGNOFF


def test_a_report_not_waiting_for_sign_off_cannot_be_approved(client):
    case = case_in(Status.DRAFTING)
    client.force_login(attending())
    response = client.post(url("report-signoff", case), {"action": "approve"})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == Status.DRAFTING
    assert Report.objects.get(case=case).approved_at is None
