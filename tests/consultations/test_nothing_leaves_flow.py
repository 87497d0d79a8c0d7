"""Nothing clinical leaves the site, across one whole consultation driven over
HTTP, each person signed in as themselves.

A member writes a request with a marker word in every free-text field, attaches
a file with its own marker and records the patient's consent; the director
waives the fee, accepts and offers the case to three consultants; the first
declines (with a reason), the second's offer is reminded twice and lapses, and
the sweep re-offers to the third, who accepts. The lead asks the therapist a
question, is reminded of the due time, is escalated and given more time,
interviews the patient, holds the conference with a panel member the director
adds, writes the report, has it returned by an attending and approved, and the
therapist acknowledges it. A second request is returned and then declined by
the director, each time with a note.

Whatever leaves the site (every email as sent, every django-q2 task, every
calendar file served for the case, every log record) carries none of the
marker words, and the emails that should go out did, each with the case's
reference and a link. ``tests/community/test_nothing_leaves.py`` renders every
template with markers; this test runs the real flow behind them.
"""

import email.message
import logging
from collections import Counter
from contextlib import contextmanager
from datetime import timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from consultations import emails as consultation_emails
from consultations import report_sections, timers
from consultations.models import Case, Offer
from consultations.selectors.requests import current_consent
from tests.community import factories as people
from tests.consultations.factories import attending, consultant
from tests.consultations.request_helpers import pdf_bytes, upload

pytestmark = pytest.mark.django_db
Status = Case.Status

# Every marker holds this word: finding it anywhere is a leak.
MARK = "zebrafinch"


def marker(field: str) -> str:
    return f"{MARK}-{field}"


REQUEST = {
    "referral_question": f"How to reach a patient who {marker('referral')} withdraws?",
    "modality": f"Psychodynamic {marker('modality')}",
    "frequency": f"Weekly {marker('frequency')}",
    "duration": f"Eight months {marker('duration')}",
    "tried": f"Exposure work, then {marker('tried')} schema work.",
    "case_summary": f"A woman in her thirties, low mood, {marker('summary')}.",
    "risk_notes": f"Passive ideation, a safety plan, {marker('risk')}.",
    "urgency": "standard",
}
ATTACHMENT_NAME = f"{marker('filename')}.pdf"
ATTACHMENT_TEXT = f"Session notes. The patient {marker('attachment')} withdrew."
REPORT = {
    key: f"The {key} section, {marker(f'report-{key}')}."
    for key in report_sections.section_keys()
}
VIDEO_LINK = f"https://meet.example.org/{marker('videolink')}"
TEXTS = {
    "decline_reason": f"I may know this patient: {marker('declinereason')}.",
    "question": f"Does the withdrawal follow {marker('question')} conflict?",
    "answer": f"Yes, after her mother calls, {marker('answer')}.",
    "interview": f"Interview: guarded, {marker('interview')}.",
    "conference_note": f"Lead's view: {marker('conferencenote')}.",
    "minutes": f"Minutes: the panel agrees on {marker('minutes')}.",
    "panel_reply": f"Panel: consider {marker('panelreply')}.",
    "signoff_comments": f"Say more about {marker('signoffcomments')}.",
    "revised": f"Revised formulation, {marker('revised')}.",
    "return_note": f"Say more about the sleep, {marker('returnnote')}.",
    "resent_summary": f"Sleep is broken since spring, {marker('resent')}.",
    "decline_note": f"Beyond what the pool offers, {marker('declinenote')}.",
}
LINK = "http://testserver/consultations/"


# What leaves the site, collected ------------------------------------------------


class Leaving:
    """The emails as the mail provider gets them (each tagged with the
    template that made it), the tasks queued and the calendar files served."""

    def __init__(self):
        self.kinds: dict[int, str] = {}  # outbox row id -> template kind
        self.sent: list[tuple[str, object]] = []  # (kind, message)
        self.tasks: list[tuple[object, tuple, dict]] = []
        self.calendars: dict[str, bytes] = {}

    def kinds_to(self, user) -> Counter:
        return Counter(kind for kind, m in self.sent if user.email in m.to)


