"""The CMS sessions list's "Pending questions" agrees with the list it
summarises: the curation board's "Questions to decide", which leaves out the
questions already on the agenda (published or not)."""

import re

import pytest
from django.urls import reverse

from sessions.models import Question
from sessions.services import curation
from sessions.services import questions as question_services
from tests.community import factories

pytestmark = pytest.mark.django_db

SESSIONS = "/cms/coaching/sessions/"


def ask(session, title):
    return question_services.question_submit(
        session=session, author=factories.member(), title=title, body="B"
    )


def cms_pending(client, session) -> int:
    """The figure in the session's row of the CMS list (the last number cell
    before the "From" column)."""
    html = client.get(SESSIONS).text
    edit = reverse("coaching_sessions_admin:edit", args=[session.pk])
    row = html[html.index(f'href="{edit}"') :]
    row = row[: row.index("</tr>")]
    cells = re.findall(r"<td[^>]*>\s*(.*?)\s*</td>", row, flags=re.S)
    return int(cells[-2])


def board_to_decide(client, session) -> int:
    """What the board lists under "Questions to decide": counted card by card,
    and the figure in its heading must agree with the cards."""
    html = client.get(reverse("coaching_sessions:board", args=[session.pk])).text
    heading = int(re.search(r"Questions to decide \((\d+)\)", html).group(1))
    section = html[html.index('id="open-title"') :]
    cards = len(re.findall(r'<article class="card" aria-labelledby="q-', section))
    assert heading == cards
    return cards


def test_questions_on_a_published_agenda_are_not_pending(client, director, session):
    on_agenda = ask(session, "On the agenda")
    curation.question_accept(question=on_agenda)
    curation.agenda_save(session=session, plan={on_agenda.pk: (1, 90)})
    curation.agenda_publish(session=session)
    ask(session, "Sent after publication")
    deferred = ask(session, "Carried over")
    Question.objects.filter(pk=deferred.pk).update(status=Question.Status.DEFERRED)
    declined = ask(session, "Declined")
    curation.question_decline(question=declined, note="Better for the forum.")
    withdrawn = ask(session, "Withdrawn")
    question_services.question_withdraw(question=withdrawn, user=withdrawn.author)

    client.force_login(director)
    assert cms_pending(client, session) == board_to_decide(client, session) == 2


def test_an_accepted_question_on_an_unpublished_agenda_is_not_pending(
    client, director, session
):
    curation.question_accept(question=ask(session, "Accepted"))
    ask(session, "Waiting")
    client.force_login(director)
    assert cms_pending(client, session) == board_to_decide(client, session) == 1


def test_the_dashboard_figure_counts_the_same(session):
    from sessions.selectors import questions_to_curate

    curation.question_accept(question=ask(session, "Accepted"))
    ask(session, "Waiting")
    assert questions_to_curate(session=session) == 1
