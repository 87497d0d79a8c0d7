"""Export and erasure are complete: every model that points at a person is
answered for by a registered part (community.data_rights), the export holds each
kind of thing a member leaves, and deletion leaves nothing private behind."""

import json
from datetime import timedelta

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import connection
from django.utils import timezone
from machina.test.factories.conversation import PostFactory, create_topic

from community import data_rights
from community.models import DELETED_MEMBER_NAME
from courses.models import Certificate, LessonProgress
from courses.services import lesson_mark_complete
from forum.models import ModerationDecision, PostFlag, PostRevision
from memberships.models import StripeEvent
from sessions.models import CalendarToken, CoachingSession, Question, Vote
from tests.community import factories
from tests.courses.conftest import build_course, lessons_of

# Models that point at a user but belong to no part, each with the reason. The
# account is never deleted (it stays as a tombstone), so nothing here goes by
# CASCADE: these are kept on purpose. All of them are the CMS's editorial record,
# which only staff reach; members never have rows in them. (allauth's
# EmailAddress and Authenticator are not here: the account's part deletes them,
# as CASCADE would if the row went. django.contrib.sessions' Session has no
# foreign key; a deleted account's other sessions end because its password hash,
# part of every session, changes.)
ALLOWED = {
    # Django admin's and Wagtail's audit trails: who changed what is the
    # accountability record of staff work, kept as the audit trail is.
    "admin.LogEntry": "Django admin's audit trail of staff actions",
    "wagtailcore.ModelLogEntry": "Wagtail's audit trail of staff actions",
    "wagtailcore.PageLogEntry": "Wagtail's audit trail of page changes",
    # Editorial work product: pages, their revisions and workflow, media, and
    # the editors' comments on drafts belong to the site, not to their author.
    "wagtailcore.Page": "page owner and lock: editorial, SET_NULL",
    "wagtailcore.Revision": "page and snippet revisions: editorial content",
    "wagtailcore.WorkflowState": "publishing workflow record",
    "wagtailcore.TaskState": "publishing workflow record",
    "wagtailcore.Comment": "editors' comments on draft pages",
    "wagtailcore.CommentReply": "editors' replies on draft pages",
    "wagtailcore.UploadedFile": "an editor's upload waiting for its metadata",
    "wagtailimages.Image": "site media; uploader is SET_NULL",
    "wagtaildocs.Document": "site media; uploader is SET_NULL",
}

PRIVATE = "PRIVATE-ERASURE-MARKER"
CASE_CONTEXT = "CASE-CONTEXT-MARKER: client is a 34-year-old teacher"
EMAIL = "erasure.marker.person@example.org"


def _user_relations(model) -> list[str]:
    """Fields declared on ``model`` itself (not inherited from a parent table)
    that point at the user model: foreign keys, one-to-ones, many-to-manys."""
    user_model = get_user_model()
    return [
        field.name
        for field in model._meta.get_fields()
        if field.is_relation
        and not field.auto_created
        and field.related_model is user_model
        and getattr(field, "model", None) is model
    ]


def test_every_model_that_points_at_a_person_is_answered_for():
    covered = data_rights.covered_models()
    pointing = {
        model._meta.label
        for model in apps.get_models()
        if not model._meta.proxy and _user_relations(model)
    }
    assert {"forum_member.ForumProfile", "forum_conversation.Post"} <= pointing
    forgotten = sorted(pointing - covered - set(ALLOWED))
    assert forgotten == [], "Register these in an app's data_rights, or allow them"
    assert not covered & set(ALLOWED), "A model is both covered and allowed"


def test_registered_and_allowed_models_exist():
    for label in data_rights.covered_models() | set(ALLOWED):
        apps.get_model(label)  # raises LookupError on a typo


def test_the_registry_refuses_two_parts_with_one_section(monkeypatch):
    monkeypatch.setattr(data_rights, "_parts", [])
    part = {
        "models": ["community.NotificationPreferences"],
        "export": lambda *, user: ("same", 1),
        "erase": lambda *, user: None,
    }
    data_rights.register(**part)
    data_rights.register(**part)  # the same part again: no change
    assert len(data_rights.parts()) == 1
    data_rights.register(**{**part, "export": lambda *, user: ("same", 2)})
    with pytest.raises(RuntimeError, match="same"):
        data_rights.export_all(user=None)


# --- one member with one of everything --------------------------------------------


