"""A new member's dashboard leads with a "Start here" checklist whose steps tick
themselves from what the member did; the member can hide it for good (a plain
form post, htmx only enhances); it costs a fixed number of queries; the
director's work-queue dashboard has none."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from machina.apps.forum.models import Forum
from machina.test.factories.conversation import PostFactory, create_topic

from community.models import User
from community.onboarding import start_here
from directory.models import DirectoryProfile
from sessions.models import CoachingSession, Question
from tests.community import factories
from tests.courses.conftest import build_course, lessons_of

pytestmark = pytest.mark.django_db

DISMISS = reverse("account:start-here-dismiss")
STEPS = ["profile", "introduce", "question", "course", "directory"]


def make_session(*, starts_in=timedelta(days=5)):
    starts_at = (timezone.now() + starts_in).replace(minute=0, second=0, microsecond=0)
    return CoachingSession.objects.create(
        title="Group coaching session",
        starts_at=starts_at,
        questions_close_at=starts_at - timedelta(hours=48),
        meeting_url="https://meet.example.org/coaching",
    )


@pytest.fixture
def course(library):
    return build_course(library[0], lessons_per_module=(2,))


@pytest.fixture
def newcomer(db):
    """A member who has just joined: no credentials, the default time zone."""
    return factories.member(user__time_zone="UTC", user__credentials="")


def dashboard(client, user) -> str:
    client.force_login(user)
    response = client.get(reverse("home"))
    assert response.status_code == 200
    return response.content.decode()


def steps_of(user, **kwargs) -> dict[str, bool]:
    checklist = start_here(user=User.objects.get(pk=user.pk), **kwargs)
    return {step.key: step.done for step in checklist.steps}


def do_everything(user, *, course, client, n: int = 1):
    """Every step done the way a member does it (the lesson through HTTP)."""
    User.objects.filter(pk=user.pk).update(
        credentials="LCSW", time_zone="America/Chicago"
    )
    forum = Forum.objects.get(slug="introductions")
    session = make_session()
    for i in range(n):
        topic = create_topic(forum=forum, poster=user, subject=f"Hello {i}")
        PostFactory(topic=topic, poster=user, subject=f"Hello {i}", content="Hi.")
        Question.objects.create(
            session=session, author=user, title=f"Q{i}", body="How to pace?"
        )
    DirectoryProfile.objects.create(user=user, listed=True)
    client.force_login(user)
    for lesson in lessons_of(course)[:n]:
        assert client.get(lesson.url).status_code == 200


def test_a_new_member_sees_every_step_to_do_with_its_link(client, newcomer, course):
    session = make_session()
    text = dashboard(client, newcomer)
    assert "Start here" in text and "0 of 5 done" in text
    for label in (
        "Complete your profile",
        "Introduce yourself in the forum",
        "Bring a question to a coaching session",
        "Start the course",
        "Join the member directory",
    ):
        assert label in text
    introductions = Forum.objects.get(slug="introductions")
    assert (
        reverse(
            "forum_conversation:topic_create",
            kwargs={"forum_slug": introductions.slug, "forum_pk": introductions.pk},
        )
        in text
    )
    assert reverse("account:profile") in text
    assert reverse("directory-account:profile") in text
    assert reverse("coaching_sessions:detail", args=[session.pk]) in text
    assert lessons_of(course)[0].url in text
    assert 'action="' + DISMISS + '"' in text


def test_each_step_ticks_itself_from_what_the_member_did(client, newcomer, course):
    from courses.selectors import dashboard_courses

    def steps():
        user = User.objects.get(pk=newcomer.pk)
        return steps_of(user, course_outlines=dashboard_courses(user=user))

    assert steps() == dict.fromkeys(STEPS, False)

    # Credentials alone are not enough: the time zone is still the default.
    User.objects.filter(pk=newcomer.pk).update(credentials="PhD")
    assert steps()["profile"] is False
    User.objects.filter(pk=newcomer.pk).update(time_zone="America/Chicago")
    assert steps()["profile"] is True

    forum = Forum.objects.get(slug="introductions")
    create_topic(forum=forum, poster=newcomer, subject="Hello")
    assert steps()["introduce"] is False  # a topic with no post is not a post
    PostFactory(topic=forum.topics.get(), poster=newcomer, content="Hi, I am Dana.")
    assert steps()["introduce"] is True

    Question.objects.create(
        session=make_session(), author=newcomer, title="Pacing", body="How?"
    )
    assert steps()["question"] is True

    client.force_login(newcomer)
    assert client.get(lessons_of(course)[0].url).status_code == 200
    assert steps()["course"] is True

    profile = DirectoryProfile.objects.create(user=newcomer, listed=False)
    assert steps()["directory"] is False  # a profile kept out of the list
    profile.listed = True
    profile.save()
    assert steps() == dict.fromkeys(STEPS, True)


def test_someone_else_s_activity_ticks_nothing(client, newcomer, course):
    do_everything(factories.member(), course=course, client=client)
    text = dashboard(client, newcomer)
    assert "0 of 5 done" in text


def test_when_every_step_is_done_the_card_says_all_set(client, newcomer, course):
    do_everything(newcomer, course=course, client=client)
    text = dashboard(client, newcomer)
    assert "You are all set" in text
    assert "of 5 done" not in text
    assert "Hide this card" in text


def test_the_question_step_links_to_the_session_list_when_none_is_scheduled(
    client, newcomer
):
    text = dashboard(client, newcomer)
    assert f'href="{reverse("coaching_sessions:list")}"' in text
    assert "Start the course" not in text  # no course open yet: no such step


def test_the_checklist_costs_the_same_queries_however_much_was_done(
    client, newcomer, course
):
    def count(user) -> int:
        user = User.objects.get(pk=user.pk)
        with CaptureQueriesContext(connection) as captured:
            start_here(user=user, course_outlines=[])
        return len(captured)

    fresh = count(newcomer)
    busy = factories.member()
    do_everything(busy, course=course, client=client, n=2)
    assert count(busy) == fresh <= 4
    busier = factories.member()
    do_everything(busier, course=course, client=client, n=1)
    for _ in range(5):
        Question.objects.create(
            session=make_session(), author=busier, title="More", body="More."
        )
    assert count(busier) == fresh


def test_the_whole_dashboard_stays_flat_as_the_member_does_more(client, course):
    def queries(user) -> int:
        client.force_login(user)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("home")).status_code == 200
        return len(captured)

    one, two = factories.member(), factories.member()
    do_everything(one, course=course, client=client, n=1)
    do_everything(two, course=course, client=client, n=2)
    assert queries(one) == queries(two)


def test_a_member_hides_the_card_without_javascript(client, newcomer):
    client.force_login(newcomer)
    response = client.post(DISMISS, follow=True)
    assert response.redirect_chain == [(reverse("home"), 302)]
    text = response.content.decode()
    assert "card is hidden" in text
    assert 'id="start-here"' not in text
    newcomer.refresh_from_db()
    assert newcomer.start_here_dismissed_at is not None
    assert 'id="start-here"' not in dashboard(client, newcomer)


def test_htmx_gets_a_status_line_in_place_of_the_card(client, newcomer):
    client.force_login(newcomer)
    response = client.post(DISMISS, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert 'role="status"' in response.content.decode()
    newcomer.refresh_from_db()
    assert newcomer.start_here_dismissed_at is not None


def test_a_second_dismissal_keeps_the_first_date(client, newcomer):
    client.force_login(newcomer)
    client.post(DISMISS)
    newcomer.refresh_from_db()
    first = newcomer.start_here_dismissed_at
    client.post(DISMISS)
    newcomer.refresh_from_db()
    assert newcomer.start_here_dismissed_at == first


def test_a_hidden_card_costs_no_query(newcomer):
    newcomer.start_here_dismissed_at = timezone.now()
    with CaptureQueriesContext(connection) as captured:
        assert start_here(user=newcomer) is None
    assert len(captured) == 0


def test_dismissing_is_a_post(client, newcomer):
    client.force_login(newcomer)
    assert client.get(DISMISS).status_code == 405
    newcomer.refresh_from_db()
    assert newcomer.start_here_dismissed_at is None


def test_a_visitor_is_sent_to_sign_in_and_nothing_changes(client):
    response = client.post(DISMISS)
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_an_account_without_membership_is_refused(client, signed_up, lapsed):
    for user in (signed_up, lapsed):
        client.force_login(user)
        response = client.post(DISMISS)
        assert response.status_code == 302
        assert response["Location"] != reverse("home")
        user.refresh_from_db()
        assert user.start_here_dismissed_at is None


def test_the_director_s_dashboard_has_no_start_here(client, director):
    text = dashboard(client, director)
    assert "Waiting for you" in text
    assert 'id="start-here"' not in text


def test_the_dismissal_is_in_the_member_s_data_export(newcomer):
    from community.selectors import account_export

    assert account_export(user=newcomer)[1]["start_here_dismissed_at"] is None
