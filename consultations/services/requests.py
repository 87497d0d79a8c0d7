"""The therapist's writes: a draft and its autosaves, attachments, the patient's
consent, sending the request, and cancelling it.

Only the requester writes here, and only while the request is theirs to edit
(draft, or returned for information); each service locks the case first, so a
save racing a cancel or a second tab's submit cannot slip past the status
check. Sending goes through ``states.transition("submit")`` and then the one
payment gate (``payment_gate.release_if_settled``). Drafts save whatever is
typed (the privacy guard gates sending, not saving), so nothing is lost.
"""

import uuid

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from consultations import attachments as files
from consultations import audit, emails, payment_gate, rules, states
from consultations.models import Attachment, Case, ConsentRecord
from consultations.selectors.requests import (
    EDITABLE,
    consent_is_current,
    current_consent,
    latest_consent,
)
from consultations.services.common import locked_case
from consultations.services.offers import case_cancel_withdrawing_offers

Status = Case.Status
REQUEST_FIELDS = (
    "referral_question",
    "modality",
    "frequency",
    "duration",
    "tried",
    "case_summary",
    "risk_notes",
    "interview_requested",
    "urgency",
)
# What a request must say before it is sent.
REQUIRED_TO_SEND = {
    "referral_question": "Say what you would like help with.",
    "modality": "Describe the treatment: its modality and orientation.",
    "case_summary": "Add the de-identified case summary.",
    "risk_notes": "Add the risk notes (say so if there is no current risk).",
}
NOT_YOURS = "Only the therapist who wrote this request can change it."
NOT_EDITABLE = (
    "This request has been sent and can no longer be edited. If something "
    "important has changed, answer in the questions thread or write to the director."
)
CONSENT_NEEDED = (
    "You asked for a patient interview: record the patient's consent before "
    "sending the request, or untick the interview."
)
CONSENT_TEXT_CHANGED = (
    "The consent text was updated while you had the page open. Please read the "
    "current text and record the consent again."
)
NO_CONSENT_TO_WITHDRAW = "There is no consent on record to withdraw."
NO_FUTURE_DATES = "The date cannot be in the future."
TOO_LATE_TO_CANCEL = (
    "A reviewer has taken this case on, so it can no longer be cancelled here. "
    "Write to the director if it must stop."
)


def _own(case_id: int, user) -> Case:
    case = locked_case(case_id)
    if case.requester_id != getattr(user, "pk", None):
        raise PermissionDenied(NOT_YOURS)
    return case


def _own_editable(case_id: int, user) -> Case:
    case = _own(case_id, user)
    if case.status not in EDITABLE:
        raise ValidationError(NOT_EDITABLE, code="not_editable")
    if not rules.may_request(user):
        raise PermissionDenied("Writing a request needs a membership.")
    return case


def _apply(case: Case, data: dict) -> list[str]:
    changed = [name for name in REQUEST_FIELDS if name in data]
    for name in changed:
        value = data[name]
        setattr(case, name, value.strip() if isinstance(value, str) else value)
    case.full_clean(exclude=["reference", "requester", "lead_reviewer", "tags"])
    return changed


@transaction.atomic
def case_create_draft(*, user) -> Case:
    if not rules.may_request(user):
        raise PermissionDenied("Writing a request needs a membership.")
    case = Case(requester=user)
    case.full_clean(exclude=["reference"])
    case.save()
    return case


@transaction.atomic
def case_save_draft(*, case_id: int, user, data: dict) -> Case:
    """Store what the therapist has typed so far (fields absent from ``data``
    are left as they were)."""
    case = _own_editable(case_id, user)
    before = [getattr(case, name) for name in REQUEST_FIELDS]
    changed = _apply(case, data)
    edited = before != [getattr(case, name) for name in REQUEST_FIELDS]
    if edited and case.awaiting_payment:
        # Edited after "Send": a payment still settles the fee, but the request
        # goes only when sent again, checked as it now reads.
        case.awaiting_payment = False
        changed.append("awaiting_payment")
    case.save(update_fields=[*changed, "updated_at"])
    return case


def _check_ready(case: Case) -> None:
    missing = {
        name: message
        for name, message in REQUIRED_TO_SEND.items()
        if not getattr(case, name).strip()
    }
    if missing:
        raise ValidationError(missing)
    if case.interview_requested and not consent_is_current(case):
        raise ValidationError(CONSENT_NEEDED, code="consent_needed")
    count = case.attachments.count()
    if count > settings.CONSULT_ATTACHMENT_MAX_COUNT:
        raise ValidationError(
            files.TOO_MANY.format(count=settings.CONSULT_ATTACHMENT_MAX_COUNT)
        )


