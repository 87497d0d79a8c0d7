"""Email goes out from a django-q2 task, never from the request that caused it.

``QueuedEmailBackend`` is the project's EMAIL_BACKEND: it enqueues each message and
the task hands it to the real backend named by QUEUED_EMAIL_BACKEND (console, SMTP,
...). A failed send is retried by django-q2 and never loses the thing that caused it.
"""

from django.conf import settings
from django.core.mail import get_connection, send_mail
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction
from django.template import Context
from django.template.loader import get_template
from django_q.tasks import async_task


def deliver_email_message(message) -> int:
    """The task: send one message with the real backend. Raises so q2 retries."""
    connection = get_connection(settings.QUEUED_EMAIL_BACKEND, fail_silently=False)
    # The message is the task's argument and must stay picklable for django-q2's
    # result record, so the connection is not attached to it.
    return connection.send_messages([message])


class QueuedEmailBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        count = 0
        for message in email_messages:
            message.connection = None  # connections do not pickle
            transaction.on_commit(
                lambda m=message: async_task(
                    "community.mail.deliver_email_message",
                    m,
                    task_name=f"email: {m.subject[:60]}",
                    group="email",
                )
            )
            count += 1
        return count


def _render_plain_text(name: str, context: dict) -> str:
    return get_template(name).template.render(Context(context, autoescape=False))


def send_templated_mail(*, template: str, to: list[str], context: dict) -> None:
    """Render ``<template>/subject.txt`` and ``body.txt`` and send one message.

    Every app's emails go through here: the subject is folded onto one line,
    the site's name and address are in the context of every template, and
    nothing is HTML-escaped (plain text: "Tomorrow's session", not "&#x27;").
    """
    context = {
        "site_url": settings.SITE_URL,
        "community_name": settings.COMMUNITY_NAME,
        **context,
    }
    subject = _render_plain_text(f"{template}/subject.txt", context)
    body = _render_plain_text(f"{template}/body.txt", context)
    send_mail(" ".join(subject.split()), body, None, to)
