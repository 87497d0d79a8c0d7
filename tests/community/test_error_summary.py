"""The error summary (templates/includes/_error_summary.html) on every kind of
form: the shared form include, session questions, forum posts and consultation
requests. It comes first in the form, links each error to its field, and the
form posts to "#error-summary" so that the page opens there without JavaScript.
"""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone
from machina.apps.forum.models import Forum
from machina.apps.forum_conversation.models import Topic

from consultations.models import Case
from sessions.models import CoachingSession, Question
from tests.community import factories
from tests.consultations.factories import case_in
from tests.consultations.request_helpers import REQUEST, edit_url

pytestmark = pytest.mark.django_db

QUESTION = {
    "title": "Pacing with a client who floods",
    "body": "How do I slow things down without signalling that it is too much?",
    "context": "",
}
IDENTIFYING = "Her name is Maria Gonzales, DOB 03/14/1987."
CONTROLS = ["input", "select", "textarea"]


def _session():
    starts_at = timezone.now() + timedelta(days=7)
    return CoachingSession.objects.create(
        title="Group coaching session",
        starts_at=starts_at,
        questions_close_at=starts_at - timedelta(hours=48),
        meeting_url="https://meet.example.org/coaching",
        duration_minutes=90,
    )


def _detail(session):
    return reverse("coaching_sessions:detail", args=[session.pk])


def _summary(response):
    """The page, and its one error summary (which must be well formed)."""
    page = BeautifulSoup(response.content.decode(), "html.parser")
    summaries = page.select("[data-error-summary]")
    assert len(summaries) == 1, "one error summary"
    summary = summaries[0]
    assert summary["id"] == "error-summary"
    assert summary["role"] == "alert" and summary["tabindex"] == "-1"
    heading = page.find(id=summary["aria-labelledby"])
    assert heading in summary.find_all("h2")
    assert heading.get_text(strip=True) == "There is a problem"
    return page, summary


def _linked_fields(page, summary):
    """The fields the summary links to, each checked for its error's wiring."""
    fields = {}
    for link in summary.select("a[href^='#']"):
        field = page.find(id=link["href"][1:])
        assert field is not None, f"{link['href']} is on the page"
        described_by = field
        if field.name not in CONTROLS:  # a group of choices: its container
            described_by = field.find_parent("fieldset")
            field = field.find(CONTROLS)
        assert field.get("aria-invalid") == "true"
        described = described_by.get("aria-describedby", "").split()
        error = page.find(id=f"{link['href'][1:]}_error")
        assert error is not None and error["id"] in described
        # The summary may name the field before a generic message ("Title: ...").
        shown = link.get_text(strip=True)
        error_text = error.get_text(" ", strip=True).lower()
        assert shown.lower() in error_text or shown.split(": ", 1)[-1] in error_text
        fields[link["href"][1:]] = link.get_text(strip=True)
    return fields


def _comes_before(page, first, second):
    elements = page.find_all(True)
    return elements.index(first) < elements.index(second)


def test_a_question_that_trips_the_privacy_guard_opens_at_the_summary(client, member):
    session = _session()
    client.force_login(member)
    response = client.post(_detail(session), {**QUESTION, "context": IDENTIFYING})
    assert response.status_code == 400
    page, summary = _summary(response)
    form = page.find("form", id="question-form")
    assert form["action"] == "#error-summary"
    assert summary in form.find_all(True), "the summary is in the form"
    assert _comes_before(page, summary, page.find(id="id_title"))
    fields = _linked_fields(page, summary)
    assert list(fields) == ["id_privacy_confirmed"]
    assert "tick this box" in fields["id_privacy_confirmed"]
    assert page.select_one(".privacy-check") is not None
    assert page.find(id="id_context").get_text().strip() == IDENTIFYING, (
        "the text is kept"
    )
    assert not Question.objects.exists()


def test_a_question_without_a_title_links_to_the_title(client, member):
    session = _session()
    client.force_login(member)
    response = client.post(_detail(session), {**QUESTION, "title": ""})
    assert response.status_code == 400
    page, summary = _summary(response)
    fields = _linked_fields(page, summary)
    assert list(fields) == ["id_title"]
    # Named in the summary: read far from the field, "This field is required."
    # would say nothing (the field's own message stays short).
    assert fields["id_title"] == "Title: this field is required."
    assert page.find(id="id_body").get("aria-invalid") is None


