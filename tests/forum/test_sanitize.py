"""No user-written HTML reaches a page unsanitised: subjects, bodies, signatures,
profile fields."""

import re
from html.parser import HTMLParser

import pytest
from machina.apps.forum_member.models import ForumProfile

from community.sanitize import render_markdown
from tests.community import factories
from tests.forum.conftest import make_topic, topic_url

pytestmark = pytest.mark.django_db

PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    "<iframe src='https://evil.example'></iframe>",
    "<a href='javascript:alert(1)'>x</a>",
    "[click](javascript:alert(1))",
    "[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    '<a href="#" onclick="alert(1)">x</a>',
    "<body onload=alert(1)>",
    "<style>body{display:none}</style>",
    '<div style="background:url(javascript:alert(1))">x</div>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '"><script>alert(1)</script>',
    "'><img src=x onerror=alert(1)>",
    "<IMG SRC=JaVaScRiPt:alert('XSS')>",
    '<a href="jav&#x09;ascript:alert(1)">x</a>',
    '<object data="javascript:alert(1)"></object>',
    '<embed src="javascript:alert(1)">',
    '<form action="javascript:alert(1)"><button>x</button></form>',
    "<input autofocus onfocus=alert(1)>",
    "<details open ontoggle=alert(1)>",
    "<video><source onerror=alert(1)></video>",
    "<marquee onstart=alert(1)>x</marquee>",
    '<base href="javascript:alert(1)//">',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '![x](x" onerror="alert(1))',
    "<<script>script>alert(1)<</script>/script>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "%3Cscript%3Ealert(1)%3C/script%3E",
    '<a href="vbscript:msgbox(1)">x</a>',
]
BAD_TAGS = {
    "script",
    "style",
    "iframe",
    "object",
    "embed",
    "form",
    "input",
    "svg",
    "math",
    "base",
    "meta",
    "img",
    "video",
    "source",
    "details",
    "marquee",
    "body",
    "link",
}
BAD_SCHEMES = ("javascript:", "vbscript:", "data:")
# The site's own forms on a topic page (a post's reactions).
OUR_FORM = re.compile(r"^/forum/posts/\d+/react/$")


class _Elements(HTMLParser):
    """Collects what a browser would treat as markup (escaped text is not).
    Our own forms and inputs are fine; their attributes are still checked."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.in_our_form = False

    def handle_endtag(self, tag):
        if tag == "form":
            self.in_our_form = False

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag == "form" and OUR_FORM.match(values.get("action") or ""):
            self.in_our_form = True  # a reaction's buttons, under each post
        elif tag in BAD_TAGS and not (self.in_our_form and tag == "input"):
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"{tag} {name}=")
            scheme = (value or "").strip().lower().replace("\t", "")
            if name == "style" or (
                name in ("href", "src", "action", "data")
                and scheme.startswith(BAD_SCHEMES)
            ):
                self.found.append(f"{tag} {name}={value}")


def dangerous_bits(html: str) -> list[str]:
    parser = _Elements()
    parser.feed(html)
    return parser.found


@pytest.mark.parametrize("payload", PAYLOADS)
def test_rendered_markdown_keeps_nothing_dangerous(payload):
    assert dangerous_bits(str(render_markdown(payload))) == []


def test_links_get_nofollow_noopener():
    html = str(render_markdown("[site](https://example.org) and https://example.com"))
    assert html.count('rel="nofollow noopener"') == 2


def main_part(html: str) -> str:
    return html.split('<main id="main"', 1)[1].split("</main>", 1)[0]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_payloads_in_subject_body_signature_and_name_are_inert_on_the_page(
    client, cases, payload
):
    author = factories.member(user__display_name=f"Dana {payload}")
    profile, _ = ForumProfile.objects.get_or_create(user=author)
    profile.signature = payload
    profile.save()
    topic = make_topic(
        forum=cases, poster=author, subject=f"Case {payload}"[:200], content=payload
    )
    topic.first_post.enable_signature = True
    topic.first_post.save()
    client.force_login(factories.member())
    html = main_part(client.get(topic_url(topic)).content.decode())
    assert dangerous_bits(html) == [], payload
