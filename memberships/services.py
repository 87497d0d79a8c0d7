"""Writes to membership state: admins' grants, and what Stripe tells us.

Stripe is the source of truth for the paid side. A webhook event (or, right
after Checkout, the checkout session) only says that something changed: the
subscription is then read from Stripe and applied. Every write takes the
member's row lock first (``membership_lock``), so two workers, the success page
and an admin's grant apply one after the other; every write is idempotent.
"""

from datetime import UTC, date, datetime, time, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Q, Value
from django.db.models.functions import JSONObject, Replace
from django.utils import timezone

from community.time_zones import user_time_zone
from memberships import emails, stripe_api
from memberships.models import Membership, Plan, StripeEvent

Status = Membership.Status

# Stripe subscription status -> ours. "incomplete" means the first payment has not
# gone through: no access yet. "unpaid" is past due after every retry: the grace
# period still ends access.
STRIPE_STATUS = {
    "trialing": Status.TRIALING,
    "active": Status.ACTIVE,
    "past_due": Status.PAST_DUE,
    "unpaid": Status.PAST_DUE,
    "canceled": Status.CANCELED,
    "paused": Status.CANCELED,
    "incomplete": Status.NONE,
    "incomplete_expired": Status.NONE,
}
PAYING = (Status.TRIALING, Status.ACTIVE, Status.PAST_DUE)
# A pending event not processed this long after it was queued lost its task.
LOST_TASK_AFTER = timedelta(minutes=10)


class StaleStripeState(Exception):
    """The event describes an older state than the one already stored."""


def _forget_cached_membership(user) -> None:
    user.__dict__.pop("_membership_cache", None)


def from_timestamp(value) -> datetime | None:
    return datetime.fromtimestamp(int(value), tz=UTC) if value else None


# --- the row lock ------------------------------------------------------------------


def membership_lock(
    *, user=None, customer_id: str | None = None, user_id=None
) -> Membership | None:
    """The member's Membership row, locked until the transaction ends.

    The one way every writer (webhook handlers, the checkout-success page, Join,
    comp grants) gets the row, so that they apply one after the other. Found by
    the user, else by the Stripe customer, else by the user id we sent Stripe;
    created for a known user. None when nobody matches. Call it inside
    ``transaction.atomic``.
    """
    locked = Membership.objects.select_for_update(of=("self",)).select_related("user")
    if user is None and customer_id:
        membership = locked.filter(stripe_customer_id=customer_id).first()
        if membership is not None:
            return membership
    if user is None and user_id is not None and str(user_id).isdigit():
        user = get_user_model().objects.filter(pk=int(user_id)).first()
    if user is None:
        return None
    membership, _ = locked.get_or_create(user=user)
    membership.user = user  # the caller's object: its cached membership is reset
    return membership


# --- complimentary memberships (admins) --------------------------------------


def comp_ends_at(*, last_day: date, user) -> datetime:
    """The first moment without access for a grant through ``last_day``.

    The day ends at midnight in the granting admin's zone (the active one), or in
    the member's own zone if that comes later, so that "through 31 January" holds
    for the member wherever they are and means what the admin meant.
    """
    next_day = datetime.combine(last_day + timedelta(days=1), time.min)
    zones = (timezone.get_current_timezone(), user_time_zone(user))
    return max(timezone.make_aware(next_day, zone) for zone in zones)


def _comp_dates(*, user, until, last_day) -> tuple[datetime | None, date | None]:
    if last_day is not None:
        return comp_ends_at(last_day=last_day, user=user), last_day
    if until is not None:
        # An exact end (the Django admin, older callers): its day in the active zone.
        return until, timezone.localtime(until - timedelta(microseconds=1)).date()
    return None, None


@transaction.atomic
def membership_grant_comp(
    *,
    user,
    until: datetime | None = None,
    last_day: date | None = None,
    note: str = "",
    notify: bool = False,
) -> Membership:
    """Give complimentary access, alongside any paid subscription (never instead).

    ``last_day`` is the last day of access as an admin chose it (or ``until``,
    the exact end); neither means no end date. ``notify`` emails the member,
    as an admin's grant does (the demo seed's does not).
    """
    membership = membership_lock(user=user)
    membership.comp_granted_at = timezone.now()
    membership.comp_until, membership.comp_last_day = _comp_dates(
        user=user, until=until, last_day=last_day
    )
    membership.comp_note = note
    membership.full_clean()
    membership.save()
    _forget_cached_membership(user)
    if notify:
        emails.send_comp_granted(membership=membership)
    return membership