def test_an_error_of_no_field_is_plain_text_in_the_summary(client, member, settings):
    settings.SESSION_QUESTIONS_PER_MEMBER = 1
    session = _session()
    client.force_login(member)
    assert client.post(_detail(session), QUESTION).status_code == 302
    response = client.post(_detail(session), {**QUESTION, "title": "Another"})
    assert response.status_code == 400
    page, summary = _summary(response)
    assert "up to 1 question" in summary.get_text()
    assert not summary.select("a")


def test_a_page_without_errors_has_no_summary(client, member):
    session = _session()
    client.force_login(member)
    html = client.get(_detail(session)).content.decode()
    assert "data-error-summary" not in html and "There is a problem" not in html
    response = client.post(_detail(session), QUESTION)
    assert response.status_code == 302


def test_editing_a_question_shows_the_summary_and_others_are_refused(client, member):
    session = _session()
    client.force_login(member)
    client.post(_detail(session), QUESTION)
    url = reverse("coaching_sessions:question-edit", args=[Question.objects.get().pk])
    response = client.post(url, {**QUESTION, "body": ""})
    assert response.status_code == 400
    page, summary = _summary(response)
    assert page.find("form", id="question-form")["action"] == "#error-summary"
    assert list(_linked_fields(page, summary)) == ["id_body"]

    client.force_login(factories.member())
    response = client.post(url, {**QUESTION, "body": ""})
    assert response.status_code == 404
    assert "There is a problem" not in response.content.decode()


def _topic_create(client, **data):
    forum = Forum.objects.get(slug="case-discussions")
    url = reverse("forum_conversation:topic_create", args=[forum.slug, forum.pk])
    return client.post(
        url, {"subject": "Cancellations", "topic_type": Topic.TOPIC_POST, **data}
    )


def test_an_empty_forum_post_links_to_its_text(client, member):
    client.force_login(member)
    response = _topic_create(client, content="   ")
    page, summary = _summary(response)
    form = page.select_one("form.post-form")
    assert form["action"] == ".#error-summary"
    assert _comes_before(page, summary, page.find(id="id_subject"))
    assert list(_linked_fields(page, summary)) == ["id_content"]
    assert "Please correct the errors below" not in response.content.decode()
    assert not Topic.objects.exists()


def test_a_forum_post_that_trips_the_privacy_guard_links_to_the_confirmation(
    client, member
):
    client.force_login(member)
    response = _topic_create(client, content=IDENTIFYING)
    page, summary = _summary(response)
    assert list(_linked_fields(page, summary)) == ["id_privacy_confirmed"]
    assert page.select_one(".privacy-check") is not None
    assert not Topic.objects.exists()


def test_a_consultation_request_sent_incomplete_links_to_each_missing_field(
    client, member
):
    case = case_in(Case.Status.DRAFT, requester=member, referral_question="")
    client.force_login(member)
    data = {**REQUEST, "referral_question": "", "risk_notes": "", "action": "submit"}
    response = client.post(edit_url(case), data)
    assert response.status_code == 400
    page, summary = _summary(response)
    assert page.find("form", id="request-form")["action"] == (
        f"{edit_url(case)}#error-summary"
    )
    fields = _linked_fields(page, summary)
    assert {"id_referral_question", "id_risk_notes"} <= set(fields)
    case.refresh_from_db()
    assert case.status == Case.Status.DRAFT


def test_another_members_consultation_request_is_refused(client, member):
    case = case_in(Case.Status.DRAFT, requester=member)
    client.force_login(factories.member())
    response = client.post(edit_url(case), {**REQUEST, "action": "submit"})
    assert response.status_code in (403, 404)
    assert "There is a problem" not in response.content.decode()


def test_every_form_of_the_shared_include_gets_the_summary(client, member):
    client.force_login(member)
    response = client.post(
        reverse("account:profile"),
        {"display_name": "", "orientations": ["99999"], "time_zone": "UTC"},
    )
    assert response.status_code == 400
    page, summary = _summary(response)
    fields = _linked_fields(page, summary)
    assert {"id_display_name", "id_orientations"} <= set(fields)


def test_the_summary_names_a_field_only_for_the_generic_message():
    """A question label keeps its own mark; a form's own message is left alone."""
    from django import forms

    from community.templatetags.sentences import naming

    class Form(forms.Form):
        why = forms.CharField(label="Why are you flagging this post?")
        states = forms.CharField(
            label="States", error_messages={"required": "Choose at least one state."}
        )

    form = Form(data={})
    assert not form.is_valid()
    assert naming(form.errors["why"][0], form["why"]) == (
        "Why are you flagging this post? This field is required."
    )
    assert naming(form.errors["states"][0], form["states"]) == (
        "Choose at least one state."
    )