@pytest.fixture
def leaving(monkeypatch, settings):
    """Email goes through the project's real outbox and django-q2 (run inline
    by the test settings), so a message is what the delivering task sends."""
    import django_q.tasks

    import community.mail
    from community.models import OutgoingEmail

    settings.EMAIL_BACKEND = "community.mail.QueuedEmailBackend"
    settings.QUEUED_EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    seen = Leaving()
    real_send = consultation_emails.send_templated_mail
    real_async = django_q.tasks.async_task

    def send_templated_mail(*, template, to, context):
        real_send(template=template, to=to, context=context)
        row = OutgoingEmail.objects.latest("pk")
        seen.kinds[row.pk] = template.rsplit("/", 1)[-1]

    def async_task(func, *args, **kwargs):
        seen.tasks.append((func, args, kwargs))
        before = len(mail.outbox)
        result = real_async(func, *args, **kwargs)
        kind = seen.kinds.get(args[0], "other") if args else "other"
        seen.sent.extend((kind, message) for message in mail.outbox[before:])
        return result

    monkeypatch.setattr(consultation_emails, "send_templated_mail", send_templated_mail)
    monkeypatch.setattr(community.mail, "async_task", async_task)
    monkeypatch.setattr(django_q.tasks, "async_task", async_task)
    return seen


@pytest.fixture
def every_log_record(caplog):
    """Every logger at DEBUG, including those the settings quieten and any that
    does not propagate to the root."""
    caplog.set_level(logging.DEBUG)
    added = []
    for name, found in list(logging.root.manager.loggerDict.items()):
        if not isinstance(found, logging.Logger):
            continue
        caplog.set_level(logging.DEBUG, logger=name)
        if not found.propagate:
            found.addHandler(caplog.handler)
            added.append(found)
    yield caplog
    for found in added:
        found.removeHandler(caplog.handler)


# The checks ---------------------------------------------------------------------


def found_in(text) -> bool:
    return MARK in str(text).lower()


def message_texts(message) -> list[str]:
    """Everything of a message as sent: fields, headers, every part decoded."""
    texts = [
        message.subject,
        message.body,
        message.from_email,
        *message.to,
        *message.cc,
        *message.bcc,
        *message.reply_to,
        *(f"{k}: {v}" for k, v in message.extra_headers.items()),
    ]
    for content, mimetype in getattr(message, "alternatives", []):
        texts += [content, mimetype]
    for attachment in message.attachments:
        if isinstance(attachment, email.message.Message):
            texts.append(attachment.as_string())
        else:
            name, content, mimetype = attachment
            if isinstance(content, bytes):
                content = content.decode("latin-1")
            texts += [name, content, mimetype]
    mime = message.message()
    texts.append(mime.as_string())
    for part in mime.walk():
        texts += [f"{k}: {v}" for k, v in part.items()]
        payload = part.get_payload(decode=True)
        if payload:
            texts.append(payload.decode("utf-8", "replace"))
        if part.get_filename():
            texts.append(part.get_filename())
    return texts


def assert_no_email_leaks(messages):
    for kind, message in messages:
        leaked = [t for t in message_texts(message) if found_in(t)]
        assert not leaked, (kind, message.to, leaked)


def assert_no_task_leaks(tasks):
    from django_q.models import OrmQ, Task

    for func, args, kwargs in tasks:
        assert not found_in(f"{func} {args!r} {kwargs!r}"), (func, args, kwargs)
        assert all(type(arg) is int for arg in args), (func, args)
    for task in Task.objects.all():
        text = f"{task.name} {task.func} {task.args!r} {task.kwargs!r} {task.result!r}"
        assert not found_in(text), text
    for queued in OrmQ.objects.all():
        assert not found_in(f"{queued.key} {queued.payload}"), queued.payload


def unfolded(ics: bytes) -> str:
    return ics.decode().replace("\r\n ", "").replace("\r\n\t", "")


def assert_no_calendar_leaks(calendars: dict[str, bytes]):
    for name, ics in calendars.items():
        assert not found_in(unfolded(ics)), (name, unfolded(ics))
        for component in icalendar.Calendar.from_ical(ics).walk():
            for key, value in component.items():
                assert not found_in(value), (name, key, value)


def assert_no_log_leaks(records):
    for record in records:
        texts = [record.getMessage(), repr(record.args), record.exc_text or ""]
        if record.exc_info and record.exc_info[1] is not None:
            texts.append(repr(record.exc_info[1]))
        leaked = [t for t in texts if found_in(t)]
        assert not leaked, (record.name, record.levelname, leaked)


