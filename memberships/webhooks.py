"""Stripe webhooks: verify, store once, answer at once; process in a task.

The endpoint never processes in the request: it checks the signature with
``stripe.Webhook.construct_event``, stores the event (its Stripe id is unique, so a
redelivery is stored once) and queues it; ``memberships.stripe_events`` processes
it in the task. This module, the admin's "process again" and the sweep for lost
tasks (``memberships.tasks``) are the only places that enqueue: services never do.
"""

import json
import logging

import stripe
from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from memberships import services
from memberships.models import StripeEvent
from memberships.tasks import enqueue_stripe_event

logger = logging.getLogger(__name__)
Outcome = StripeEvent.Outcome


@csrf_exempt
@require_POST
def stripe_webhook(request):
    secret = settings.STRIPE_WEBHOOK_SECRET
    if not secret:
        return HttpResponse("Stripe webhooks are not configured.", status=400)
    payload = request.body
    try:
        data = json.loads(payload)
    except (ValueError, UnicodeDecodeError):
        return HttpResponse("Malformed payload.", status=400)
    if not isinstance(data, dict) or not data.get("id") or not data.get("type"):
        return HttpResponse("Not a Stripe event.", status=400)
    try:
        stripe.Webhook.construct_event(
            payload, request.headers.get("Stripe-Signature"), secret
        )
    except stripe.SignatureVerificationError:
        logger.warning("Stripe webhook with a bad signature refused")
        return HttpResponse("Bad signature.", status=400)

    event, created = services.stripe_event_record(payload=data)
    # A redelivery of an event that is not done yet doubles as a retry.
    if created or event.outcome in (Outcome.PENDING, Outcome.FAILED):
        enqueue_stripe_event(event_id=event.event_id)
    return JsonResponse({"received": True, "duplicate": not created})


def stripe_event_reprocess(*, event: StripeEvent) -> None:
    """An admin's "process again": back to pending, and queued."""
    services.stripe_event_reset(event=event)
    enqueue_stripe_event(event_id=event.event_id)
