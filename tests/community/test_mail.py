"""Email leaves through the database outbox: the request writes a row in its own
transaction, a django-q2 task given only the row's id sends it after the commit,
a sweep retries what failed or whose task was lost, and what was sent keeps no
body (no reset or verification link) and is purged after a few days."""

import re
from datetime import timedelta
from pathlib import Path

import pytest
import time_machine
from django.conf import settings as django_settings
from django.core import mail
from django.core.mail import EmailMultiAlternatives, send_mail
from django.db import connection, transaction
from django.utils import timezone
from django_q.models import Schedule, Success

from community import outbox
from community.models import OutgoingEmail
from community.setup import ensure_schedules
from tests.community.factories import UserFactory

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "another-long-password-77"

DELIVER = "community.outbox.deliver_outgoing_email"


@pytest.fixture
def queued(settings):
    """The project's real path: the outbox backend, locmem as the real backend."""
    settings.EMAIL_BACKEND = "community.mail.QueuedEmailBackend"
    settings.QUEUED_EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    return settings


class BrokenBackend:
    """A mail server that is down."""

    calls = 0

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        BrokenBackend.calls += 1
        raise OSError("mail server down")


@pytest.fixture
def broken(queued):
    BrokenBackend.calls = 0
    queued.QUEUED_EMAIL_BACKEND = "tests.community.test_mail.BrokenBackend"
    return queued


def _all_database_text() -> str:
    """Every row of every table, as text: what a copy of the database would hold."""
    chunks = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            chunks.extend(repr(row) for row in cursor.fetchall())
    return "\n".join(chunks)


def _link(message) -> str:
    match = re.search(r"http://testserver(/\S+)", message.body)
    assert match, message.body
    return match.group(1)


# The way in: a row in the request's transaction -----------------------------