# The flow's steps ---------------------------------------------------------------


@pytest.fixture
def step(client, django_capture_on_commit_callbacks):
    """``with step(user):`` signs ``user`` in and sends what their actions
    queued once they commit (emails are queued on commit)."""

    @contextmanager
    def as_(user=None):
        if user is not None:
            client.force_login(user)
        with django_capture_on_commit_callbacks(execute=True):
            yield client

    return as_


def url(name: str, case, *args) -> str:
    return reverse(f"consultations:{name}", args=[case.pk, *args])


def director_url(case, action: str) -> str:
    return f"/consultations/director/{case.pk}/{action}/"


def refreshed(case) -> Case:
    case.refresh_from_db()
    return case


def pending_offer(case) -> Offer:
    return case.offers.get(status=Offer.Status.PENDING)


def assert_redirect(response):
    assert response.status_code == 302, response.content.decode()[:2000]


def new_request(client, *, attachment: bool = True) -> Case:
    assert_redirect(client.post(reverse("consultations:new")))
    case = Case.objects.latest("pk")
    data = {**REQUEST, "action": "save", "interview_requested": "on"}
    if attachment:
        data["attachment"] = upload(ATTACHMENT_NAME, pdf_bytes(ATTACHMENT_TEXT))
    assert_redirect(client.post(url("edit", case), data))
    return case


def give_consent(client, case):
    response = client.post(
        url("consent", case),
        {
            "version": current_consent().version,
            "obtained_on": timezone.localdate().isoformat(),
            "method": "video",
            "confirm": "on",
        },
    )
    assert_redirect(response)


def send_request(client, case, *, status=Status.SUBMITTED, **fields):
    data = {
        **REQUEST,
        "interview_requested": "on",
        "privacy_confirmed": "on",
        "action": "submit",
        **fields,
    }
    assert_redirect(client.post(url("edit", case), data))
    assert refreshed(case).status == status


def report_data(texts: dict, **extra) -> dict:
    data = {}
    for key in report_sections.section_keys():
        data[key] = texts[key]
        if key in ("question", "recommendations"):
            data[f"{key}_shareable"] = "on"
    return {**data, "privacy_confirmed": "on", **extra}


def offer_data(ranked) -> dict:
    data = {"at_once": 1}
    for rank, user in enumerate(ranked, start=1):
        data[f"pick_{user.pk}"] = "on"
        data[f"rank_{user.pk}"] = rank
    return data


def calendar_get(client, leaving: Leaving, name: str, path: str):
    response = client.get(path)
    assert response.status_code == 200, (name, response.status_code)
    assert response["Content-Type"].startswith("text/calendar"), name
    leaving.calendars[name] = response.content
    return response.content


def sweep_at(step, moment) -> dict:
    with step():
        return timers.sweep(now=moment)


# The whole consultation -----------------------------------------------------------