def _text_hits(marker: str) -> list[str]:
    """Every table.column whose text holds ``marker``, read from the database
    itself, so that a table no part knows of is searched too."""
    hits = []
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            columns = [
                c.name
                for c in connection.introspection.get_table_description(cursor, table)
            ]
            for column in columns:
                cursor.execute(
                    f"SELECT 1 FROM {quote(table)} "  # noqa: S608 (names from the DB)
                    f"WHERE CAST({quote(column)} AS TEXT) LIKE %s LIMIT 1",
                    [f"%{marker}%"],
                )
                if cursor.fetchone():
                    hits.append(f"{table}.{column}")
    return hits


@pytest.fixture
def everything(db, library):
    """A member who used every part of the site, and a colleague who answered."""
    from machina.apps.forum.models import Forum
    from machina.apps.forum_member.models import ForumProfile

    member = factories.member(user__email=EMAIL, stripe_customer_id="cus_ErasureMarker")
    colleague = factories.member()
    forum = Forum.objects.get(slug="case-discussions")

    topic = create_topic(forum=forum, poster=member, subject="Pacing in trauma work")
    head = PostFactory(
        topic=topic, poster=member, subject=topic.subject, content="Public question."
    )
    answer = PostFactory(topic=topic, poster=colleague, content="Colleague's answer.")
    other_topic = create_topic(forum=forum, poster=colleague, subject="Supervision")
    PostFactory(topic=other_topic, poster=colleague, content="Colleague's topic.")
    reply = PostFactory(topic=other_topic, poster=member, content="Member's reply.")
    PostFactory(
        topic=other_topic, poster=member, approved=False, content=f"{PRIVATE} pending"
    )
    PostRevision.objects.create(
        post=head, subject="Old", content=f"{PRIVATE} earlier", edited_by=member
    )
    ModerationDecision.objects.create(
        action=ModerationDecision.Action.REJECTED,
        post_author=member,
        topic_subject=f"{PRIVATE} rejected subject",
        content=f"{PRIVATE} rejected text",
        note="Please de-identify.",
    )
    PostFlag.objects.create(
        post=answer, flagged_by=member, reason="other", note=f"{PRIVATE} flag note"
    )
    profile, _ = ForumProfile.objects.get_or_create(user=member)
    profile.signature = f"{PRIVATE} signature"
    profile.save()
    topic.subscribers.add(member)

    now = timezone.now()
    upcoming = CoachingSession.objects.create(
        title="Next session",
        starts_at=now + timedelta(days=7),
        questions_close_at=now + timedelta(days=5),
        meeting_url="https://meet.example.org/c",
    )
    held = CoachingSession.objects.create(
        title="Held session",
        starts_at=now - timedelta(days=7),
        questions_close_at=now - timedelta(days=9),
        meeting_url="https://meet.example.org/c",
        status=CoachingSession.Status.DONE,
    )
    answered = Question.objects.create(
        session=held,
        author=member,
        title="Answered question",
        body="How do I pace?",
        context=CASE_CONTEXT,
        status=Question.Status.ANSWERED,
    )
    for status in (Question.Status.SUBMITTED, Question.Status.WITHDRAWN):
        Question.objects.create(
            session=upcoming,
            author=member,
            title=f"{PRIVATE} {status} title",
            body=f"{PRIVATE} body",
            context=CASE_CONTEXT,
            status=status,
        )
    colleagues_question = Question.objects.create(
        session=upcoming, author=colleague, title="Colleague's question", body="?"
    )
    Vote.objects.create(question=colleagues_question, user=member)
    Question.objects.filter(pk=colleagues_question.pk).update(vote_count=1)
    token = CalendarToken.objects.create(user=member)

    course = build_course(library[0], lessons_per_module=(1,))
    certificate = lesson_mark_complete(user=member, lesson=lessons_of(course)[0])

    StripeEvent.objects.create(
        event_id="evt_erasure",
        type="invoice.paid",
        stripe_created=now,
        payload={
            "id": "evt_erasure",
            "type": "invoice.paid",
            "data": {
                "object": {"customer": "cus_ErasureMarker", "customer_email": EMAIL}
            },
        },
        outcome=StripeEvent.Outcome.PROCESSED,
        note=f"{EMAIL}: paid 8900",  # written before notes named the user id
    )
    return {
        "member": member,
        "topic": topic,
        "head": head,
        "answer": answer,
        "reply": reply,
        "answered": answered,
        "colleagues_question": colleagues_question,
        "token": token,
        "certificate": certificate,
    }


