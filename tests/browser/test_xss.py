"""Every text input a member has, fed the XSS payloads in xss_payloads.txt.

Each payload goes in through the real form (a POST with Django's test client,
signed in as the member, as their browser would send it; a few go through the
forms in the browser itself), is checked to be saved as typed, and the pages
that show it are opened in Chromium. On each page: no dialog fired,
``window.__xss`` is unset, and the DOM holds no event-handler attribute, no
script but the site's own, no frame/object/embed/svg/math/style/base element,
no javascript:/data: URL and no htmx attribute the site did not write. Where
the text is shown as plain text, it must be there exactly as typed.

The browser context bypasses the site's Content-Security-Policy on purpose: the
policy forbids inline scripts, so with it an injected ``onerror`` would stay
silent. Without it, anything the escaping or the Markdown sanitizer let through
would run and open a dialog. (That the site sends the policy is checked once.)

Single-line fields hold one payload each where that is affordable (topic
subjects, question titles, display names, signatures); longer texts and the
fields only their owner sees hold several, separated by blank lines or spaces,
within each field's maximum length. Each test prints one summary line.
"""

import base64
import html
import re
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import pytest
from django.conf import settings as django_settings
from django.test import Client
from django.urls import reverse
from machina.apps.forum.models import Forum
from machina.apps.forum_conversation.models import Topic
from machina.conf import settings as machina_settings
from machina.test.factories.conversation import PostFactory, create_topic
from playwright.sync_api import expect

from community.privacy import find_identifiers
from forum.models import PostFlag
from sessions.models import CoachingSession, Question
from sessions.services import questions as question_services
from tests.browser.conftest import screenshot_if_failed
from tests.community import factories

pytestmark = pytest.mark.django_db(transaction=True)

PAYLOAD_FILE = Path(__file__).with_name("xss_payloads.txt")
# One payload a line. Split on "\n" only: a payload may hold a tab or a form feed.
PAYLOADS = [
    line for line in PAYLOAD_FILE.read_text(encoding="utf-8").split("\n") if line
]
CONFIRM = "privacy_confirmed"  # community/privacy_forms.py
SUBJECT_MAX = 255  # machina's Post.subject and Post.update_reason
FLAG_NOTE_MAX = 1000  # the flag form's note
QUERY_MAX = 200  # forum.search.MAX_QUERY_LENGTH
CREDENTIALS_MAX = 200  # User.credentials
NAME_MAX = 150  # User.first_name and .last_name
TOPICS_PER_PAGE = machina_settings.FORUM_TOPICS_NUMBER_PER_PAGE
POSTS_PER_PAGE = machina_settings.TOPIC_POSTS_NUMBER_PER_PAGE
PROFILE_POSTS_PER_PAGE = machina_settings.PROFILE_POSTS_NUMBER_PER_PAGE
# Text the privacy guard always asks about, so that its confirmation shows.
IDENTIFIER = "More in https://example.org/case-notes"

