"""The Django admin shows the subscription side read-only: Stripe is its source
of truth, as in the Wagtail tools, and only the complimentary side is edited."""

from datetime import timedelta

import pytest
from django.utils import timezone

from memberships.models import Membership, Plan
from tests.community.factories import MembershipFactory

pytestmark = pytest.mark.django_db

STRIPE_SIDE = {
    "status": Membership.Status.PAST_DUE,
    "stripe_customer_id": "cus_from_stripe",
    "stripe_subscription_id": "sub_from_stripe",
    "cancel_at_period_end": False,
}


@pytest.fixture
def paying(db):
    plan = Plan.objects.create(
        name="Monthly", stripe_price_id="price_monthly", amount=8900, currency="usd"
    )
    return MembershipFactory(
        plan=plan,
        past_due_since=timezone.now() - timedelta(days=2),
        trial_end=timezone.now() - timedelta(days=40),
        **STRIPE_SIDE,
    )


def change_url(membership) -> str:
    return f"/django-admin/memberships/membership/{membership.pk}/change/"


def test_admin_posting_changed_status_and_stripe_ids_changes_neither(
    client, site_admin, paying
):
    other_plan = Plan.objects.create(
        name="Yearly", stripe_price_id="price_yearly", amount=89000, currency="usd"
    )
    before = Membership.objects.get(pk=paying.pk)
    client.force_login(site_admin)
    later = timezone.localtime() + timedelta(days=300)
    response = client.post(
        change_url(paying),
        {
            "user": paying.user_id,
            "status": Membership.Status.ACTIVE,
            "plan": other_plan.pk,
            "stripe_customer_id": "cus_typed_by_hand",
            "stripe_subscription_id": "sub_typed_by_hand",
            "current_period_end_0": later.strftime("%Y-%m-%d"),
            "current_period_end_1": later.strftime("%H:%M:%S"),
            "cancel_at_period_end": "on",
            "past_due_since_0": "",
            "past_due_since_1": "",
            "trial_end_0": "",
            "trial_end_1": "",
            "comp_note": "Asked by the board",
        },
    )
    assert response.status_code == 302
    after = Membership.objects.get(pk=paying.pk)
    for field in (
        "status",
        "plan_id",
        "stripe_customer_id",
        "stripe_subscription_id",
        "current_period_end",
        "cancel_at_period_end",
        "past_due_since",
        "trial_end",
    ):
        assert getattr(after, field) == getattr(before, field), field
    # The complimentary side is still the admin's to edit.
    assert after.comp_note == "Asked by the board"


def test_change_form_offers_no_input_for_the_stripe_side(client, site_admin, paying):
    client.force_login(site_admin)
    html = client.get(change_url(paying)).content.decode()
    for name in ("status", "plan", "stripe_customer_id", "stripe_subscription_id"):
        assert f'name="{name}"' not in html, name
    assert "cus_from_stripe" in html  # shown, not editable
    assert 'name="comp_note"' in html


def test_editing_the_comp_side_keeps_a_subscription_change_made_meanwhile(
    client, site_admin, paying, monkeypatch
):
    """A webhook applies a payment while the admin's save is under way: the
    save writes the complimentary side only, under the member's row lock."""

    def webhook_meanwhile(membership):
        Membership.objects.filter(pk=membership.pk).update(
            status=Membership.Status.ACTIVE, past_due_since=None
        )

    monkeypatch.setattr(Membership, "clean", webhook_meanwhile)
    client.force_login(site_admin)
    response = client.post(
        change_url(paying), {"user": paying.user_id, "comp_note": "Board member"}
    )
    assert response.status_code == 302
    after = Membership.objects.get(pk=paying.pk)
    assert after.status == Membership.Status.ACTIVE
    assert after.past_due_since is None
    assert after.comp_note == "Board member"
    assert after.comp_granted_at is not None
