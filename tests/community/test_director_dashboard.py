"""The director's dashboard leads with what waits for her, as counts with links:
the approval queue, open flags, the next session's questions (its cutoff in her
zone) and her consultations; its cost does not grow with the queues; members'
dashboards stay as they were."""

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from machina.test.factories.conversation import PostFactory, create_topic

from consultations.models import Case
from forum import services
from sessions.models import CoachingSession, Question
from tests.community import factories
from tests.consultations.factories import case_in

pytestmark = pytest.mark.django_db

Status = Case.Status


@pytest.fixture
def cases_forum(db):
    from machina.apps.forum.models import Forum

    return Forum.objects.get(slug="case-discussions")


def make_session(*, starts_in=timedelta(days=5), cutoff=timedelta(hours=48)):
    starts_at = (timezone.now() + starts_in).replace(minute=0, second=0, microsecond=0)
    return CoachingSession.objects.create(
        title="Group coaching session",
        starts_at=starts_at,
        questions_close_at=starts_at - cutoff,
        meeting_url="https://meet.example.org/coaching",
    )


def fill(*, forum, session, count: int):
    """``count`` of each kind of waiting item, and some that wait for nobody."""
    poster = factories.member()
    topic = create_topic(forum=forum, poster=poster, subject="A case")
    PostFactory(topic=topic, poster=poster, subject="A case", content="Text.")
    flagger = factories.member()
    for n in range(count):
        PostFactory(topic=topic, poster=poster, content=f"Wait {n}", approved=False)
        flagged = PostFactory(topic=topic, poster=poster, content=f"Flag {n}")
        services.flag_create(post=flagged, user=flagger, reason="spam")
        Question.objects.create(
            session=session, author=flagger, title=f"Q{n}", body="How to pace?"
        )
        case_in(Status.TRIAGE)
        case_in(Status.SUBMITTED, waiver_requested=True)
        case_in(Status.ESCALATED)


def dashboard(client, user):
    client.force_login(user)
    response = client.get(reverse("home"))
    assert response.status_code == 200
    return response


def test_the_director_s_dashboard_leads_with_counts_and_links(
    client, director, cases_forum
):
    session = make_session()
    later = make_session(starts_in=timedelta(days=19))
    fill(forum=cases_forum, session=session, count=3)
    # What waits for nobody is not counted.
    Question.objects.create(
        session=later, author=factories.member(), title="Later", body="Later."
    )
    Question.objects.create(
        session=session,
        author=factories.member(),
        title="Accepted",
        body="On the agenda.",
        status=Question.Status.ACCEPTED,
    )
    case_in(Status.MATCHING)
    case_in(Status.SUBMITTED)  # sent, the fee not settled: no waiver asked
    html = dashboard(client, director).content.decode()
    assert "3 forum posts waiting for approval" in html
    assert "3 flagged posts with open flags" in html
    assert f"3 questions to curate for {session.title}" in html
    assert "3 consultation requests in triage" in html
    assert "3 fee waivers requested" in html
    assert "1 more sent, awaiting the fee" in html
    assert "3 escalated cases" in html
    for url in (
        reverse("forum_moderation:queue"),
        reverse("community_forum:flags"),
        reverse("coaching_sessions:board", args=[session.pk]),
        reverse("consultations:board") + "?state=triage",
        reverse("consultations:board") + "?state=escalated",
    ):
        assert f'href="{url}"' in html
    assert html.index("Waiting for you") < html.index("Next coaching session")


def test_the_cutoff_is_shown_in_the_director_s_time_zone(client, cases_forum):
    director = factories.director(time_zone="America/New_York")
    session = make_session()
    html = dashboard(client, director).content.decode()
    cutoff = session.questions_close_at
    in_new_york = cutoff.astimezone(ZoneInfo("America/New_York"))
    in_berlin = cutoff.astimezone(ZoneInfo("Europe/Berlin"))
    assert f"{in_new_york:%H:%M} {in_new_york.tzname()}" in html
    assert f"{in_berlin:%H:%M} {in_berlin.tzname()}" not in html


def test_the_director_s_dashboard_costs_the_same_for_2_or_20_waiting_items(
    client, director, cases_forum, django_assert_max_num_queries
):
    session = make_session()
    fill(forum=cases_forum, session=session, count=2)
    dashboard(client, director)  # warm: caches, the first visit's writes
    with CaptureQueriesContext(connection) as small:
        dashboard(client, director)
    fill(forum=cases_forum, session=session, count=18)
    with django_assert_max_num_queries(len(small)):
        html = dashboard(client, director).content.decode()
    assert "20 forum posts waiting for approval" in html
    assert "20 questions to curate" in html
    assert "20 escalated cases" in html


def test_members_and_admins_see_no_work_queue(client, member, site_admin, cases_forum):
    session = make_session()
    fill(forum=cases_forum, session=session, count=1)
    for user in (member, site_admin):
        response = dashboard(client, user)
        assert response.context["director_queue"] is None
        html = response.content.decode()
        assert "Waiting for you" not in html
        assert "waiting for approval" not in html
        assert reverse("forum_moderation:queue") not in html


def test_a_member_s_dashboard_costs_no_more_for_the_director_s_queues(
    client, member, cases_forum
):
    session = make_session()
    fill(forum=cases_forum, session=session, count=1)
    dashboard(client, member)
    with CaptureQueriesContext(connection) as before:
        dashboard(client, member)
    fill(forum=cases_forum, session=session, count=5)
    with CaptureQueriesContext(connection) as after:
        dashboard(client, member)
    assert len(after) == len(before)
