"""The session emails, and the pieces every one of them needs: the recipient's own
time zone and the links back to the site.

Members read times in their own time zone, so each email is rendered in its
recipient's. Emails name the session and its time and link to the site; a
question's title, text and case context stay there, and so do the meeting and
recording links: an email carries the join page and the recording page, which
check membership on every visit, never the link they lead to.
"""

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse

from community import unsubscribe
from community.mail import send_templated_mail
from community.time_zones import user_time_zone
from notifications.models import Kind
from notifications.services import notification_add, subject_title
from sessions.models import CoachingSession, SentReminder


def session_url(session: CoachingSession) -> str:
    return settings.SITE_URL + reverse("coaching_sessions:detail", args=[session.pk])


def join_url(session: CoachingSession) -> str:
    """The join page: the only meeting link that ever leaves the site."""
    return settings.SITE_URL + reverse("coaching_sessions:join", args=[session.pk])


def recording_url(session: CoachingSession) -> str:
    return settings.SITE_URL + reverse("coaching_sessions:recording", args=[session.pk])


# Session emails that also go to the notification centre, by kind of entry.
NOTIFIED = {
    "agenda": Kind.AGENDA,
    "declined": Kind.QUESTION,
    "merged": Kind.QUESTION,
    "deferred": Kind.QUESTION,
    "reminder_recording": Kind.RECORDING,
}


# The emails every member gets, each with a one-click unsubscribe of its kind.
BULK = {
    "agenda": "agenda",
    "reminder_questions_closing": "questions_closing",
    "reminder_day_before": "reminder_day",
    "reminder_hour_before": "reminder_hour",
    "reminder_recording": "recording",
}


def send_session_email(*, kind: str, user, **context) -> None:
    template = f"coaching_sessions/email/{kind}"
    context = {"user": user, "time_zone": user_time_zone(user).key, **context}
    headers = None
    if kind in BULK:
        headers = unsubscribe.headers_for(user, BULK[kind])
        context["unsubscribe_url"] = unsubscribe.link_for(user, BULK[kind])
    send_templated_mail(
        template=template, to=[user.email], context=context, headers=headers
    )
    session = context.get("session")
    url = context.get("url") or (session_url(session) if session else "")
    if kind in NOTIFIED and url:
        title = subject_title(template=template, context=context, user=user)
        notification_add(user=user, kind=NOTIFIED[kind], title=title, url=url)


def send_once(*, kind: str, session: CoachingSession, user, template: str, **context):
    """Claim (kind, session, user) and send its email, in one transaction.

    The claim row's unique constraint is what makes a second run, or a second
    worker, skip someone already sent to; the email is queued on commit of the
    same transaction, so a claim never exists without its email. False when
    the claim was already taken.
    """
    try:
        with transaction.atomic():
            SentReminder.objects.create(kind=kind, session=session, user=user)
            send_session_email(kind=template, user=user, session=session, **context)
    except IntegrityError:
        return False
    return True