def test_the_export_holds_one_of_everything(client, everything):
    client.force_login(everything["member"])
    data = json.loads(client.post("/account/export/").content)

    assert data["account"]["email"] == EMAIL
    assert data["membership"]["state"] == "active"
    forum = data["forum"]
    assert {p["text"] for p in forum["posts"]} >= {
        "Public question.",
        "Member's reply.",
        f"{PRIVATE} pending",
    }
    assert forum["earlier_versions"][0]["text"] == f"{PRIVATE} earlier"
    assert forum["rejected_posts"][0]["text"] == f"{PRIVATE} rejected text"
    assert forum["flags"][0]["note"] == f"{PRIVATE} flag note"
    assert forum["signature"] == f"{PRIVATE} signature"
    assert "Pacing in trauma work" in forum["followed_topics"]
    sessions = data["coaching_sessions"]
    answered = next(q for q in sessions["questions"] if q["status"] == "answered")
    assert answered["title"] == "Answered question"
    assert answered["body"] == "How do I pace?"
    assert answered["case_context"] == CASE_CONTEXT
    assert {q["status"] for q in sessions["questions"]} == {
        "answered",
        "submitted",
        "withdrawn",
    }
    assert sessions["votes"][0]["question"] == "Colleague's question"
    assert sessions["calendar_feed"]["token"] == everything["token"].token
    assert data["course"]["lessons"][0]["completed"]
    assert data["course"]["certificates"][0]["code"] == everything["certificate"].code


def test_deletion_leaves_nothing_private_and_keeps_the_threads(client, everything):
    from tests.community.factories import PASSWORD

    member = everything["member"]
    # The search would pass on an empty database: it must see the markers first.
    assert "coaching_sessions_question.context" in _text_hits(CASE_CONTEXT)
    assert _text_hits(PRIVATE) and _text_hits(EMAIL)

    client.force_login(member)
    response = client.post("/account/delete/", {"password": PASSWORD, "confirm": "on"})
    assert response.status_code == 302

    assert _text_hits(EMAIL) == []
    assert _text_hits(CASE_CONTEXT) == []
    assert _text_hits(PRIVATE) == []

    # What others read and answered stays, from "Deleted member".
    head = type(everything["head"]).objects.get(pk=everything["head"].pk)
    assert str(head.poster) == DELETED_MEMBER_NAME
    assert head.topic.posts.filter(pk=everything["answer"].pk).exists()
    assert type(head).objects.filter(pk=everything["reply"].pk).exists()
    answered = Question.objects.get(pk=everything["answered"].pk)
    assert answered.body == "How do I pace?" and answered.context == ""
    # The rest of their questions, and their vote, are gone.
    assert list(Question.objects.filter(author=member)) == [answered]
    assert not Vote.objects.filter(user=member).exists()
    assert Question.objects.get(pk=everything["colleagues_question"].pk).vote_count == 0
    # A flag they raised still reaches the director, without their note.
    assert PostFlag.objects.get(flagged_by=member).note == ""
    assert not PostRevision.objects.exists()
    assert not ModerationDecision.objects.filter(post_author=member).exists()
    assert not CalendarToken.objects.filter(user=member).exists()
    assert not LessonProgress.objects.filter(user=member).exists()
    assert not Certificate.objects.filter(user=member).exists()
    assert not everything["topic"].subscribers.filter(pk=member.pk).exists()
    note = StripeEvent.objects.get(event_id="evt_erasure").note
    assert note == f"user {member.pk}: paid 8900"


def test_a_refused_deletion_erases_nothing(client, everything, monkeypatch):
    """Billing refuses when Stripe cannot cancel: every part is rolled back."""
    from django.core.exceptions import ValidationError

    from tests.community.factories import PASSWORD

    def refuse(*, user):
        raise ValidationError("Stripe is unreachable.")

    monkeypatch.setattr("memberships.data_rights.membership_on_account_deleted", refuse)
    client.force_login(everything["member"])
    response = client.post("/account/delete/", {"password": PASSWORD, "confirm": "on"})
    assert response.status_code == 400
    assert "Stripe is unreachable." in response.content.decode()
    assert _text_hits(CASE_CONTEXT)
    assert CalendarToken.objects.filter(user=everything["member"]).exists()


def test_deletion_ends_the_members_other_sessions(client, everything):
    from django.test import Client

    from tests.community.factories import PASSWORD

    other_device = Client()
    other_device.force_login(everything["member"])
    assert other_device.get("/account/").status_code == 200
    client.force_login(everything["member"])
    client.post("/account/delete/", {"password": PASSWORD, "confirm": "on"})
    assert other_device.get("/account/").status_code == 302
