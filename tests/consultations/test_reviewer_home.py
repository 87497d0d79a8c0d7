"""A consultant's "My offers and cases": who may open it, what it lists, the
countdowns in the reviewer's zone, and a flat number of queries."""

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from consultations.models import Case, Offer, PanelMember
from tests.consultations.factories import (
    attending,
    case_in,
    consultant,
    panel_member,
)

pytestmark = pytest.mark.django_db
Status = Case.Status
HOME = "/consultations/reviewer/"


def page(client, user):
    client.force_login(user)
    response = client.get(HOME)
    assert response.status_code == 200
    return response.content.decode()


def test_the_url_name_is_the_core_one():
    assert reverse("consultations:reviewer") == HOME


def test_a_visitor_is_sent_to_sign_in(client):
    response = client.get(HOME)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("who", ["member", "signed_up", "director", "site_admin"])
def test_anyone_not_in_the_pool_is_refused(client, request, who):
    client.force_login(request.getfixturevalue(who))
    assert client.get(HOME).status_code == 403


def test_a_requester_who_is_not_a_consultant_is_refused(client):
    case = case_in(Status.OFFERED)
    client.force_login(case.requester)
    assert client.get(HOME).status_code == 403


def test_a_consultant_taken_out_of_the_pool_is_refused(client):
    reviewer = consultant()
    reviewer.consultant_profile.active = False
    reviewer.consultant_profile.save()
    client.force_login(reviewer)
    assert client.get(HOME).status_code == 403


def test_pending_offers_show_the_deadline_in_the_reviewers_zone_and_what_is_left(
    client,
):
    reviewer = consultant(user__time_zone="America/New_York")
    moment = timezone.now().replace(microsecond=0)
    case = case_in(Status.OFFERED, lead=reviewer, now=moment)
    offer = case.offers.get()
    offer.accept_by = moment + timedelta(hours=5, minutes=12)
    offer.save()
    with time_machine.travel(moment, tick=False):
        html = page(client, reviewer)
    local = offer.accept_by.astimezone(ZoneInfo("America/New_York"))
    assert case.reference in html
    assert local.strftime("%H:%M") in html and ("EST" in html or "EDT" in html)
    assert "in 5\xa0hours, 12\xa0minutes" in html
    # No case text on the list.
    assert case.referral_question not in html
    assert case.case_summary not in html


def test_expiring_soon_and_lapsed_offers_are_said_in_words(client):
    reviewer = consultant()
    soon = case_in(Status.OFFERED, lead=reviewer)
    soon.offers.update(accept_by=timezone.now() + timedelta(minutes=90))
    late = case_in(Status.OFFERED, lead=reviewer)
    late.offers.update(accept_by=timezone.now() - timedelta(minutes=5))
    html = page(client, reviewer)
    assert "Expiring soon" in html and "Lapsed" in html


def test_led_cases_show_state_and_due_time_and_overdue_is_flagged(client):
    reviewer = consultant()
    drafting = case_in(Status.DRAFTING, lead=reviewer)
    overdue = case_in(Status.ACCEPTED, lead=reviewer)
    overdue.due_at = timezone.now() - timedelta(hours=1)
    overdue.save()
    signoff = case_in(Status.IN_SIGNOFF, lead=reviewer)
    closed = case_in(Status.CLOSED, lead=reviewer)
    html = page(client, reviewer)
    for case in (drafting, overdue, signoff):
        assert case.reference in html
    assert closed.reference not in html
    assert "Report being written" in html and "In sign-off" in html
    assert "Overdue" in html


def test_panel_seats_are_listed(client):
    case = case_in(Status.IN_CONFERENCE)
    seat = panel_member(case)
    html = page(client, seat)
    assert "sit on the panel (1)" in html and case.reference in html


def test_attendings_see_reports_waiting_for_sign_off_but_not_their_own(client):
    senior = attending()
    theirs = case_in(Status.IN_SIGNOFF, lead=senior)
    other = case_in(Status.IN_SIGNOFF)
    html = page(client, senior)
    assert "Reports waiting for sign-off (1)" in html
    signoff = html.split("Reports waiting for sign-off", 1)[1]
    assert other.reference in signoff and theirs.reference not in signoff


def test_a_consultant_who_is_not_an_attending_sees_no_sign_off_list(client):
    case_in(Status.IN_SIGNOFF)
    html = page(client, consultant())
    assert "waiting for sign-off" not in html


def test_another_consultants_offers_and_cases_are_not_listed(client):
    mine, theirs = consultant(), consultant()
    offered = case_in(Status.OFFERED, lead=theirs)
    led = case_in(Status.DRAFTING, lead=theirs)
    html = page(client, mine)
    assert offered.reference not in html and led.reference not in html


def test_a_consultant_who_is_not_a_member_sees_nothing_else_of_the_member_area(
    client,
):
    reviewer = consultant()
    case = case_in(Status.OFFERED, lead=reviewer)
    client.force_login(reviewer)
    assert client.get(HOME).status_code == 200
    assert client.get(reverse("consultations:case", args=[case.pk])).status_code == 200
    for url in ("/forum/", "/sessions/"):
        response = client.get(url)
        assert response.status_code in (302, 403), url
        if response.status_code == 302:
            assert "/join" in response["Location"] or "login" in response["Location"]


def _fill(reviewer, n):
    for _ in range(n):
        case_in(Status.OFFERED, lead=reviewer)
        case_in(Status.DRAFTING, lead=reviewer)
        PanelMember.objects.create(case=case_in(Status.IN_CONFERENCE), user=reviewer)
        case_in(Status.IN_SIGNOFF)


def test_the_number_of_queries_does_not_grow_with_the_lists(client):
    reviewer = attending()
    client.force_login(reviewer)
    _fill(reviewer, 2)
    client.get(HOME)  # warm the session and caches
    with CaptureQueriesContext(connection) as few:
        client.get(HOME)
    _fill(reviewer, 8)
    with CaptureQueriesContext(connection) as many:
        html = client.get(HOME).content.decode()
    assert html.count("/consultations/") > 30
    assert len(many) == len(few)
    assert Offer.objects.filter(consultant=reviewer, status="pending").count() == 10