# Run in the page once it has loaded: what an injection would leave behind, and
# which of the expected texts the page shows (as text or as a form value).
CHECK_PAGE = r"""(expected) => {
  const problems = [];
  const show = (el) => el.outerHTML.replace(/\s+/g, " ").slice(0, 160);
  // Browsers skip these characters before and inside a URL's scheme.
  const squash = (value) =>
    value.replace(/[\u0000-\u0020\u007f-\u00a0\u2000-\u200f\u2028\u2029\ufeff]/g, "")
      .toLowerCase();
  const URL_ATTRIBUTES = ["href", "src", "action", "formaction", "xlink:href",
    "data", "background", "poster", "lowsrc", "dynsrc", "codebase", "cite", "ping",
    "to", "values", "from", "by"];
  const BAD_SCHEMES = ["javascript:", "vbscript:", "livescript:", "data:"];
  const NEVER = "iframe, frame, frameset, object, embed, applet, portal, base, "
    + "style, svg, math, template, noscript, marquee, video, audio, source, track, "
    + "isindex, keygen, meta[http-equiv], link:not([href^='/static/'])";
  for (const el of document.querySelectorAll(NEVER)) {
    problems.push(`<${el.localName}> element: ${show(el)}`);
  }
  for (const el of document.querySelectorAll("script")) {
    const src = el.getAttribute("src") || "";
    const type = (el.getAttribute("type") || "").toLowerCase();
    if (!src.startsWith("/static/") && type !== "application/json") {
      problems.push(`script not from /static/: ${show(el)}`);
    }
  }
  for (const el of document.querySelectorAll("img, image")) {
    if (!(el.getAttribute("src") || "").startsWith("/static/")) {
      problems.push(`image not from /static/: ${show(el)}`);
    }
  }
  // The htmx attributes the site writes itself (base.html, the "me too" form,
  // a post's reactions, a notification's "mark as read", the @mention picker).
  const SITE_FORMS = [
    /^\/sessions\/questions\/\d+\/vote\/$/,
    /^\/forum\/posts\/\d+\/react\/$/,
    /^\/notifications\/\d+\/read\/$/,
    /^\/account\/start-here\/dismiss\/$/,
    /^\/sessions\/\d+\/agenda\/$/,
  ];
  const siteHtmx = (el, name) =>
    (el === document.body && name === "hx-headers")
    || (el.localName === "form" && ["hx-post", "hx-target", "hx-swap"].includes(name)
        && SITE_FORMS.some((path) => path.test(el.getAttribute("hx-post"))))
    || (el.localName === "input" && ["hx-get", "hx-trigger", "hx-target"].includes(name)
        && /^\/forum\/mentions\/\?forum=\d+$/.test(el.getAttribute("hx-get")));
  const RUNS_CSS = /expression|javascript:|url\s*\(|@import|behavior/i;
  for (const el of document.querySelectorAll("*")) {
    for (const attr of el.attributes) {
      const name = attr.name.toLowerCase();
      if (name.startsWith("on")) {
        problems.push(`event handler attribute ${name}: ${show(el)}`);
      } else if (name === "srcdoc") {
        problems.push(`srcdoc attribute: ${show(el)}`);
      } else if (URL_ATTRIBUTES.includes(name)
                 && BAD_SCHEMES.some((s) => squash(attr.value).startsWith(s))) {
        problems.push(`${name} with a script or data URL: ${show(el)}`);
      } else if (name === "style" && RUNS_CSS.test(attr.value)) {
        problems.push(`style attribute that loads or runs something: ${show(el)}`);
      } else if (/^(data-)?hx-/.test(name) && !siteHtmx(el, name)) {
        problems.push(`htmx attribute ${name} the site did not write: ${show(el)}`);
      }
    }
  }
  if (typeof window.__xss !== "undefined") problems.push("window.__xss was set");
  const values = [...document.querySelectorAll("input, textarea")].map((e) => e.value);
  const text = [document.documentElement.textContent, ...values].join(" ")
    .replace(/\s+/g, " ");
  return {problems, found: expected.map((e) => text.includes(e))};
}"""


def normalized(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def decoded(payload: str) -> str:
    """The payload with its HTML entities, \\u escapes and base64 parts decoded."""
    text = html.unescape(payload)
    text = re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), text)
    for part in re.findall(r"base64,([A-Za-z0-9+/=]+)", text):
        text += base64.b64decode(part).decode()
    return text


def grouped(payloads, limit: int, separator: str) -> list[list[str]]:
    """The payloads in order, in groups that joined by ``separator`` fit ``limit``."""
    groups: list[list[str]] = []
    for payload in payloads:
        if groups and len(separator.join([*groups[-1], payload])) <= limit:
            groups[-1].append(payload)
        else:
            assert len(payload) <= limit, f"longer than {limit}: {payload!r}"
            groups.append([payload])
    return groups


def packed(payloads, limit: int, separator: str) -> list[str]:
    """The payloads joined into as few strings of at most ``limit`` as fit."""
    return [separator.join(group) for group in grouped(payloads, limit, separator)]


