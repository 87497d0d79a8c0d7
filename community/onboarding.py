"""The "Start here" checklist on a new member's dashboard.

Each step ticks itself from what the member has done (a profile filled in, a
post, a question, a lesson opened, a directory listing), never from clicks we
store: a member who did a step some other way sees it ticked all the same. The
only thing stored is that the member hid the card (``User.start_here_dismissed_at``).

The card costs a fixed number of queries however much the member has done: one
``exists()`` per step that needs the database, and one for the forum's link. The
course step reads the outlines the dashboard has already loaded.
"""

from dataclasses import dataclass

from django.urls import reverse

from directory.selectors import is_listed
from forum.selectors import has_posted, new_topic_url
from sessions.selectors import has_sent_a_question

# The forum where members say hello (forum.setup.FORUMS).
INTRODUCTIONS_FORUM = "introductions"
# A new account's time zone (community.models.User.time_zone): not yet chosen.
DEFAULT_TIME_ZONE = "UTC"


@dataclass(frozen=True)
class Step:
    key: str
    label: str
    done: bool
    url: str
    hint: str = ""


@dataclass(frozen=True)
class Checklist:
    steps: list[Step]

    @property
    def done_count(self) -> int:
        return sum(step.done for step in self.steps)

    @property
    def all_done(self) -> bool:
        return self.done_count == len(self.steps)


def profile_is_complete(user) -> bool:
    """A time zone chosen (session times depend on it) and credentials given
    (members see them beside a name)."""
    return bool(user.credentials.strip()) and user.time_zone != DEFAULT_TIME_ZONE


def start_here(*, user, next_session=None, course_outlines=()) -> Checklist | None:
    """The member's checklist, or None once they have hidden it.

    ``next_session`` and ``course_outlines`` are what the dashboard already
    read, so the session and course steps cost no query of their own.
    """
    if user.start_here_dismissed_at is not None:
        return None
    steps = [
        Step(
            key="profile",
            label="Complete your profile",
            hint="Your time zone and your professional credentials.",
            done=profile_is_complete(user),
            url=reverse("account:profile"),
        ),
        Step(
            key="introduce",
            label="Introduce yourself in the forum",
            hint="Say hello and tell colleagues about your work.",
            done=has_posted(user=user),
            url=new_topic_url(forum_slug=INTRODUCTIONS_FORUM) or "/forum/",
        ),
        Step(
            key="question",
            # Not "Send a question for the next session": that one may be closed,
            # and the dashboard then says so (no invitation to do what can't be done).
            label="Bring a question to a coaching session",
            hint=(
                "The director answers members' questions live; send yours "
                "before a session's cutoff."
            ),
            done=has_sent_a_question(user=user),
            url=(
                reverse("coaching_sessions:detail", args=[next_session.pk])
                if next_session is not None
                else reverse("coaching_sessions:list")
            ),
        ),
    ]
    if course_outlines:
        outline = course_outlines[0]
        steps.append(
            Step(
                key="course",
                label="Start the course",
                hint=outline.course.title,
                done=any(outline.started for outline in course_outlines),
                url=(outline.resume or outline.course).url,
            )
        )
    steps.append(
        Step(
            key="directory",
            label="Join the member directory",
            hint="Off until you opt in; you choose what colleagues see.",
            done=is_listed(user=user),
            url=reverse("directory-account:profile"),
        )
    )
    return Checklist(steps=steps)
