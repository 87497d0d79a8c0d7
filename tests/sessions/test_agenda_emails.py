"""Publishing the agenda queues one task (the session id only); the task emails
each member once, however often it runs and however many workers run it."""

import pytest
from django.core import mail
from django.urls import reverse

from community.models import NotificationPreferences
from sessions import tasks
from sessions.models import CoachingSession, Question, SentReminder
from sessions.services import curation
from tests.community import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def planned(session):
    """A session whose agenda adds up: one accepted question for all 90 minutes."""
    Question.objects.create(
        session=session,
        author=factories.member(),
        title="Pacing with a client who floods",
        body="Client M., 34, referred by her GP",
        status=Question.Status.ACCEPTED,
        agenda_position=1,
        time_budget_minutes=90,
    )
    return session


def publish(client, session):
    return client.post(
        reverse("coaching_sessions:agenda", args=[session.pk]), {"publish": "1"}
    )


def agenda_emails():
    return [m for m in mail.outbox if "agenda" in m.subject]


def test_the_publishing_request_sends_no_email_itself(
    client, director, member, planned, django_capture_on_commit_callbacks
):
    client.force_login(director)
    with django_capture_on_commit_callbacks(execute=False) as queued:
        response = publish(client, planned)

    assert response.status_code == 302
    planned.refresh_from_db()
    assert planned.status == CoachingSession.Status.AGENDA_PUBLISHED
    assert mail.outbox == []
    assert len(queued) == 1

    queued[0]()  # the commit: the task runs (synchronously in tests)
    recipients = sorted(m.to[0] for m in agenda_emails())
    assert member.email in recipients
    assert len(recipients) == len(set(recipients))


def test_the_task_takes_only_the_session_id(
    director, planned, django_capture_on_commit_callbacks, monkeypatch
):
    calls = []
    monkeypatch.setattr(
        "sessions.services.curation.async_task",
        lambda *args, **kwargs: calls.append((args, kwargs)),
    )
    with django_capture_on_commit_callbacks(execute=True):
        curation.agenda_publish(session=planned)
    [(args, _kwargs)] = calls
    assert args == ("sessions.tasks.send_agenda_emails", planned.pk)


def test_running_the_task_twice_sends_one_email_per_member(member, planned):
    other = factories.member()
    CoachingSession.objects.filter(pk=planned.pk).update(
        status=CoachingSession.Status.AGENDA_PUBLISHED
    )
    first = tasks.send_agenda_emails(planned.pk)
    second = tasks.send_agenda_emails(planned.pk)

    assert second == 0
    recipients = sorted(m.to[0] for m in agenda_emails())
    assert member.email in recipients and other.email in recipients
    assert len(recipients) == len(set(recipients)) == first
    assert (
        SentReminder.objects.filter(
            kind=SentReminder.Kind.AGENDA, session=planned
        ).count()
        == first
    )


def test_two_workers_each_send_only_what_they_claimed(member, planned):
    """The second worker finds some members already claimed by the first (their
    claim rows are there) and sends to the others only."""
    others = [factories.member() for _ in range(2)]
    CoachingSession.objects.filter(pk=planned.pk).update(
        status=CoachingSession.Status.AGENDA_PUBLISHED
    )
    SentReminder.objects.create(
        kind=SentReminder.Kind.AGENDA, session=planned, user=member
    )

    tasks.send_agenda_emails(planned.pk)

    recipients = [m.to[0] for m in agenda_emails()]
    assert member.email not in recipients
    assert len(recipients) == len(set(recipients))
    for other in others:
        assert other.email in recipients


def test_a_claim_taken_between_reading_and_sending_is_skipped(
    member, planned, monkeypatch
):
    """Another worker inserts its claim after this one listed who was still due:
    the unique constraint makes this one skip that member, not send twice."""
    from sessions.services import emails

    CoachingSession.objects.filter(pk=planned.pk).update(
        status=CoachingSession.Status.AGENDA_PUBLISHED
    )
    real_claim = emails.send_once

    def racing(*, kind, session, user, **kwargs):
        if user == member:
            SentReminder.objects.create(kind=kind, session=session, user=user)
        return real_claim(kind=kind, session=session, user=user, **kwargs)

    monkeypatch.setattr("sessions.tasks.send_once", racing)
    tasks.send_agenda_emails(planned.pk)
    assert member.email not in [m.to[0] for m in agenda_emails()]


def test_agenda_emails_respect_the_setting_and_carry_no_question_text(member, planned):
    quiet = factories.member()
    NotificationPreferences.objects.create(user=quiet, session_agenda_published=False)
    factories.lapsed_member()
    CoachingSession.objects.filter(pk=planned.pk).update(
        status=CoachingSession.Status.AGENDA_PUBLISHED
    )
    tasks.send_agenda_emails(planned.pk)
    recipients = [m.to[0] for m in agenda_emails()]
    assert member.email in recipients and quiet.email not in recipients
    for email in agenda_emails():
        assert "Pacing" not in email.body and "Client M." not in email.body
        assert "Pacing" not in email.subject


def test_a_session_no_longer_published_sends_nothing(member, planned):
    CoachingSession.objects.filter(pk=planned.pk).update(
        status=CoachingSession.Status.CANCELLED
    )
    assert tasks.send_agenda_emails(planned.pk) == 0
    assert tasks.send_agenda_emails(999_999) == 0
    assert mail.outbox == []


def test_publishing_again_queues_nothing(
    director, planned, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as first:
        curation.agenda_publish(session=planned)
    with django_capture_on_commit_callbacks(execute=True) as again:
        curation.agenda_publish(session=planned)
    assert len(first) == 1 and again == []