def page_numbers(count: int, per_page: int) -> range:
    return range(1, -(-count // per_page) + 1)


def topic_url(topic, page=None) -> str:
    url = reverse(
        "forum_conversation:topic",
        args=[topic.forum.slug, topic.forum.pk, topic.slug, topic.pk],
    )
    return f"{url}?page={page}" if page else url


def signed_in_client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def form_errors(response) -> dict:
    errors = {}
    for name in ("post_form", "form"):
        form = response.context.get(name) if response.context else None
        if form is not None and hasattr(form, "errors"):
            errors.update(form.errors.get_json_data())
    return errors


class Inputs:
    """Sends forms as a member's browser would, and counts what was sent."""

    def __init__(self):
        self.counts: dict[str, int] = {}
        self.confirmations = 0

    def submit(self, client, url, data, *, fields):
        """POST the form; confirm if the privacy guard asks. It must redirect."""
        response = client.post(url, data)
        if response.status_code != 302 and set(form_errors(response)) == {CONFIRM}:
            self.confirmations += 1
            response = client.post(url, {**data, CONFIRM: "on"})
        assert response.status_code == 302, (
            f"{url} did not save {data!r}: HTTP {response.status_code}, "
            f"{form_errors(response)}"
        )
        self.count(*fields)
        return response

    def count(self, *fields):
        for name in fields:
            self.counts[name] = self.counts.get(name, 0) + 1


class Renderer:
    """Opens pages in the browser and collects whatever an injection left."""

    def __init__(self, page, base_url):
        self.page = page
        self.host = urlsplit(base_url).hostname
        self.user_pk = None
        self.cookies: dict[int, str] = {}
        self.label = ""
        self.last_response = None
        self.pages: list[str] = []
        self.dialogs: list[str] = []
        self.problems: list[str] = []
        page.on("dialog", self._on_dialog)

    def _on_dialog(self, dialog):
        self.dialogs.append(f"{self.label}: {dialog.type}({dialog.message!r})")
        dialog.dismiss()

    def session_cookie(self, user, client=None) -> str:
        """``user``'s session cookie (``client``'s, if it is signed in as them)."""
        if user.pk not in self.cookies:
            client = client or signed_in_client(user)
            name = django_settings.SESSION_COOKIE_NAME
            self.cookies[user.pk] = client.cookies[name].value
        return self.cookies[user.pk]

    def sign_in(self, user, client=None):
        """Give the browser ``user``'s session (``client``'s, if signed in)."""
        cookie = self.session_cookie(user, client)
        if user.pk == self.user_pk:
            return
        self.page.context.clear_cookies()
        self.page.context.add_cookies(
            [
                {
                    "name": django_settings.SESSION_COOKIE_NAME,
                    "value": cookie,
                    "domain": self.host,
                    "path": "/",
                }
            ]
        )
        self.user_pk = user.pk

    def open(self, path, label, user=None):
        """Load ``path`` (as ``user``, or as whoever is signed in)."""
        if user is not None:
            self.sign_in(user)
        self.label = label
        response = self.page.goto(path)
        assert response is not None and response.status == 200, (
            f"{label}: {path} answered {response and response.status}"
        )
        self.last_response = response

    def visit(self, path, label, *, expect=(), user=None) -> set[str]:
        """Open and check ``path``; ``expect``: texts it must show as typed."""
        self.open(path, label, user)
        return self.check(label, expect=expect)

    def check(self, label, *, expect=(), required=True) -> set[str]:
        """Check the page as it is now; ``expect`` must be shown unless not
        ``required`` (then the caller checks what was found over several pages).
        """
        self.label = label
        self.page.wait_for_load_state("load")
        expect = list(expect)
        result = self.page.evaluate(CHECK_PAGE, [normalized(t) for t in expect])
        self.pages.append(label)
        self.problems += [f"{label}: {problem}" for problem in result["problems"]]
        found = {
            text for text, seen in zip(expect, result["found"], strict=True) if seen
        }
        if required:
            self.problems += [
                f"{label}: not shown as typed: {text!r}"
                for text in expect
                if text not in found
            ]
        return found

    def visit_pages(self, paths, label, *, expect) -> None:
        """Open several pages (of one list); each of ``expect`` is on one of them."""
        found = set()
        for number, path in enumerate(paths, start=1):
            self.open(path, f"{label} {number}")
            found |= self.check(self.label, expect=expect, required=False)
        self.problems += [
            f"{label}: not shown as typed: {text!r}"
            for text in expect
            if text not in found
        ]

    def verdict(self, what: str, inputs: Inputs, *, final=True) -> None:
        """Fail with a summary and the first findings, if any; print the summary
        at the end (``final``)."""
        fields = ", ".join(f"{name} ×{count}" for name, count in inputs.counts.items())
        summary = (
            f"XSS {what}: {len(PAYLOADS)} payloads; inputs: {fields}; "
            f"{inputs.confirmations} privacy confirmations; "
            f"{len(self.pages)} pages rendered; {len(self.dialogs)} dialogs; "
            f"{len(self.problems)} findings"
        )
        if final:
            print(summary)  # noqa: T201
        details = "\n".join([*self.dialogs, *self.problems][:40])
        assert not self.dialogs and not self.problems, f"{summary}\n{details}"


def _stop_at_the_privacy_check(renderer, button: str, label: str, *, shows: str):
    """Submit the filled-in form: text with an identifier stops at the privacy
    check, which shows it back (inert); tick the confirmation to go on."""
    page = renderer.page
    page.get_by_role("button", name=button).click()
    expect(page.locator(".privacy-check")).to_be_visible()
    renderer.check(label, expect=[shows])
    page.locator(f"#id_{CONFIRM}").check()


@pytest.fixture
def renderer(browser, live_server, request):
    """A browser page that ignores the site's CSP (see the module docstring)."""
    context = browser.new_context(
        base_url=live_server.url,
        bypass_csp=True,
        viewport={"width": 1280, "height": 900},
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield Renderer(page, live_server.url)
    screenshot_if_failed(request, page)
    context.close()


@pytest.fixture(autouse=True)
def _fast_commits(transactional_db):
    """Commit without waiting for the disk: this module sends hundreds of forms.

    Only the throwaway test database loses durability (on a crash), only while
    these tests run: the test's own connection is set back afterwards.
    """
    from django.db import connection
    from django.db.backends.signals import connection_created

    relaxed = {
        "sqlite": "PRAGMA synchronous = OFF",
        "postgresql": "SET synchronous_commit TO OFF",
    }
    restored = {
        "sqlite": "PRAGMA synchronous = FULL",  # SQLite's default
        "postgresql": "RESET synchronous_commit",
    }

    def run(statements, connection):
        if connection.vendor in statements:
            with connection.cursor() as cursor:
                cursor.execute(statements[connection.vendor])

    def relax(sender, connection, **kwargs):
        run(relaxed, connection)

    connection_created.connect(relax, dispatch_uid="xss-fast-commits")
    connection.ensure_connection()
    run(relaxed, connection)
    yield
    connection_created.disconnect(dispatch_uid="xss-fast-commits")
    if connection.connection is not None:
        run(restored, connection)


@pytest.fixture
def open_forum(settings):
    """Members post at once (no pre-moderation) and as fast as the test does."""
    from forum.setup import ensure_forum_structure

    settings.FORUM_PREMODERATED_POSTS = 0
    settings.ACCOUNT_RATE_LIMITS = {
        **settings.ACCOUNT_RATE_LIMITS,
        "forum_post": "100000/10m/user",
    }
    ensure_forum_structure()
    return Forum.objects.get(slug="case-discussions")


@pytest.fixture
def open_session(settings):
    """A session taking questions, with no limit on questions per member."""
    from datetime import timedelta

    from django.utils import timezone

    settings.SESSION_QUESTIONS_PER_MEMBER = 100_000
    starts_at = timezone.now() + timedelta(days=7)
    return CoachingSession.objects.create(
        title="Group coaching session",
        starts_at=starts_at,
        questions_close_at=starts_at - timedelta(hours=48),
        meeting_url="https://meet.example.org/coaching",
        duration_minutes=90,
    )


def test_payload_list_is_long_distinct_and_detectable():
    assert len(PAYLOADS) >= 60
    assert len(set(PAYLOADS)) == len(PAYLOADS)
    assert all(p == p.strip() for p in PAYLOADS), "forms strip outer whitespace"
    # Each one, if it ran, would open a dialog or set window.__xss.
    runs = re.compile(r"alert|confirm|prompt|__xss")
    assert not [p for p in PAYLOADS if not runs.search(decoded(p))]


def test_forum_topics_replies_edits_flags_and_search_stay_inert(renderer, open_forum):
    forum = open_forum
    author = factories.member(user__display_name="Forum author")
    flagger = factories.member(user__display_name="Flagging member")
    director = factories.director(display_name="Program director")
    inputs = Inputs()
    client = signed_in_client(author)
    create_url = reverse("forum_conversation:topic_create", args=[forum.slug, forum.pk])

    # One topic per payload: the payload is its subject and its whole text.
    for payload in PAYLOADS:
        inputs.submit(
            client,
            create_url,
            {"subject": payload, "content": payload, "topic_type": Topic.TOPIC_POST},
            fields=["topic subject", "topic text"],
        )
    topics = {topic.subject: topic for topic in Topic.objects.filter(poster=author)}
    assert set(topics) == set(PAYLOADS)
    for payload, topic in topics.items():
        assert topic.approved and topic.first_post.content.raw == payload

    # Replies in one topic: several payloads per subject and per text (blank
    # lines between them), then an edit reason; one more reply holds them all.
    thread = topics[PAYLOADS[0]]
    thread_args = [forum.slug, forum.pk, thread.slug, thread.pk]
    reply_url = reverse("forum_conversation:post_create", args=thread_args)
    groups = grouped(PAYLOADS, SUBJECT_MAX, " ")
    for group in groups:
        inputs.submit(
            client,
            reply_url,
            {"subject": " ".join(group), "content": "\n\n".join(group)},
            fields=["reply subject", "reply text"],
        )
    everything = "\n\n".join(PAYLOADS)
    inputs.submit(
        client,
        reply_url,
        {"subject": "All payloads", "content": everything},
        fields=["reply text"],
    )
    replies = list(thread.posts.filter(poster=author).order_by("pk"))[1:]
    assert [reply.subject for reply in replies] == [
        *(" ".join(group) for group in groups),
        "All payloads",
    ]
    assert replies[-1].content.raw == everything

    def edit_url(post):
        return reverse("forum_conversation:post_update", args=[*thread_args, post.pk])

    for reply in replies[:-1]:
        inputs.submit(
            client,
            edit_url(reply),
            {
                "subject": reply.subject,
                "content": reply.content.raw + "\n\nEdited.",
                "update_reason": reply.subject,
            },
            fields=["edit reason", "edited text"],
        )
        reply.refresh_from_db()
        assert reply.update_reason == reply.subject
    # The long reply, replaced: its edit history shows the old text.
    everything_post = replies[-1]
    inputs.submit(
        client,
        edit_url(everything_post),
        {"subject": "All payloads", "content": "Replaced.", "update_reason": "-"},
        fields=["edited text"],
    )

    # Flag notes, which only the director reads.
    flag_client = signed_in_client(flagger)
    notes = packed(PAYLOADS, FLAG_NOTE_MAX, "\n")
    for reply, note in zip(replies, notes, strict=False):
        inputs.submit(
            flag_client,
            reverse("community_forum:flag", args=[reply.pk]),
            {"reason": PostFlag.Reason.OTHER, "note": note},
            fields=["flag note"],
        )
    assert sorted(PostFlag.objects.values_list("note", flat=True)) == sorted(notes)

    # In the browser, as the author.
    renderer.sign_in(author, client)
    renderer.visit("/forum/", "forum index")
    # The real site adds a second layer, bypassed here (see the docstring).
    policy = renderer.last_response.headers.get("content-security-policy", "")
    assert "script-src 'self'" in policy, policy
    renderer.visit("/", "author's dashboard")
    renderer.visit(
        reverse("forum_member:profile", args=[author.pk]), "author's forum profile"
    )
    forum_url = reverse("forum:forum", args=[forum.slug, forum.pk])
    renderer.visit_pages(
        [
            f"{forum_url}?page={n}"
            for n in page_numbers(forum.topics.count(), TOPICS_PER_PAGE)
        ],
        "topic list",
        expect=PAYLOADS,
    )
    posts_url = reverse("forum_member:user_posts", args=[author.pk])
    renderer.visit_pages(
        [
            f"{posts_url}?page={n}"
            for n in page_numbers(author.posts.count(), PROFILE_POSTS_PER_PAGE)
        ],
        "author's posts",
        expect=PAYLOADS,
    )
    for payload, topic in topics.items():
        renderer.visit(topic_url(topic), f"topic {payload!r}", expect=[payload])
    thread_pages = [
        topic_url(thread, n) for n in page_numbers(thread.posts.count(), POSTS_PER_PAGE)
    ]
    renderer.visit_pages(
        thread_pages,
        "replies",
        expect=[reply.subject for reply in replies[:-1]],
    )
    # Earlier versions keep identifiers redacted (payloads with a web address
    # among them); every other payload is shown exactly as typed, and inert.
    renderer.visit(
        reverse("community_forum:post-history", args=[everything_post.pk]),
        "edit history",
        expect=[payload for payload in PAYLOADS if not find_identifiers(payload)],
    )
    renderer.visit(
        f"{reply_url}?quote={replies[0].pk}",
        "reply form quoting a reply",
        expect=PAYLOADS[:1],
    )
    for query in packed(PAYLOADS, QUERY_MAX, " "):
        renderer.visit(
            f"/forum/search/?{urlencode({'q': query})}",
            f"search for {query[:30]!r}…",
            expect=[query],
        )
    for word in ("alert", "onerror", "javascript", "script"):
        renderer.visit(
            f"/forum/search/?{urlencode({'q': word})}", f"search results for {word!r}"
        )
        hits = renderer.page.locator(".search-results .card").count()
        assert hits > 0, f"searching {word!r} found nothing"

    # As the director: the flags with their notes, the privacy confirmations.
    renderer.visit(
        reverse("community_forum:flags"),
        "flag queue (director)",
        expect=notes,
        user=director,
    )
    renderer.visit_pages(thread_pages, "replies (director)", expect=[])

    # Whatever was found so far, before the forms are filled in the browser.
    renderer.verdict("forum", inputs, final=False)

    # The form in the browser: the privacy check and the preview show the text
    # back before anything is saved.
    renderer.sign_in(author)
    page = renderer.page
    page.goto(create_url)
    subject = 'From the browser: "><img src=x onerror=alert(1)>'
    text = f"{everything}\n\n{IDENTIFIER}"
    page.locator("#id_subject").fill(subject)
    page.locator("#id_content").fill(text)
    _stop_at_the_privacy_check(
        renderer, "Post topic", "new topic form: privacy check", shows=subject
    )
    page.get_by_role("button", name="Preview").click()
    expect(page.locator(".post--preview")).to_be_visible()
    renderer.check("new topic form: preview", expect=[subject])
    page.get_by_role("button", name="Post topic").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(subject)
    renderer.check("topic posted in the browser", expect=[subject])
    posted = Topic.objects.get(subject=subject).first_post.content.raw
    assert posted.replace("\r\n", "\n") == text
    inputs.count("topic subject", "topic text")

    renderer.verdict("forum", inputs)


def test_session_questions_stay_inert(renderer, open_session):
    session = open_session
    author = factories.member(user__display_name="Asking member")
    other = factories.member(user__display_name="Other member")
    director = factories.director(display_name="Program director")
    inputs = Inputs()
    client = signed_in_client(author)
    url = reverse("coaching_sessions:detail", args=[session.pk])
    half = len(PAYLOADS) // 2
    for index, payload in enumerate(PAYLOADS):
        inputs.submit(
            client,
            url,
            {
                "title": payload,
                "body": payload,
                "context": PAYLOADS[(index + half) % len(PAYLOADS)],
            },
            fields=["question title", "question", "case context"],
        )
    saved = {q.title: q for q in Question.objects.filter(author=author)}
    assert set(saved) == set(PAYLOADS)
    assert all(q.body == title for title, q in saved.items())

    renderer.sign_in(author, client)
    renderer.visit(url, "session page (author)", expect=PAYLOADS)
    renderer.visit("/", "author's dashboard", expect=PAYLOADS)
    renderer.visit(reverse("coaching_sessions:list"), "sessions", expect=PAYLOADS)
    renderer.visit(url, "session page (member)", expect=PAYLOADS, user=other)
    renderer.visit(url, "session page (director)", expect=PAYLOADS, user=director)
    renderer.visit(
        reverse("coaching_sessions:board", args=[session.pk]),
        "curation board (director)",
        expect=PAYLOADS,
    )

    renderer.verdict("session questions", inputs, final=False)

    # The edit form in the browser shows the saved text, then the privacy check
    # shows the new text back.
    first = saved[PAYLOADS[0]]
    renderer.visit(
        reverse("coaching_sessions:question-edit", args=[first.pk]),
        "question edit form",
        expect=[PAYLOADS[0], PAYLOADS[half]],
        user=author,
    )
    page = renderer.page
    title = "Edited: \"'><svg onload=alert(1)>"
    # The browser sends line breaks as \r\n: keep well under the 4,000 characters.
    body = packed(PAYLOADS, 3000, "\n\n")[0]
    page.locator("#id_title").fill(title)
    page.locator("#id_body").fill(f"{body}\n\n{IDENTIFIER}")
    page.locator("#id_context").fill(body)
    _stop_at_the_privacy_check(
        renderer, "Save", "question edit: privacy check", shows=title
    )
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Your question is saved.")).to_be_visible()
    renderer.check("session page after the edit", expect=[title])
    first.refresh_from_db()
    assert first.title == title
    assert first.context.replace("\r\n", "\n") == body
    inputs.count("question title", "question", "case context")

    renderer.verdict("session questions", inputs)


def test_profile_fields_and_signatures_stay_inert(renderer, open_forum, open_session):
    """One member per payload, which is their display name and forum signature;
    a reply and a question of each show them to others, and so does their forum
    profile. The first members' names and credentials hold several payloads
    each, so that a few account pages (which show a member only their own
    profile) show every payload in every field."""
    host = factories.member(user__display_name="Host member")
    director = factories.director(display_name="Program director")
    thread = create_topic(forum=open_forum, poster=host, subject="Introductions")
    PostFactory(topic=thread, poster=host, subject="Introductions", content="Hi.")
    names = packed(PAYLOADS, NAME_MAX, " ")
    credentials = packed(PAYLOADS, CREDENTIALS_MAX, " ")
    inputs = Inputs()
    members = []
    for index, payload in enumerate(PAYLOADS):
        member = factories.member()
        client = signed_in_client(member)
        profile = {
            "display_name": payload,
            "first_name": names[index] if index < len(names) else payload,
            "last_name": names[-1 - index] if index < len(names) else payload,
            "credentials": credentials[index] if index < len(credentials) else payload,
            "time_zone": "UTC",
        }
        inputs.submit(
            client,
            reverse("account:profile"),
            profile,
            fields=["display name", "first name", "last name", "credentials"],
        )
        inputs.submit(
            client,
            reverse("forum_member:profile_update"),
            {"signature": payload},
            fields=["forum signature"],
        )
        member.refresh_from_db()
        assert {name: getattr(member, name) for name in profile} == profile
        assert member.forum_profile.signature.raw == payload
        # What shows the name to others; its own text is not under test here.
        PostFactory(
            topic=thread,
            poster=member,
            subject=f"Re: {thread.subject}",
            content=f"Hello from member {index}.",
            enable_signature=True,
        )
        question_services.question_submit(
            session=open_session,
            author=member,
            title=f"Question {index}",
            body="A question.",
        )
        renderer.session_cookie(member, client)
        members.append(member)

    # Each member's own account page, while their fields hold new payloads.
    for member in members[: max(len(names), len(credentials))]:
        renderer.visit(
            reverse("account:profile"),
            f"account page of {member.display_name!r}",
            expect=[
                member.display_name,
                member.first_name,
                member.last_name,
                member.credentials,
            ],
            user=member,
        )
    # What others see: each forum profile, the thread, the session, the board.
    renderer.sign_in(host)
    for member in members:
        renderer.visit(
            reverse("forum_member:profile", args=[member.pk]),
            f"forum profile of {member.display_name!r}",
            expect=[member.display_name, member.credentials],
        )
    thread.refresh_from_db()
    renderer.visit_pages(
        [
            topic_url(thread, n)
            for n in page_numbers(thread.posts.count(), POSTS_PER_PAGE)
        ],
        "thread with every member's reply",
        expect=PAYLOADS,
    )
    session_url = reverse("coaching_sessions:detail", args=[open_session.pk])
    renderer.visit(session_url, "session page", expect=PAYLOADS)
    renderer.visit("/forum/", "forum index", expect=PAYLOADS[-1:])
    renderer.visit("/", "host's dashboard", expect=PAYLOADS[-1:])
    renderer.visit(
        reverse("coaching_sessions:board", args=[open_session.pk]),
        "curation board (director)",
        expect=PAYLOADS,
        user=director,
    )

    renderer.verdict("profiles", inputs)