def test_a_whole_consultation_sends_reminders_and_leaks_no_clinical_text(
    step, leaving, every_log_record
):
    therapist, director = people.member(), people.director()
    decliner, lapser, lead = consultant(), consultant(), consultant()
    panelist, signer = consultant(), attending()

    # The therapist writes, attaches, records consent and sends.
    with step(therapist) as client:
        case = new_request(client)
        assert case.attachments.count() == 1
        give_consent(client, case)
    with step(therapist) as client:
        send_request(client, case)
    assert leaving.kinds_to(director)["new_request"] == 1

    # The director waives the fee, accepts and offers to three, ranked.
    with step(director) as client:
        assert_redirect(client.post(director_url(case, "waive-fee")))
        assert refreshed(case).status == Status.TRIAGE
        response = client.post(director_url(case, "triage"), {"decision": "accept"})
        assert_redirect(response)
        assert refreshed(case).status == Status.MATCHING
    with step(director) as client:
        response = client.post(
            director_url(case, "offer"), offer_data([decliner, lapser, lead])
        )
        assert_redirect(response)
    assert refreshed(case).status == Status.OFFERED
    assert leaving.kinds_to(decliner)["offer"] == 1

    # The first declines with a reason; the offer goes on to the second.
    with step(decliner) as client:
        offer = pending_offer(case)
        assert offer.consultant == decliner
        calendar_get(
            client,
            leaving,
            "decliner deadlines",
            reverse("consultations:reviewer-deadlines-ics"),
        )
        response = client.post(
            url("offer-decline", case, offer.pk),
            {f"decline-{offer.pk}-reason": TEXTS["decline_reason"]},
        )
        assert_redirect(response)
    declined = refreshed(case).offers.get(consultant=decliner)
    assert (declined.status, declined.decline_reason) == (
        "declined",
        TEXTS["decline_reason"],
    )
    assert leaving.kinds_to(director)["offer_declined"] == 1
    assert leaving.kinds_to(lapser)["offer"] == 1

    # The second is reminded halfway and near the end, then the offer lapses
    # and the sweep re-offers to the third.
    offer = pending_offer(case)
    assert offer.consultant == lapser
    with step(lapser) as client:
        calendar_get(client, leaving, "lapser case", url("reviewer-case-ics", case))
    half = offer.offered_at + (offer.accept_by - offer.offered_at) / 2
    assert sweep_at(step, half + timedelta(minutes=1))["reminders"] == 1
    assert sweep_at(step, offer.accept_by - timedelta(hours=1))["reminders"] == 1
    assert leaving.kinds_to(lapser)["offer_reminder"] == 2
    Offer.objects.filter(pk=offer.pk).update(
        accept_by=timezone.now() - timedelta(minutes=1)
    )
    with step():
        assert timers.sweep()["lapsed"] == 1
    assert refreshed(case).offers.get(consultant=lapser).status == "expired"
    assert leaving.kinds_to(lapser)["offer_expired"] == 1
    assert leaving.kinds_to(director)["offer_lapsed"] == 1
    assert leaving.kinds_to(lead)["offer"] == 1

    # The third reads the offer, saves its deadline and accepts.
    offer = pending_offer(case)
    assert offer.consultant == lead
    with step(lead) as client:
        assert client.get(url("case", case)).status_code == 200
        calendar_get(client, leaving, "lead offer", url("reviewer-case-ics", case))
        response = client.post(
            url("offer-accept", case, offer.pk),
            {f"accept-{offer.pk}-no_conflict": "on"},
        )
        assert_redirect(response)
    assert refreshed(case).status == Status.ACCEPTED and case.lead_reviewer == lead
    assert leaving.kinds_to(therapist)["reviewer_found"] == 1

    # The lead asks the therapist a question; the therapist answers.
    with step(lead) as client:
        calendar_get(
            client,
            leaving,
            "lead deadlines",
            reverse("consultations:reviewer-deadlines-ics"),
        )
        response = client.post(
            url("questions", case), {"questions-body": TEXTS["question"]}
        )
        assert_redirect(response)
    with step(therapist) as client:
        response = client.post(
            url("questions", case), {"questions-body": TEXTS["answer"]}
        )
        assert_redirect(response)
    assert case.messages.filter(thread="questions").count() == 2
    assert leaving.kinds_to(therapist)["team_question"] == 1
    assert leaving.kinds_to(lead)["team_question"] == 1

    # The delivery clock: two reminders, then overdue, then more time.
    case = refreshed(case)
    half = case.accepted_at + (case.due_at - case.accepted_at) / 2
    assert sweep_at(step, half + timedelta(minutes=1))["reminders"] == 1
    assert sweep_at(step, case.due_at - timedelta(hours=1))["reminders"] == 1
    assert leaving.kinds_to(lead)["due_reminder"] == 2
    Case.objects.filter(pk=case.pk).update(due_at=timezone.now() - timedelta(minutes=1))
    with step():
        assert timers.sweep()["overdue"] == 1
    assert refreshed(case).status == Status.ESCALATED
    assert leaving.kinds_to(director)["escalated"] == 1
    assert leaving.kinds_to(lead)["overdue"] == 1
    with step(director) as client:
        assert_redirect(client.post(director_url(case, "extend"), {"hours": 24}))
    assert refreshed(case).status == Status.ACCEPTED
    assert leaving.kinds_to(lead)["due_extended"] == 1

    # The conference: opened, the interview recorded, a panel member added by
    # the director, a live meeting scheduled, the discussion and its minutes.
    with step(lead) as client:
        assert_redirect(client.post(url("conference-open", case)))
        response = client.post(
            url("interview", case),
            {
                "interview-held_on": timezone.localdate().isoformat(),
                "interview-notes": TEXTS["interview"],
                "privacy_confirmed": "on",
            },
        )
        assert_redirect(response)
    assert refreshed(case).status == Status.IN_CONFERENCE
    assert case.interview.notes == TEXTS["interview"]
    with step(director) as client:
        response = client.post(url("panel-invite", case), {"panel-user": panelist.pk})
        assert_redirect(response)
    assert case.panel.filter(user=panelist).exists()
    assert leaving.kinds_to(panelist)["team_panel_invited"] == 1
    starts = timezone.now() + timedelta(days=3)
    typed = timezone.localtime(starts, ZoneInfo(lead.time_zone or "UTC"))
    with step(lead) as client:
        response = client.post(
            url("conference-schedule", case),
            {
                "schedule-starts_at": typed.strftime("%Y-%m-%dT%H:%M"),
                "schedule-minutes": 60,
                "schedule-url": VIDEO_LINK,
            },
        )
        assert_redirect(response)
    assert refreshed(case).conference_url == VIDEO_LINK
    assert leaving.kinds_to(panelist)["team_conference_scheduled"] == 1
    assert leaving.kinds_to(director)["team_conference_scheduled"] == 1
    for name, person in (("lead", lead), ("panel", panelist), ("director", director)):
        with step(person) as client:
            calendar_get(
                client, leaving, f"{name} conference", url("conference-ics", case)
            )
    for person, text in (
        (lead, TEXTS["conference_note"]),
        (director, TEXTS["minutes"]),
        (panelist, TEXTS["panel_reply"]),
    ):
        with step(person) as client:
            response = client.post(url("conference", case), {"conference-body": text})
            assert_redirect(response)
    assert case.messages.filter(thread="conference").count() == 3
    assert leaving.kinds_to(panelist)["team_conference_message"] == 2

    # The report: drafted, sent, returned with comments, sent again, approved.
    with step(lead) as client:
        assert_redirect(client.post(url("start-drafting", case)))
        response = client.post(
            url("report-edit", case), report_data(REPORT, action="save")
        )
        assert_redirect(response)
        response = client.post(
            url("report-edit", case), report_data(REPORT, action="submit")
        )
        assert_redirect(response)
    assert refreshed(case).status == Status.IN_SIGNOFF
    assert leaving.kinds_to(signer)["report_signoff"] == 1
    assert leaving.kinds_to(director)["report_signoff"] == 1
    with step(signer) as client:
        response = client.post(
            url("report-signoff", case),
            {"action": "return", "comments": TEXTS["signoff_comments"]},
        )
        assert_redirect(response)
    assert refreshed(case).status == Status.DRAFTING
    assert leaving.kinds_to(lead)["report_returned"] == 1
    revised = {**REPORT, "formulation": TEXTS["revised"]}
    with step(lead) as client:
        response = client.post(
            url("report-edit", case), report_data(revised, action="submit")
        )
        assert_redirect(response)
    with step(signer) as client:
        assert client.get(url("report-signoff", case)).status_code == 200
        assert_redirect(client.post(url("report-signoff", case), {"action": "approve"}))
    assert refreshed(case).status == Status.DELIVERED
    assert leaving.kinds_to(therapist)["report_ready"] == 1
    assert leaving.kinds_to(lead)["report_approved"] == 1

    # The therapist reads the report and acknowledges it.
    with step(therapist) as client:
        page = client.get(url("report", case)).content.decode()
        assert marker("report-question") in page  # the report is on the site
        response = client.post(
            url("report-acknowledge", case), {"helpful": "yes", "changes_plan": "no"}
        )
        assert_redirect(response)
    assert refreshed(case).status == Status.CLOSED

    # The texts were kept on the site: what follows checks they stayed there.
    stored = {name: getattr(case, name) for name in REQUEST}
    assert stored == REQUEST
    assert case.attachments.get().original_name == ATTACHMENT_NAME
    report = case.report
    assert report.sections["formulation"]["text"] == TEXTS["revised"]
    assert report.sections["risk"]["text"] == REPORT["risk"]
    assert report.signoff_comments == TEXTS["signoff_comments"]
    bodies = set(case.messages.values_list("body", flat=True))
    assert bodies == {
        TEXTS[key]
        for key in ("question", "answer", "conference_note", "minutes", "panel_reply")
    }

    # Each email named the case and linked to the site; none carried its text.
    assert len(leaving.sent) >= 30
    assert "other" not in {kind for kind, _ in leaving.sent}
    for kind, message in leaving.sent:
        assert LINK in message.body, (kind, message.body)
        if kind == "report_ready":
            assert url("report", case) in message.body
        else:
            assert case.reference in message.subject + message.body, (kind, message)
    assert_no_email_leaks(leaving.sent)
    assert [func for func, _, _ in leaving.tasks] == [
        "community.outbox.deliver_outgoing_email"
    ] * len(leaving.sent)
    assert_no_task_leaks(leaving.tasks)
    assert len(leaving.calendars) == 7
    for name, ics in leaving.calendars.items():
        assert case.reference in unfolded(ics), name
    assert_no_calendar_leaks(leaving.calendars)
    assert every_log_record.records  # the flow logged (requests, tasks)
    assert_no_log_leaks(every_log_record.records)


