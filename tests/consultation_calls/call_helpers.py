"""What the follow-up call tests share: a delivered case, the follow-up fee,
and the moves made through HTTP as each side would."""

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from consultation_billing import payments
from consultation_billing.models import CasePayment, ConsultationFee
from consultation_calls.models import FollowUpCall
from consultations.models import Case
from tests.community import factories as people
from tests.consultations.factories import case_in, consultant
from tests.memberships import stripe_fakes as fake

MEETING = "https://video.example.org/room/secret-follow-up-7731"


@pytest.fixture(name="follow_up_fee")
def follow_up_fee_fixture(db):
    return ConsultationFee.objects.create(
        kind=ConsultationFee.Kind.FOLLOW_UP, amount=12000, currency="usd"
    )


def delivered_case(**kwargs) -> Case:
    reviewer = kwargs.pop("lead", None) or consultant()
    requester = kwargs.pop("requester", None) or people.member()
    case = case_in(Case.Status.DELIVERED, lead=reviewer, requester=requester, **kwargs)
    Case.objects.filter(pk=case.pk).update(delivered_at=timezone.now())
    case.refresh_from_db()
    return case


def local(moment, user) -> str:
    """A time as ``user`` types it in a datetime-local input: in their zone."""
    zone = ZoneInfo(user.time_zone or "UTC")
    return timezone.localtime(moment, timezone=zone).strftime("%Y-%m-%dT%H:%M")


def in_days(days: float):
    moment = timezone.now() + timedelta(days=days)
    return moment.replace(second=0, microsecond=0)


def url(case, call=None, action="ask") -> str:
    if call is None:
        return f"/consultations/{case.pk}/follow-ups/{action}/"
    if action == "ics":
        return f"/consultations/{case.pk}/follow-ups/{call.pk}/call.ics"
    return f"/consultations/{case.pk}/follow-ups/{call.pk}/{action}/"


def ask(client, case, proposed=None):
    client.force_login(case.requester)
    data = {"ask-proposed_at": local(proposed, case.requester) if proposed else ""}
    return client.post(url(case), data)


def offer(client, case, call, *times, meeting=MEETING):
    client.force_login(case.lead_reviewer)
    data = {"offer-meeting_url": meeting}
    for number, moment in enumerate(times, start=1):
        data[f"offer-time_{number}"] = local(moment, case.lead_reviewer)
    return client.post(url(case, call, "times"), data)


def choose(client, case, call, slot):
    client.force_login(case.requester)
    return client.post(url(case, call, "choose"), {"slot": slot.pk})


def booked_call(case, *, starts_at=None, minutes=40, **kwargs) -> FollowUpCall:
    now = timezone.now()
    return FollowUpCall.objects.create(
        case=case,
        reviewer=case.lead_reviewer,
        status=kwargs.pop("status", FollowUpCall.Status.BOOKED),
        starts_at=starts_at or now + timedelta(days=3),
        minutes=minutes,
        meeting_url=MEETING,
        booked_at=kwargs.pop("booked_at", now - timedelta(days=2)),
        **kwargs,
    )


def follow_up_payment(case, call, **fields) -> CasePayment:
    """An unpaid card payment for ``call`` (a Checkout made, not paid)."""
    return CasePayment.objects.create(
        case=case,
        case_reference=case.reference,
        follow_up_call=call,
        purpose=CasePayment.Purpose.FOLLOW_UP,
        payer=case.requester,
        method=CasePayment.Method.CARD,
        amount=12000,
        currency="usd",
        description=f"Follow-up consultation call, case reference {case.reference}",
        **fields,
    )


def paid_follow_up(case, call) -> CasePayment:
    """``call``'s payment, paid the one way a payment becomes paid."""
    payment = follow_up_payment(case, call)
    return payments.payment_paid(
        payment_id=payment.pk,
        payment_intent_id=fake.new_id("pi"),
        charge_id=fake.new_id("ch"),
    )
