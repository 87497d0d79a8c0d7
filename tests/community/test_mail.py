"""Email leaves through a django-q2 task, after the request's transaction commits."""

import pytest
from django.core import mail
from django.core.mail import send_mail
from django.db import transaction
from django_q.models import Success


@pytest.mark.django_db
def test_queued_email_is_sent_by_a_task_after_commit(
    settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "community.mail.QueuedEmailBackend"
    settings.QUEUED_EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        send_mail("Hello", "Body", None, ["member@example.org"])
        assert mail.outbox == []  # nothing leaves before the commit
    assert [m.subject for m in mail.outbox] == ["Hello"]
    assert Success.objects.filter(func="community.mail.deliver_email_message").exists()


@pytest.mark.django_db
def test_rolled_back_request_sends_no_email(
    settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "community.mail.QueuedEmailBackend"
    settings.QUEUED_EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with django_capture_on_commit_callbacks(execute=True):
        try:
            with transaction.atomic():
                send_mail("Hello", "Body", None, ["member@example.org"])
                raise RuntimeError("the view failed")
        except RuntimeError:
            pass
    assert mail.outbox == []


@pytest.mark.django_db
def test_task_result_stays_storable_with_a_stream_backend(
    settings, django_capture_on_commit_callbacks, capsys
):
    # The console backend holds a stream; the stored task must not drag it along.
    settings.EMAIL_BACKEND = "community.mail.QueuedEmailBackend"
    settings.QUEUED_EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
    with django_capture_on_commit_callbacks(execute=True):
        send_mail("Console hello", "Body", None, ["member@example.org"])
    assert "Console hello" in capsys.readouterr().out
    stored = Success.objects.get(func="community.mail.deliver_email_message")
    assert stored.args[0].subject == "Console hello"


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
