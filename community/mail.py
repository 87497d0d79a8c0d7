"""Email goes into the database outbox, and out from a django-q2 task.

``QueuedEmailBackend`` is the project's EMAIL_BACKEND, so every sender (allauth,
``send_templated_mail``, Django's own) goes through it unchanged. It writes each
message as an ``OutgoingEmail`` row in the caller's transaction (a rolled-back
request sends nothing) and, once that commits, enqueues a task whose only
argument is the row's id: the broker and django-q2's result table never hold a
message, and a lost task is picked up by the outbox's sweep. The sending,
retries and purge are in ``community.outbox``.

Infrastructure: this module imports no app (STYLE.md, "The house"); the outbox
model is looked up by name.
"""

import base64

from django.apps import apps
from django.conf import settings
from django.core.mail import EmailMultiAlternatives, send_mail
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction
from django.template import Context
from django.template.loader import get_template
from django_q.tasks import async_task

DELIVER_TASK = "community.outbox.deliver_outgoing_email"


def _attachment_to_json(attachment) -> list:
    if not isinstance(attachment, tuple | list) or len(attachment) != 3:
        # A prepared MIME part: nothing we send today, and not storable as data.
        raise TypeError("Only (filename, content, mimetype) attachments are queued.")
    filename, content, mimetype = attachment
    is_text = isinstance(content, str)
    raw = content.encode() if is_text else bytes(content)
    return [filename, base64.b64encode(raw).decode("ascii"), mimetype, is_text]


def _attachment_from_json(stored: list) -> tuple:
    filename, encoded, mimetype, is_text = stored
    raw = base64.b64decode(encoded)
    return filename, raw.decode() if is_text else raw, mimetype


def message_fields(message) -> dict:
    """What an outbox row keeps of a message, as the model's field values."""
    return {
        "from_email": message.from_email or settings.DEFAULT_FROM_EMAIL,
        "to": list(message.to),
        "cc": list(message.cc),
        "bcc": list(message.bcc),
        "reply_to": list(message.reply_to),
        "subject": message.subject,
        "body": message.body,
        "content_subtype": message.content_subtype,
        "alternatives": [
            [content, mimetype]
            for content, mimetype in getattr(message, "alternatives", [])
        ],
        "attachments": [_attachment_to_json(a) for a in message.attachments],
        "headers": dict(message.extra_headers),
    }


def message_from(row) -> EmailMultiAlternatives:
    """The message an outbox row holds, ready for the real backend."""
    message = EmailMultiAlternatives(
        subject=row.subject,
        body=row.body,
        from_email=row.from_email,
        to=row.to,
        cc=row.cc,
        bcc=row.bcc,
        reply_to=row.reply_to,
        headers=row.headers,
        alternatives=[tuple(alternative) for alternative in row.alternatives],
    )
    message.content_subtype = row.content_subtype
    for stored in row.attachments:
        message.attach(*_attachment_from_json(stored))
    return message


def _enqueue(email_id: int) -> None:
    async_task(DELIVER_TASK, email_id, task_name=f"email #{email_id}", group="email")


class QueuedEmailBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        outgoing_email = apps.get_model("community", "OutgoingEmail")
        count = 0
        for message in email_messages:
            if not message.recipients():
                continue
            try:
                row = outgoing_email.objects.create(**message_fields(message))
            except TypeError:
                if self.fail_silently:
                    continue
                raise
            # robust: a broker that is down fails no request; the sweep sends it.
            transaction.on_commit(lambda pk=row.pk: _enqueue(pk), robust=True)
            count += 1
        return count


def _render_plain_text(name: str, context: dict) -> str:
    return get_template(name).template.render(Context(context, autoescape=False))


def _with_site(context: dict) -> dict:
    return {
        "site_url": settings.SITE_URL,
        "community_name": settings.COMMUNITY_NAME,
        **context,
    }


def render_subject(*, template: str, context: dict) -> str:
    """An email's subject line, as sent: plain text, on one line (the
    notification centre shows the same line as an entry's title)."""
    subject = _render_plain_text(f"{template}/subject.txt", _with_site(context))
    return " ".join(subject.split())


def send_templated_mail(
    *, template: str, to: list[str], context: dict, headers: dict | None = None
) -> None:
    """Render ``<template>/subject.txt`` and ``body.txt`` and send one message.

    Every app's emails go through here: the subject is folded onto one line,
    the site's name and address are in the context of every template, and
    nothing is HTML-escaped (plain text: "Tomorrow's session", not "&#x27;").
    ``headers`` are extra message headers (a bulk email's List-Unsubscribe).
    """
    subject = render_subject(template=template, context=context)
    body = _render_plain_text(f"{template}/body.txt", _with_site(context))
    if headers:
        EmailMultiAlternatives(subject, body, None, to, headers=headers).send()
    else:
        send_mail(subject, body, None, to)