def test_a_returned_then_declined_request_sends_no_note_and_no_request_text(
    step, leaving, every_log_record
):
    therapist, director = people.member(), people.director()
    with step(therapist) as client:
        case = new_request(client)
        give_consent(client, case)
    with step(therapist) as client:
        send_request(client, case)
    with step(director) as client:
        assert_redirect(client.post(director_url(case, "waive-fee")))
        response = client.post(
            director_url(case, "triage"),
            {"decision": "return", "return-note": TEXTS["return_note"]},
        )
        assert_redirect(response)
    assert refreshed(case).status == Status.RETURNED
    assert case.director_note == TEXTS["return_note"]
    with step(therapist) as client:
        # The fee stays waived: sent again, it goes straight back to triage.
        send_request(
            client, case, status=Status.TRIAGE, case_summary=TEXTS["resent_summary"]
        )
    with step(director) as client:
        response = client.post(
            director_url(case, "triage"),
            {"decision": "decline", "decline-note": TEXTS["decline_note"]},
        )
        assert_redirect(response)
    assert refreshed(case).status == Status.DECLINED
    assert case.director_note == TEXTS["decline_note"]

    assert leaving.kinds_to(director) == Counter(
        {"new_request": 1, "request_resubmitted": 1}
    )
    assert leaving.kinds_to(therapist) == Counter(
        {"triage_returned": 1, "triage_declined": 1}
    )
    for kind, message in leaving.sent:
        assert LINK in message.body and case.reference in message.subject, kind
    assert_no_email_leaks(leaving.sent)
    assert_no_task_leaks(leaving.tasks)
    assert_no_log_leaks(every_log_record.records)


