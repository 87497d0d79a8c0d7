"""Ordering the agenda with move up/down buttons: a plain POST without
JavaScript, the agenda part alone for htmx, and the time left said in words."""

import pytest
from django.urls import reverse

from sessions.models import Question
from sessions.services import curation
from sessions.services import questions as question_services
from tests.community import factories

pytestmark = pytest.mark.django_db


def accepted(session, *titles):
    questions = []
    for title in titles:
        question = question_services.question_submit(
            session=session, author=factories.member(), title=title, body="B"
        )
        questions.append(curation.question_accept(question=question))
    return questions


def order(session):
    return list(
        session.questions.filter(status=Question.Status.ACCEPTED)
        .order_by("agenda_position")
        .values_list("title", flat=True)
    )


def agenda_url(session):
    return reverse("coaching_sessions:agenda", args=[session.pk])


def test_move_up_without_javascript_reorders_and_returns_to_the_agenda(
    client, director, session
):
    one, two, three = accepted(session, "One", "Two", "Three")
    client.force_login(director)
    response = client.post(agenda_url(session), {"move": f"up-{three.pk}"})
    assert response.status_code == 302
    assert response["Location"].endswith("#agenda-title")
    assert order(session) == ["One", "Three", "Two"]
    page = client.get(response["Location"]).text
    assert "Moved up: now 2 of 3." in page
    assert page.index("Three") < page.index("Two")


def test_move_keeps_the_minutes_typed_before_it(client, director, session):
    one, two = accepted(session, "One", "Two")
    client.force_login(director)
    client.post(
        agenda_url(session),
        {f"position-{one.pk}": 1, f"minutes-{one.pk}": 30,
         f"position-{two.pk}": 2, f"minutes-{two.pk}": 60,
         "move": f"down-{one.pk}"},
    )  # fmt: skip
    assert order(session) == ["Two", "One"]
    one.refresh_from_db()
    assert one.time_budget_minutes == 30


def test_positions_typed_alike_still_move(client, director, session):
    one, two = accepted(session, "One", "Two")
    Question.objects.filter(pk__in=[one.pk, two.pk]).update(agenda_position=1)
    client.force_login(director)
    client.post(agenda_url(session), {"move": f"up-{two.pk}"})
    assert order(session) == ["Two", "One"]


def test_htmx_move_gets_only_the_agenda_back(client, director, session):
    one, two = accepted(session, "One", "Two")
    client.force_login(director)
    response = client.post(
        agenda_url(session), {"move": f"down-{one.pk}"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    html = response.text
    assert '<section aria-labelledby="agenda-title" class="card" id="agenda">' in html
    assert "<html" not in html
    assert "Moved down: now 2 of 2." in html
    assert html.index("Two") < html.index("One")
    # The buttons keep their ids, so htmx gives focus back to the one pressed.
    assert f'id="move-down-{one.pk}"' in html


def test_moving_the_first_up_leaves_the_order_alone(client, director, session):
    one, two = accepted(session, "One", "Two")
    client.force_login(director)
    client.post(agenda_url(session), {"move": f"up-{one.pk}"})
    assert order(session) == ["One", "Two"]
    # And says so: the first's "Up" and the last's "Down" are shown as unavailable.
    html = client.get(reverse("coaching_sessions:board", args=[session.pk]))
    html = html.content.decode()
    for button, disabled in (
        (f'id="move-up-{one.pk}"', True),
        (f'id="move-down-{one.pk}"', False),
        (f'id="move-up-{two.pk}"', False),
        (f'id="move-down-{two.pk}"', True),
    ):
        tag = html.split(button, 1)[1].split(">", 1)[0]
        assert ('aria-disabled="true"' in tag) is disabled, button


@pytest.mark.parametrize("move", ["sideways-1", "up-", "up-abc", "down-999999"])
def test_bad_moves_are_a_message_not_an_error(client, director, session, move):
    accepted(session, "One", "Two")
    client.force_login(director)
    response = client.post(agenda_url(session), {"move": move}, follow=True)
    assert response.status_code == 200
    assert order(session) == ["One", "Two"]
    messages = [str(m) for m in response.context["messages"]]
    assert messages and messages[0] in (
        "Move a question up or down.",
        "That question is no longer on the agenda.",
    )
    # With htmx the refusal comes in the agenda's status line (htmx swaps no
    # error response), with the order as it is.
    htmx = client.post(agenda_url(session), {"move": move}, HTTP_HX_REQUEST="true")
    assert htmx.status_code == 200
    assert messages[0] in htmx.text


def test_a_drop_saves_the_new_order_and_returns_the_agenda(client, director, session):
    one, two = accepted(session, "One", "Two")
    client.force_login(director)
    response = client.post(
        agenda_url(session),
        {f"position-{one.pk}": 2, f"minutes-{one.pk}": "",
         f"position-{two.pk}": 1, f"minutes-{two.pk}": "", "reorder": "1"},
        HTTP_HX_REQUEST="true",
    )  # fmt: skip
    assert response.status_code == 200
    assert "New order saved." in response.text
    assert order(session) == ["Two", "One"]


def test_a_typed_place_below_one_is_refused_with_a_message(client, director, session):
    one, two = accepted(session, "One", "Two")
    client.force_login(director)
    response = client.post(
        agenda_url(session),
        {f"position-{one.pk}": -3, f"minutes-{one.pk}": 30},
        follow=True,
    )
    assert response.status_code == 200
    assert "An agenda place is 1 or more." in response.text
    assert order(session) == ["One", "Two"]


def test_a_member_cannot_move_agenda_items(client, member, session):
    one, two = accepted(session, "One", "Two")
    client.force_login(member)
    assert client.post(agenda_url(session), {"move": f"up-{two.pk}"}).status_code == (
        403
    )
    assert order(session) == ["One", "Two"]


def test_the_buttons_are_in_the_page_and_enter_saves_instead_of_moving(
    client, director, session
):
    accepted(session, "One")
    client.force_login(director)
    html = client.get(reverse("coaching_sessions:board", args=[session.pk])).text
    form = html[html.index('<ol class="agenda-plan">') - 300 :]
    # The form's first submit button (the one Enter presses) saves.
    first = form.index('<button type="submit"')
    assert form[first:].startswith('<button type="submit" hidden tabindex="-1">Save')
    assert 'Up<span class="visually-hidden">: move “One” up</span>' in html


@pytest.mark.parametrize(
    ("minutes", "says"),
    [
        ((40, 60), "(10 minutes over)"),
        ((40, 45), "(5 minutes left)"),
        ((40, 49), "(1 minute left)"),
        ((40, 51), "(1 minute over)"),
    ],
)
def test_the_time_budget_reads_in_words(client, director, session, minutes, says):
    one, two = accepted(session, "One", "Two")
    curation.agenda_save(
        session=session, plan={one.pk: (1, minutes[0]), two.pk: (2, minutes[1])}
    )
    client.force_login(director)
    html = client.get(reverse("coaching_sessions:board", args=[session.pk])).text
    assert says in html
    assert "too many" not in html


def test_a_full_budget_says_no_remainder(client, director, session):
    one, two = accepted(session, "One", "Two")
    curation.agenda_save(session=session, plan={one.pk: (1, 40), two.pk: (2, 50)})
    client.force_login(director)
    html = client.get(reverse("coaching_sessions:board", args=[session.pk])).text
    assert "Planned: 90 of 90 minutes." in html