@transaction.atomic
def membership_edit_comp(
    *,
    user,
    note: str,
    until: datetime | None = None,
    last_day: date | None = None,
    notify: bool = False,
) -> Membership:
    """An admin's edit of the complimentary side (the Django admin's form): only
    those fields are written, so a subscription change made meanwhile stays.
    An end date or a note on a membership without a grant counts as granting;
    ``notify`` tells the member of a new grant or a new last day."""
    membership = membership_lock(user=user)
    was_granted = membership.comp_granted_at is not None
    before = membership.comp_end_day
    membership.comp_until, membership.comp_last_day = _comp_dates(
        user=user, until=until, last_day=last_day
    )
    membership.comp_note = note
    if membership.comp_granted_at is None and (membership.comp_until or note):
        membership.comp_granted_at = timezone.now()
    membership.save(
        update_fields=[
            "comp_until",
            "comp_last_day",
            "comp_note",
            "comp_granted_at",
            "updated_at",
        ]
    )
    _forget_cached_membership(user)
    news = not was_granted or before != membership.comp_end_day
    if notify and membership.comp_granted_at is not None and news:
        emails.send_comp_granted(membership=membership)
    return membership


@transaction.atomic
def membership_revoke_comp(*, user) -> Membership | None:
    if not Membership.objects.filter(user=user).exists():
        return None
    membership = membership_lock(user=user)
    membership.comp_granted_at = None
    membership.comp_until = None
    membership.comp_last_day = None
    membership.comp_note = ""
    membership.save()
    _forget_cached_membership(user)
    return membership


def membership_on_account_deleted(*, user) -> None:
    """An account being deleted is billed no more and keeps no free access.

    A live subscription is canceled at Stripe first; if Stripe cannot be reached
    the deletion stops (a ValidationError the account page shows), so nobody is
    left paying for an account that no longer exists.
    """
    membership = Membership.objects.filter(user=user).first()
    if membership is None:
        return
    if membership.has_live_subscription and stripe_api.is_configured():
        try:
            stripe_api.cancel_subscription(membership.stripe_subscription_id)
        except stripe_api.StripeError as exc:
            raise ValidationError(
                "We could not cancel your subscription with our payment provider "
                "just now, so your account was not deleted. Please try again in a "
                "few minutes, or cancel under Membership first."
            ) from exc
        membership.status = Status.CANCELED
        membership.current_period_end = timezone.now()
        membership.ended_at = timezone.now()
        membership.save()
    membership_revoke_comp(user=user)


# --- Stripe customers ----------------------------------------------------------


@transaction.atomic
def membership_ensure_customer(*, user, create_customer) -> Membership:
    """The user's membership with a Stripe customer, created once and reused.

    ``create_customer(user=...)`` makes the customer at Stripe; the row lock keeps
    two Join clicks from creating two customers.
    """
    membership = membership_lock(user=user)
    if not membership.stripe_customer_id:
        membership.stripe_customer_id = create_customer(user=user)
        membership.save(update_fields=["stripe_customer_id", "updated_at"])
    _forget_cached_membership(user)
    return membership


# --- state from Stripe -----------------------------------------------------------


def _subscription_period_end(subscription: dict) -> datetime | None:
    # Newer API versions carry the period on the subscription items.
    end = subscription.get("current_period_end")
    if end is None:
        items = (subscription.get("items") or {}).get("data") or []
        end = items[0].get("current_period_end") if items else None
    return from_timestamp(end)


def _subscription_price_id(subscription: dict) -> str | None:
    items = (subscription.get("items") or {}).get("data") or []
    if not items:
        return None
    price = items[0].get("price") or items[0].get("plan") or {}
    return price.get("id") if isinstance(price, dict) else price


def _check_fresh(membership: Membership, as_of: datetime) -> None:
    if membership.stripe_synced_at and as_of < membership.stripe_synced_at:
        raise StaleStripeState(
            f"read at {as_of:%Y-%m-%d %H:%M:%S}, before the stored state "
            f"({membership.stripe_synced_at:%Y-%m-%d %H:%M:%S})"
        )