# The checks find what they look for ---------------------------------------------


def test_the_checks_catch_a_marker_in_any_part_of_an_email_a_task_a_log_or_a_calendar():
    """Each channel's check fails on a marker hidden where it could hide."""
    from django.core.mail import EmailMultiAlternatives

    def message(**parts):
        kwargs = {"subject": "Hello", "body": "Plain", "to": ["a@example.org"]}
        kwargs.update(parts.pop("init", {}))
        built = EmailMultiAlternatives(**kwargs)
        for content, mimetype in parts.get("alternatives", []):
            built.attach_alternative(content, mimetype)
        for attachment in parts.get("attachments", []):
            built.attach(*attachment)
        return built

    hidden = marker("probe")
    for leaky in (
        message(init={"subject": hidden}),
        message(init={"headers": {"X-Case": hidden}}),
        message(alternatives=[(f"<p>{hidden}</p>", "text/html")]),
        message(attachments=[("notes.txt", hidden.encode(), "text/plain")]),
        message(attachments=[(f"{hidden}.pdf", b"%PDF", "application/pdf")]),
    ):
        with pytest.raises(AssertionError):
            assert_no_email_leaks([("probe", leaky)])
    assert_no_email_leaks([("probe", message())])

    with pytest.raises(AssertionError):
        assert_no_task_leaks([("send", (1,), {"note": hidden})])
    record = logging.LogRecord("x", logging.DEBUG, "f", 1, "Saw %s", (hidden,), None)
    with pytest.raises(AssertionError):
        assert_no_log_leaks([record])
    calendar = icalendar.Calendar()
    event = icalendar.Event()
    event.add("SUMMARY", "Case conference")
    event.add("DESCRIPTION", "x" * 70 + hidden)  # folded across two lines
    calendar.add_component(event)
    with pytest.raises(AssertionError):
        assert_no_calendar_leaks({"probe": calendar.to_ical()})