def test_mail_is_written_to_the_outbox_and_sent_after_the_commit(
    queued, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        send_mail("Hello", "Body", None, ["member@example.org"])
        assert mail.outbox == []  # nothing leaves before the commit
        [row] = OutgoingEmail.objects.all()
        assert row.status == OutgoingEmail.Status.PENDING
        assert row.to == ["member@example.org"] and row.body == "Body"
    [message] = mail.outbox
    assert (message.subject, message.body) == ("Hello", "Body")
    assert message.from_email == django_settings.DEFAULT_FROM_EMAIL
    row.refresh_from_db()
    assert row.status == OutgoingEmail.Status.SENT and row.sent_at is not None
    assert row.attempts == 1


def test_rolled_back_request_sends_no_email_and_keeps_none(
    queued, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        try:
            with transaction.atomic():
                send_mail("Hello", "Body", None, ["member@example.org"])
                raise RuntimeError("the view failed")
        except RuntimeError:
            pass
    assert mail.outbox == []
    assert not OutgoingEmail.objects.exists()


def test_the_task_is_given_the_outbox_id_only(
    queued, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        send_mail("Quiet subject", "Secret body", None, ["member@example.org"])
    [row] = OutgoingEmail.objects.all()
    [task] = Success.objects.filter(func=DELIVER)
    assert task.args == (row.pk,)
    assert all(type(arg) is int for arg in task.args)
    assert not task.kwargs
    stored = f"{task.name} {task.args} {task.kwargs} {task.result}"
    assert "Quiet subject" not in stored and "Secret body" not in stored
    assert "member@example.org" not in stored


def test_a_stream_backend_sends_and_nothing_unpicklable_is_stored(
    queued, django_capture_on_commit_callbacks, capsys
):
    queued.QUEUED_EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
    with django_capture_on_commit_callbacks(execute=True):
        send_mail("Console hello", "Body", None, ["member@example.org"])
    assert "Console hello" in capsys.readouterr().out
    assert Success.objects.get(func=DELIVER).result == "sent"


def test_html_alternatives_attachments_and_headers_survive_the_outbox(
    queued, django_capture_on_commit_callbacks
):
    message = EmailMultiAlternatives(
        "Your certificate",
        "Plain text",
        "Director <director@example.org>",
        ["member@example.org"],
        cc=["copy@example.org"],
        bcc=["hidden@example.org"],
        reply_to=["reply@example.org"],
        headers={"List-Unsubscribe": "<https://site.test/u/1/>"},
    )
    message.attach_alternative("<p>HTML</p>", "text/html")
    message.attach("certificate.pdf", b"%PDF-1.4 \x00\xff", "application/pdf")
    message.attach("notes.txt", "Some notes", "text/plain")
    with django_capture_on_commit_callbacks(execute=True):
        message.send()
    [sent] = mail.outbox
    assert sent.from_email == "Director <director@example.org>"
    assert (sent.to, sent.cc, sent.bcc) == (
        ["member@example.org"],
        ["copy@example.org"],
        ["hidden@example.org"],
    )
    assert sent.reply_to == ["reply@example.org"]
    assert sent.extra_headers["List-Unsubscribe"] == "<https://site.test/u/1/>"
    assert [tuple(a) for a in sent.alternatives] == [("<p>HTML</p>", "text/html")]
    assert [tuple(a) for a in sent.attachments] == [
        ("certificate.pdf", b"%PDF-1.4 \x00\xff", "application/pdf"),
        ("notes.txt", "Some notes", "text/plain"),
    ]
    assert b"%PDF-1.4" in sent.message().as_bytes() or "JVBERi0xLjQ" in str(
        sent.message()
    )


def test_an_html_only_message_stays_html(queued, django_capture_on_commit_callbacks):
    from django.core.mail import EmailMessage

    message = EmailMessage("Hi", "<p>Hi</p>", None, ["member@example.org"])
    message.content_subtype = "html"
    with django_capture_on_commit_callbacks(execute=True):
        message.send()
    assert mail.outbox[0].content_subtype == "html"


# Account links are not kept -----------------------------------------------


def test_a_password_reset_link_is_not_in_the_database_after_sending(
    client, queued, django_capture_on_commit_callbacks
):
    user = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/accounts/password/reset/", {"email": user.email})
    [message] = mail.outbox
    link = _link(message)
    key = link.rstrip("/").rsplit("/", 1)[-1]
    assert "/password/reset/key/" in link and len(key) > 10

    database = _all_database_text()
    assert key not in database
    assert link not in database
    [row] = OutgoingEmail.objects.all()
    assert row.status == OutgoingEmail.Status.SENT
    assert row.body == "" and row.alternatives == [] and row.headers == {}
    assert row.to == [user.email] and "Password" in row.subject

    # The link itself works: only the copy is gone.
    form_url = client.get(link)["Location"]
    response = client.post(
        form_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    )
    assert response.status_code == 302


def test_an_email_verification_link_is_not_in_the_database_after_sending(
    client, queued, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/accounts/signup/",
            {
                "email": "new.member@example.org",
                "display_name": "New M.",
                "time_zone": "UTC",
                "password1": NEW_PASSWORD,
                "password2": NEW_PASSWORD,
            },
        )
    [message] = mail.outbox
    link = _link(message)
    assert "/accounts/confirm-email/" in link
    key = link.rstrip("/").rsplit("/", 1)[-1]
    assert key not in _all_database_text()


# The way out: one send, retries, the sweep ---------------------------------


def test_two_workers_send_a_message_once(queued):
    send_mail("Once", "Body", None, ["member@example.org"])  # the task is lost
    [row] = OutgoingEmail.objects.all()
    real_send = mail.backends.locmem.EmailBackend.send_messages
    second_worker = []

    def send_while_another_worker_tries(self, messages):
        # A second worker picks the same row while the first is still sending.
        second_worker.append(outbox.deliver_outgoing_email(row.pk))
        return real_send(self, messages)

    mail.backends.locmem.EmailBackend.send_messages = send_while_another_worker_tries
    try:
        assert outbox.deliver_outgoing_email(row.pk) == "sent"
    finally:
        mail.backends.locmem.EmailBackend.send_messages = real_send
    assert second_worker == ["not due"]
    assert outbox.deliver_outgoing_email(row.pk) == "not due"
    assert outbox.send_due_emails() == 0
    assert len(mail.outbox) == 1


def test_the_sweep_sends_mail_whose_task_was_lost(queued):
    # No on_commit callback runs here: the enqueued task never happened.
    send_mail("Lost task", "Body", None, ["member@example.org"])
    assert mail.outbox == []
    assert outbox.send_due_emails() == 1
    assert [m.subject for m in mail.outbox] == ["Lost task"]
    assert outbox.send_due_emails() == 0  # twice-run safe
    assert len(mail.outbox) == 1


def test_a_broker_that_is_down_fails_no_request_and_loses_no_mail(
    client, queued, django_capture_on_commit_callbacks, monkeypatch
):
    def broker_down(*args, **kwargs):
        raise ConnectionError("broker down")

    monkeypatch.setattr("community.mail.async_task", broker_down)
    user = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/accounts/password/reset/", {"email": user.email})
    assert response.status_code == 302
    assert mail.outbox == []
    assert outbox.send_due_emails() == 1
    assert "password" in mail.outbox[0].subject.lower()


def test_a_failed_send_is_retried_with_backoff_then_marked_failed(
    broken, django_capture_on_commit_callbacks
):
    broken.EMAIL_OUTBOX_MAX_ATTEMPTS = 3
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            send_mail("Retry me", "Body", None, ["member@example.org"])
        [row] = OutgoingEmail.objects.all()
        assert row.status == OutgoingEmail.Status.PENDING and row.attempts == 1
        assert "OSError: mail server down" in row.last_error
        first_wait = row.next_attempt_at - start
        assert first_wait >= timedelta(minutes=1)
        assert outbox.send_due_emails() == 0  # not due yet
        assert BrokenBackend.calls == 1

    with time_machine.travel(row.next_attempt_at + timedelta(seconds=1), tick=False):
        assert outbox.send_due_emails() == 1
        row.refresh_from_db()
        assert row.attempts == 2 and row.status == OutgoingEmail.Status.PENDING
        assert row.next_attempt_at - timezone.now() > first_wait  # it backs off

    with time_machine.travel(row.next_attempt_at + timedelta(seconds=1), tick=False):
        assert outbox.send_due_emails() == 1
    row.refresh_from_db()
    assert row.status == OutgoingEmail.Status.FAILED and row.attempts == 3
    assert row.body == ""  # a failed reset link is not kept either
    assert BrokenBackend.calls == 3

    broken.QUEUED_EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with time_machine.travel(timezone.now() + timedelta(days=1), tick=False):
        assert outbox.send_due_emails() == 0
    assert mail.outbox == []


def test_a_send_that_fails_once_goes_out_at_the_next_attempt(
    broken, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        send_mail("Second time lucky", "Body", None, ["member@example.org"])
    [row] = OutgoingEmail.objects.all()
    broken.QUEUED_EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with time_machine.travel(row.next_attempt_at + timedelta(seconds=1), tick=False):
        assert outbox.send_due_emails() == 1
    assert [m.subject for m in mail.outbox] == ["Second time lucky"]
    row.refresh_from_db()
    assert row.status == OutgoingEmail.Status.SENT and row.last_error == ""


def test_a_worker_that_died_while_sending_is_followed_by_another(queued):
    send_mail("Crashed", "Body", None, ["member@example.org"])
    [row] = OutgoingEmail.objects.all()
    # A worker claimed it and died before recording anything.
    assert outbox._claim(row.pk, now=timezone.now())
    assert outbox.send_due_emails() == 0  # its claim still holds
    with time_machine.travel(
        timezone.now() + outbox.CLAIM_LEASE + timedelta(seconds=1), tick=False
    ):
        assert outbox.send_due_emails() == 1
    assert len(mail.outbox) == 1


# Purge and schedules --------------------------------------------------------


def test_purge_deletes_only_what_is_due_and_is_twice_run_safe(queued, settings):
    settings.EMAIL_OUTBOX_RETENTION_DAYS = 7
    now = timezone.now()
    old, recent = now - timedelta(days=8), now - timedelta(days=6)
    status = OutgoingEmail.Status

    def row(**fields):
        return OutgoingEmail.objects.create(
            to=["a@example.org"], subject="s", from_email="f@example.org", **fields
        )

    old_sent = row(status=status.SENT, sent_at=old, created_at=old)
    recent_sent = row(status=status.SENT, sent_at=recent, created_at=old)
    old_failed = row(status=status.FAILED, created_at=old)
    recent_failed = row(status=status.FAILED, created_at=recent)
    old_pending = row(status=status.PENDING, created_at=old, body="still to send")

    assert outbox.purge_sent_emails() == 2
    left = set(OutgoingEmail.objects.values_list("pk", flat=True))
    assert left == {recent_sent.pk, recent_failed.pk, old_pending.pk}
    assert old_sent.pk not in left and old_failed.pk not in left
    assert outbox.purge_sent_emails() == 0


def test_the_sweep_and_the_purge_are_scheduled_once():
    ensure_schedules()
    ensure_schedules()  # every migrate runs it again
    sweep = Schedule.objects.get(func="community.outbox.send_due_emails")
    assert sweep.schedule_type == Schedule.MINUTES and sweep.minutes <= 5
    purge = Schedule.objects.get(func="community.outbox.purge_sent_emails")
    assert purge.schedule_type == Schedule.DAILY


def test_the_readme_says_mail_goes_through_the_outbox():
    readme = (Path(django_settings.BASE_DIR) / "README.md").read_text()
    assert "outbox" in readme
    assert "EMAIL_OUTBOX_RETENTION_DAYS" in readme


# Templated mail ------------------------------------------------------------


def test_plain_text_emails_are_not_html_escaped(mailoutbox, settings):
    from community.mail import send_templated_mail

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    topic = type("Topic", (), {"subject": "Tomorrow's <session> & more"})()
    send_templated_mail(
        template="community_forum/email/reply",
        to=["a@example.org"],
        context={"topic": topic, "author": "Lee & Sam", "url": "/t/"},
    )
    assert mailoutbox[-1].subject == "New reply in a topic you follow"
    assert "Lee & Sam replied" in mailoutbox[-1].body
