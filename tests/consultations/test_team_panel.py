"""The conference panel: the director or the lead invites consultants from the
pool and removes them; nobody else does."""

import pytest
from django.core import mail
from django.urls import reverse

from consultations.models import AuditEvent, Case, PanelMember
from tests.community import factories as people
from tests.consultations.factories import (
    ConsultantFactory,
    case_in,
    consultant,
    panel_member,
)

pytestmark = pytest.mark.django_db
Status = Case.Status


def invite(client, case, user):
    return client.post(
        reverse("consultations:panel-invite", args=[case.pk]),
        {"panel-user": user.pk if user else ""},
    )


def remove(client, case, seat):
    return client.post(reverse("consultations:panel-remove", args=[case.pk, seat.pk]))


@pytest.fixture
def case(db):
    return case_in(Status.IN_CONFERENCE)


@pytest.mark.parametrize("by", ["lead", "director"])
def test_the_lead_or_the_director_invites_and_the_invitee_is_emailed(
    client, case, by, django_capture_on_commit_callbacks
):
    guest = consultant(user__display_name="Dana Senior")
    actor = case.lead_reviewer if by == "lead" else people.director()
    client.force_login(actor)
    page = client.get(case.get_absolute_url()).content.decode()
    assert "Dana Senior" in page and "Invite to the panel" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = invite(client, case, guest)
    assert response.status_code == 302
    assert PanelMember.objects.get(case=case).user == guest
    assert AuditEvent.objects.filter(case=case, actor=actor, target="panel").exists()
    assert [m.to for m in mail.outbox] == [[guest.email]]
    assert case.case_summary not in mail.outbox[0].body
    assert case.reference in mail.outbox[0].subject
    client.force_login(guest)
    page = client.get(case.get_absolute_url())
    assert page.status_code == 200 and 'id="conference"' in page.content.decode()


def test_removing_a_seat_closes_the_case_to_that_consultant(client, case):
    guest = panel_member(case)
    client.force_login(case.lead_reviewer)
    assert remove(client, case, PanelMember.objects.get(user=guest)).status_code == 302
    assert not PanelMember.objects.filter(case=case).exists()
    client.force_login(guest)
    assert client.get(case.get_absolute_url()).status_code == 404


def test_a_panel_member_cannot_invite_or_remove(client, case):
    guest = panel_member(case)
    other = consultant()
    client.force_login(guest)
    page = client.get(case.get_absolute_url()).content.decode()
    assert "Invite to the panel" not in page
    assert invite(client, case, other).status_code == 403
    assert remove(client, case, PanelMember.objects.get(user=guest)).status_code == 403
    assert list(case.panel.values_list("user_id", flat=True)) == [guest.pk]


def test_the_therapist_cannot_invite(client, case):
    client.force_login(case.requester)
    assert invite(client, case, consultant()).status_code == 403
    assert not case.panel.exists()


def test_outsiders_are_refused(client, case):
    client.force_login(consultant())
    assert invite(client, case, consultant()).status_code == 404
    client.force_login(people.admin())
    assert invite(client, case, consultant()).status_code in (302, 404)
    assert not case.panel.exists()


@pytest.mark.parametrize("whom", ["outside_pool", "already_seated", "lead", "nobody"])
def test_only_a_consultant_in_the_pool_not_yet_seated_can_be_invited(
    client, case, whom
):
    if whom == "outside_pool":
        user = ConsultantFactory(active=False).user
    elif whom == "already_seated":
        user = panel_member(case)
    elif whom == "lead":
        user = case.lead_reviewer
    else:
        user = None
    client.force_login(case.lead_reviewer)
    before = case.panel.count()
    response = invite(client, case, user)
    assert response.status_code == 400
    assert 'class="errorlist' in response.content.decode()
    assert case.panel.count() == before


def test_the_therapist_is_never_on_their_own_panel(client, case):
    ConsultantFactory(user=case.requester)
    client.force_login(case.lead_reviewer)
    assert invite(client, case, case.requester).status_code == 400
    assert not case.panel.exists()


def test_no_invitations_after_delivery(client):
    case = case_in(Status.DELIVERED)
    client.force_login(case.lead_reviewer)
    response = invite(client, case, consultant())
    assert response.status_code in (302, 400)
    assert not case.panel.exists()