@transaction.atomic
def case_submit(
    *,
    case_id: int,
    user,
    data: dict | None = None,
    privacy_matches: list | None = None,
    attachment_matches: dict | None = None,
) -> Case:
    """Send the request (first time, or again after it was returned).

    ``privacy_matches`` is the guard's report the therapist confirmed for the
    text, ``attachment_matches`` the same per attachment id. Refused, and
    nothing changed, when something required is missing, an interview is asked
    for without the patient's current consent, or the case is not theirs to send.
    """
    case = _own_editable(case_id, user)
    states.check(case, "submit")
    changed = _apply(case, data or {})
    _check_ready(case)
    case.privacy_confirmed_matches = list(privacy_matches or [])
    # Pay to send: with a fee to pay, the checked request waits as a draft.
    case.awaiting_payment = payment_gate.payment_step_url(case) is not None
    case.save(
        update_fields=[
            *changed,
            "privacy_confirmed_matches",
            "awaiting_payment",
            "updated_at",
        ]
    )
    for attachment in case.attachments.all():
        attachment.privacy_confirmed_matches = (attachment_matches or {}).get(
            attachment.pk, []
        )
        attachment.save(update_fields=["privacy_confirmed_matches"])
    if not case.awaiting_payment:
        payment_gate.send(case, actor=user)
    return case


@transaction.atomic
def case_cancel(*, case_id: int, user) -> Case:
    """The therapist withdraws the request before a reviewer has taken it on.
    Offers still open are withdrawn so that no clock runs on a cancelled case."""
    case = _own(case_id, user)
    if case.status not in states.BEFORE_ACCEPTANCE:
        if case.status in states.FINAL:
            states.check(case, "cancel")  # "…is declined and cannot be cancelled."
        raise ValidationError(TOO_LATE_TO_CANCEL, code="too_late")
    was_sent = case.status != Status.DRAFT
    pending = case_cancel_withdrawing_offers(case, actor=user, now=timezone.now())
    for consultant in get_user_model().objects.filter(pk__in=pending):
        emails.notify(
            kind="offer_withdrawn",
            user=consultant,
            case=case,
            url=emails.offers_url(),
        )
    if was_sent:
        emails.notify_directors(kind="request_cancelled", case=case)
    return case


# --- Attachments --------------------------------------------------------------


@transaction.atomic
def attachment_add(*, case_id: int, user, upload) -> Attachment:
    """Check the file by its content and store it under a random name (the
    original name, which may say more than it should, is only shown)."""
    case = _own_editable(case_id, user)
    kind = files.check_upload(upload, existing=case.attachments.count())
    attachment = Attachment(
        case=case,
        original_name=files.display_name(upload.name or ""),
        size=upload.size,
        content_type=files.CONTENT_TYPES[kind],
    )
    upload.seek(0)
    attachment.file.save(f"{uuid.uuid4().hex}.{kind}", upload, save=False)
    stored = attachment.file.name
    try:
        attachment.save()
    except Exception:
        attachment.file.storage.delete(stored)
        raise
    audit.record_change(case=case, actor=user, target=f"attachment:{attachment.pk}")
    return attachment


@transaction.atomic
def attachment_remove(*, case_id: int, attachment_id: int, user) -> None:
    """Remove the attachment and, once that commits, its file."""
    case = _own_editable(case_id, user)
    attachment = case.attachments.filter(pk=attachment_id).first()
    if attachment is None:
        raise ValidationError("This attachment has already been removed.")
    storage, name = attachment.file.storage, attachment.file.name
    attachment.delete()
    audit.record_change(case=case, actor=user, target=f"attachment:{attachment_id}")
    transaction.on_commit(lambda: storage.delete(name))


# --- The patient's consent ----------------------------------------------------


def _not_future(day) -> None:
    if day > timezone.localdate():
        raise ValidationError({"obtained_on": NO_FUTURE_DATES})


@transaction.atomic
def consent_give(
    *, case_id: int, user, version: str, obtained_on, method: str
) -> ConsentRecord:
    """Record the consent the therapist obtained, with the exact text shown."""
    case = _own_editable(case_id, user)
    consent = current_consent()
    if version != consent.version:
        raise ValidationError(CONSENT_TEXT_CHANGED, code="consent_text_changed")
    _not_future(obtained_on)
    record = ConsentRecord(
        case=case,
        kind=ConsentRecord.Kind.GIVEN,
        consent_version=consent.version,
        consent_text=consent.text,
        obtained_on=obtained_on,
        method=method,
        recorded_by=user,
    )
    record.full_clean()
    record.save()
    audit.record_change(case=case, actor=user, target="consent")
    return record


@transaction.atomic
def consent_withdraw(*, case_id: int, user, obtained_on, method: str) -> ConsentRecord:
    """The patient withdrew: a new record, never an edit of the old one. Open
    at any stage until the case is over; the lead reviewer is told."""
    case = _own(case_id, user)
    if case.status in states.FINAL:
        raise ValidationError(
            "This consultation is over; there is nothing left to withdraw from."
        )
    given = latest_consent(case)
    if given is None or given.kind != ConsentRecord.Kind.GIVEN:
        raise ValidationError(NO_CONSENT_TO_WITHDRAW, code="no_consent")
    _not_future(obtained_on)
    record = ConsentRecord(
        case=case,
        kind=ConsentRecord.Kind.WITHDRAWN,
        consent_version=given.consent_version,
        consent_text=given.consent_text,
        obtained_on=obtained_on,
        method=method,
        recorded_by=user,
    )
    record.full_clean()
    record.save()
    audit.record_change(case=case, actor=user, target="consent")
    if case.lead_reviewer_id:
        emails.notify(kind="consent_withdrawn", user=case.lead_reviewer, case=case)
    return record
