"""Forum search: ranked, highlighted, offline.

On PostgreSQL it is full-text search over subject and text, using the stored
tsvector column and its GIN index (migration 0002), ranked with ts_rank. On
SQLite every word must appear (case-insensitive) and posts are ranked by how
often the words occur, subject hits counting more. Both search only approved
posts in forums the member may read.
"""

import re
from dataclasses import dataclass
from functools import cached_property

from django.db import connection
from django.db.models import Q
from django.db.models.expressions import RawSQL
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

MAX_QUERY_LENGTH = 200
MAX_WORDS = 8
SNIPPET_CHARS = 240
DOCUMENT_SQL = "forum_conversation_post.search_vector"
QUERY_SQL = "websearch_to_tsquery('english', %s)"
RANK_SQL = f"ts_rank({DOCUMENT_SQL}, {QUERY_SQL})"
# A very common word matches thousands of posts; only the newest 2,000 matches
# are ranked, so a search costs the same at 10,000 posts as at 1,000,000.
# Constants only; the member's words are the %s parameter.
NEWEST_MATCHES_SQL = (
    "forum_conversation_post.id IN (SELECT id FROM forum_conversation_post "
    "WHERE search_vector @@ websearch_to_tsquery('english', %s) "
    "ORDER BY id DESC LIMIT 2000)"
)


@dataclass
class SearchResult:
    """One hit. Its highlighted snippet and subject are made when a page shows
    them, so a search pays for the 20 results on screen, not all 200."""

    post: object
    rank: float
    words: list[str]

    @cached_property
    def snippet(self) -> SafeString:
        return snippet(_raw(self.post), self.words)

    @cached_property
    def subject(self) -> SafeString:
        return highlight(self.post.subject or self.post.topic.subject, self.words)


def query_words(query: str) -> list[str]:
    words = re.findall(r"[\w'’-]{2,}", (query or "")[:MAX_QUERY_LENGTH].lower())
    return list(dict.fromkeys(words))[:MAX_WORDS]


def highlight(text: str, words: list[str]) -> SafeString:
    """The text escaped, with each word (and its endings) wrapped in <mark>."""
    if not words:
        return escape(text)
    pattern = re.compile(
        r"(?i)\b(" + "|".join(re.escape(w) for w in words) + r")\w*", re.UNICODE
    )
    out, last = [], 0
    for match in pattern.finditer(text):
        out.append(escape(text[last : match.start()]))
        out.append(f"<mark>{escape(match.group(0))}</mark>")
        last = match.end()
    out.append(escape(text[last:]))
    # Every piece is escaped above.
    return mark_safe("".join(out))  # noqa: S308  # nosec B308 B703


def snippet(text: str, words: list[str]) -> SafeString:
    """The part of the text around the first match, highlighted."""
    text = re.sub(r"\s+", " ", text or "").strip()
    lowered = text.lower()
    positions = [lowered.find(w) for w in words if lowered.find(w) >= 0]
    start = max(min(positions) - SNIPPET_CHARS // 3, 0) if positions else 0
    piece = text[start : start + SNIPPET_CHARS]
    prefix = "… " if start else ""
    suffix = " …" if start + SNIPPET_CHARS < len(text) else ""
    # highlight() escapes; the prefix and suffix are our own text.
    return mark_safe(prefix + highlight(piece, words) + suffix)  # noqa: S308  # nosec B308 B703


def search_posts(
    *, query: str, readable_forums, limit: int = 100
) -> list[SearchResult]:
    from machina.apps.forum_conversation.models import Post

    words = query_words(query)
    if not words:
        return []
    posts = Post.objects.filter(
        approved=True, topic__approved=True, topic__forum__in=readable_forums
    ).select_related("topic", "topic__forum", "poster")
    if connection.vendor == "postgresql":
        text = " ".join(words)
        posts = (
            # Fixed SQL text; the member's words are a bound parameter.
            posts.annotate(rank=RawSQL(RANK_SQL, [text]))  # noqa: S611  # nosec B611 B610
            .extra(  # noqa: S610
                where=[f"{DOCUMENT_SQL} @@ {QUERY_SQL}", NEWEST_MATCHES_SQL],
                params=[text, text],
            )
            .order_by("-rank", "-created")[:limit]
        )
        ranked = [(post, post.rank) for post in posts]
    else:
        for word in words:
            posts = posts.filter(
                Q(content__icontains=word) | Q(subject__icontains=word)
            )
        candidates = posts.order_by("-created")[: limit * 5]
        ranked = sorted(
            ((post, _sqlite_rank(post, words)) for post in candidates),
            key=lambda pair: (-pair[1], -pair[0].created.timestamp()),
        )[:limit]
    return [SearchResult(post=post, rank=rank, words=words) for post, rank in ranked]


def _raw(post) -> str:
    content = post.content
    return getattr(content, "raw", None) or str(content or "")


def _sqlite_rank(post, words: list[str]) -> float:
    # Every candidate contains every word (the query says so); rank by how often.
    subject = (post.subject or "").lower()
    body = _raw(post).lower()
    return float(sum(3 * subject.count(w) + body.count(w) for w in words))
