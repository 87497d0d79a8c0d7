"""User-written text to safe HTML: Markdown rendered, then a bleach allow-list.

Everything members write (forum posts, signatures, session questions) goes through
``render_markdown`` before it reaches a page, a feed or an email. The allow-list is
the last word: whatever the Markdown renderer lets through, no script, style,
iframe, event handler or javascript:/data: URL survives, and links get
rel="nofollow noopener" (and open in the same tab).
"""

from functools import partial

import bleach
from bleach.linkifier import LinkifyFilter
from django.utils.safestring import SafeString, mark_safe
from markdown2 import markdown

ALLOWED_TAGS = frozenset(
    {
        "a",
        "abbr",
        "b",
        "blockquote",
        "br",
        "code",
        "del",
        "em",
        "h3",
        "h4",
        "h5",
        "hr",
        "i",
        "li",
        "ol",
        "p",
        "pre",
        "strong",
        "sub",
        "sup",
        "ul",
    }
)
ALLOWED_ATTRIBUTES = {"a": ["href", "title", "rel"], "abbr": ["title"]}
ALLOWED_PROTOCOLS = frozenset({"http", "https", "mailto"})
MARKDOWN_EXTRAS = {"break-on-newline": True, "fenced-code-blocks": None, "strike": None}


def _link_rel(attrs, new=False):
    attrs[(None, "rel")] = "nofollow noopener"
    attrs.pop((None, "target"), None)
    return attrs


# One pass: clean to the allow-list, then turn bare URLs into (marked) links.
_cleaner = bleach.Cleaner(
    tags=ALLOWED_TAGS,
    attributes=ALLOWED_ATTRIBUTES,
    protocols=ALLOWED_PROTOCOLS,
    strip=False,  # disallowed tags are shown as the text that was typed
    strip_comments=True,
    filters=[partial(LinkifyFilter, callbacks=[_link_rel], skip_tags={"pre", "code"})],
)


def clean_html(html: str) -> SafeString:
    """Reduce any HTML to the allow-list; links are marked nofollow noopener."""
    # bleach has just reduced it to the allow-list.
    return mark_safe(_cleaner.clean(html or ""))  # noqa: S308  # nosec B308 B703


def render_markdown(text: str) -> SafeString:
    """Markdown as members write it, rendered and then cleaned."""
    html = markdown(text or "", extras=MARKDOWN_EXTRAS)
    return clean_html(html.strip())