def _is_live(subscription: dict) -> bool:
    return subscription.get("status") in stripe_api.LIVE_STATUSES


def membership_apply_subscription(
    *, membership: Membership, subscription: dict, as_of: datetime
) -> Membership:
    """Apply Stripe's current state of one subscription to a locked membership.

    ``as_of`` is when it was read from Stripe. A member has one subscription in
    our records. A second live one (two Checkouts that both went through) is
    kept apart in ``second_subscription_id`` for the admins, never swapped in;
    when either of the two ends, the member stays on the other. Raises
    StaleStripeState for a subscription that changes nothing here.
    """
    sub_id = subscription.get("id", "")
    recorded = membership.stripe_subscription_id
    if recorded and sub_id != recorded and membership.has_live_subscription:
        if not _is_live(subscription):
            if membership.second_subscription_id == sub_id:
                membership.second_subscription_id = ""
                membership.save(update_fields=["second_subscription_id", "updated_at"])
            raise StaleStripeState("it is about another subscription than the live one")
        if _is_live(stripe_api.retrieve_subscription(recorded)):
            if membership.second_subscription_id != sub_id:
                membership.second_subscription_id = sub_id
                membership.save(update_fields=["second_subscription_id", "updated_at"])
            return membership
        # The recorded one has ended at Stripe (its event is still on the way):
        # the new one takes its place.
    elif (
        sub_id == recorded
        and membership.second_subscription_id
        and not _is_live(subscription)
    ):
        second = stripe_api.retrieve_subscription(membership.second_subscription_id)
        if _is_live(second):
            subscription = second  # the member stays on the other one
    return membership_sync_subscription(
        membership=membership, subscription=subscription, as_of=as_of
    )


def membership_sync_subscription(
    *, membership: Membership, subscription: dict, as_of: datetime
) -> Membership:
    """Write a Stripe subscription object, read at ``as_of``. Safe to repeat.

    Sends the welcome email when a paid membership starts and the ended email
    when it ends (once each: the transition happens once).
    """
    _check_fresh(membership, as_of)
    new_status = STRIPE_STATUS.get(subscription.get("status"), Status.NONE)
    subscription_id = subscription.get("id", "")
    if (
        membership.stripe_subscription_id
        and subscription_id != membership.stripe_subscription_id
        and membership.has_live_subscription
        and new_status not in PAYING
    ):
        raise StaleStripeState("it is about an older subscription, not the live one")

    old_status = membership.status
    was_paying = old_status in PAYING and bool(membership.stripe_subscription_id)
    period_end = _subscription_period_end(subscription)
    ended_at = from_timestamp(subscription.get("ended_at"))
    price_id = _subscription_price_id(subscription)

    membership.stripe_subscription_id = subscription_id
    if membership.second_subscription_id == subscription_id:
        membership.second_subscription_id = ""
    membership.status = new_status
    if subscription.get("customer") and not membership.stripe_customer_id:
        membership.stripe_customer_id = subscription["customer"]
    if price_id:
        membership.plan = Plan.objects.filter(stripe_price_id=price_id).first()
    membership.cancel_at_period_end = bool(
        subscription.get("cancel_at_period_end") or subscription.get("cancel_at")
    )
    membership.trial_end = from_timestamp(subscription.get("trial_end"))
    if new_status == Status.CANCELED and ended_at and period_end:
        # Canceled straight away (e.g. refunded): access ends when it ended.
        period_end = min(period_end, ended_at)
    membership.current_period_end = period_end
    if new_status == Status.PAST_DUE:
        membership.past_due_since = membership.past_due_since or as_of
    else:
        membership.past_due_since = None
    starts = new_status in (Status.TRIALING, Status.ACTIVE) and not was_paying
    ends = new_status == Status.CANCELED and old_status != Status.CANCELED
    if starts:
        membership.started_at = as_of
    if ends:
        membership.ended_at = ended_at or as_of
    membership.stripe_synced_at = as_of
    membership.full_clean()
    membership.save()
    _forget_cached_membership(membership.user)

    if starts:
        emails.send_welcome(membership=membership, returning=old_status != Status.NONE)
    elif ends:
        emails.send_membership_ended(membership=membership)
    return membership


def membership_link_checkout(
    *,
    membership: Membership,
    customer_id: str,
    subscription_id: str,
    session_id: str = "",
) -> Membership:
    """Tie a completed Checkout to the membership (the state follows separately)."""
    changed = []
    if customer_id and membership.stripe_customer_id != customer_id:
        membership.stripe_customer_id = customer_id
        changed.append("stripe_customer_id")
    if subscription_id and not membership.has_live_subscription:
        membership.stripe_subscription_id = subscription_id
        changed.append("stripe_subscription_id")
    if session_id and membership.checkout_session_id == session_id:
        membership.checkout_session_id = ""  # paid: never offered again
        changed.append("checkout_session_id")
    if changed:
        membership.save(update_fields=[*changed, "updated_at"])
    return membership


# --- the webhook event log ---------------------------------------------------------


def stripe_event_record(*, payload: dict) -> tuple[StripeEvent, bool]:
    """Store a verified event once (its Stripe id is unique). Returns (event, new)."""
    event, created = StripeEvent.objects.get_or_create(
        event_id=payload["id"],
        defaults={
            "type": payload.get("type", "")[:100],
            "livemode": bool(payload.get("livemode")),
            "stripe_created": from_timestamp(payload.get("created")) or timezone.now(),
            "payload": payload,
        },
    )
    return event, created


def stripe_event_reset(*, event: StripeEvent) -> None:
    """Back to pending, for "process again"; the caller queues it."""
    StripeEvent.objects.filter(pk=event.pk).update(
        outcome=StripeEvent.Outcome.PENDING, processed_at=None
    )


def stripe_events_claim_lost(*, now: datetime | None = None) -> list[str]:
    """The ids of pending events whose task was lost, claimed to be queued again.

    An event still pending LOST_TASK_AFTER after it was last queued is claimed by
    moving its ``enqueued_at`` to now, in one conditional UPDATE per event: of
    two workers sweeping at once, one claims it, and the next sweep within the
    window finds nothing to claim. Failed events are not claimed: the task queue
    retries those, and the admins see them in the log.
    """
    now = now or timezone.now()
    cutoff = now - LOST_TASK_AFTER
    lost = Q(outcome=StripeEvent.Outcome.PENDING) & (
        Q(enqueued_at__lt=cutoff) | Q(enqueued_at__isnull=True, received_at__lt=cutoff)
    )
    candidates = (
        StripeEvent.objects.filter(lost)
        .order_by("received_at")
        .values_list("pk", "event_id")[:500]
    )
    return [
        event_id
        for pk, event_id in candidates
        if StripeEvent.objects.filter(lost, pk=pk).update(enqueued_at=now)
    ]


REDACTED_FIELDS = ("id", "type")


def _redact(events) -> int:
    """Keep only the stub of each event's payload ({"id", "type"}): enough for the
    log to say what arrived, nothing about the customer."""
    return events.filter(payload__has_key="data").update(
        payload=JSONObject(id=F("event_id"), type=F("type"))
    )


def stripe_events_redact_old(*, now: datetime | None = None) -> int:
    """Forget what Stripe sent once it has done its work and aged past retention.

    Only finished events (processed or skipped) are redacted: a pending or failed
    one is still to be processed and needs its payload. Redacted payloads have no
    "data" key, so a second run, or two workers at once, change nothing more.
    """
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.STRIPE_EVENT_RETENTION_DAYS)
    return _redact(
        StripeEvent.objects.filter(
            received_at__lt=cutoff,
            outcome__in=[StripeEvent.Outcome.PROCESSED, StripeEvent.Outcome.SKIPPED],
        )
    )


def stripe_events_forget(*, user) -> int:
    """On account deletion: redact the finished events about this customer now,
    without waiting for retention, and take the address out of older log notes."""
    membership = Membership.objects.filter(user=user).first()
    about_them = Q(payload__data__object__client_reference_id=str(user.pk)) | Q(
        payload__data__object__metadata__user_id=str(user.pk)
    )
    if membership is not None and membership.stripe_customer_id:
        about_them |= Q(payload__data__object__customer=membership.stripe_customer_id)
    finished = [StripeEvent.Outcome.PROCESSED, StripeEvent.Outcome.SKIPPED]
    count = _redact(StripeEvent.objects.filter(about_them, outcome__in=finished))
    if user.email:
        StripeEvent.objects.filter(note__contains=user.email).update(
            note=Replace("note", Value(user.email), Value(f"user {user.pk}"))
        )
    return count
