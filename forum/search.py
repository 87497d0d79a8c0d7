"""Forum search: ranked, highlighted, offline.

On PostgreSQL it is full-text search over subject and text with
``django.contrib.postgres.search``: the member's words as a websearch query,
matched against the stored tsvector column and its GIN index (migration 0002),
ranked with ts_rank and highlighted with ts_headline. On SQLite, which has none
of this, every word must appear (case-insensitive), posts are ranked by how
often the words occur, subject hits counting more, and the words are marked by
hand. Both search only approved posts in forums the member may read.
"""

import re
from dataclasses import dataclass, field
from functools import cached_property

from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVectorField,
)
from django.db import connection
from django.db.models import Expression, F, Q, Value
from django.db.models.expressions import Col
from django.db.models.functions import Coalesce, NullIf
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

MAX_QUERY_LENGTH = 200
MAX_WORDS = 8
SNIPPET_CHARS = 240
CONFIG = "english"  # the configuration migration 0002 builds the vector with
# A very common word matches thousands of posts; only the newest 2,000 matches
# are ranked, so a search costs the same at 10,000 posts as at 1,000,000. They
# are the newest the member may read: approval and forum are filtered first.
NEWEST_MATCHES = 2_000
# The results page shows 20: the first snippet a page asks for brings its own
# and the next ones' in one query.
HEADLINE_BATCH = 20
# ts_headline returns the post's raw text (members type Markdown, BBCode, HTML)
# with these around the matches. Unicode noncharacters are meant for exactly
# this internal use; the text is escaped whole, then each pair becomes <mark>
# and any stray one (a member can type them too) is dropped.
START_SEL, STOP_SEL = "\ufdd0", "\ufdd1"
SELECTED = re.compile(f"{START_SEL}([^{START_SEL}{STOP_SEL}]*){STOP_SEL}")
HEADLINE_OPTIONS = {"config": CONFIG, "start_sel": START_SEL, "stop_sel": STOP_SEL}
# One excerpt around the best match, about SQLite's SNIPPET_CHARS long. (With
# MaxFragments ts_headline trims each fragment's first and last words.)
SNIPPET_OPTIONS = {**HEADLINE_OPTIONS, "max_words": 35, "min_words": 15}


class StoredVector(Expression):
    """The post's ``search_vector`` column. The database fills it and machina's
    model does not know it, so F() cannot name it; this resolves to the column
    of the query's own post table, wherever the query puts it (a subquery too).
    """

    def resolve_expression(self, query=None, *args, **kwargs):
        column = SearchVectorField()
        column.set_attributes_from_name("search_vector")
        return Col(query.get_initial_alias(), column)


@dataclass
class SearchResult:
    """One hit. Its highlighted snippet and subject are made when a page shows
    them, so a search pays for the 20 results on screen, not all 100."""

    post: object
    rank: float
    words: list[str]
    headlines: "Headlines | None" = field(default=None, repr=False, compare=False)

    @cached_property
    def snippet(self) -> SafeString:
        if marked := self.headlines and self.headlines.of(self.post.pk):
            return marked[0]
        return snippet(_raw(self.post), self.words)

    @cached_property
    def subject(self) -> SafeString:
        if marked := self.headlines and self.headlines.of(self.post.pk):
            return marked[1]
        return highlight(self.post.subject or self.post.topic.subject, self.words)


class Headlines:
    """PostgreSQL's highlighted snippets and subjects for one list of results,
    fetched a page at a time as the results are shown."""

    def __init__(self, *, query: SearchQuery, post_ids: list[int]):
        self.query = query
        self.post_ids = post_ids
        self.fetched: dict[int, tuple[SafeString, SafeString]] = {}

    def of(self, post_id: int) -> tuple[SafeString, SafeString] | None:
        """None if the post went away since the search (then SQLite's way)."""
        if post_id not in self.fetched:
            start = self.post_ids.index(post_id)
            self._fetch(self.post_ids[start : start + HEADLINE_BATCH])
        return self.fetched.get(post_id)

    def _fetch(self, post_ids: list[int]) -> None:
        from machina.apps.forum_conversation.models import Post

        rows = (
            Post.objects.filter(pk__in=post_ids)
            .annotate(
                snippet_headline=SearchHeadline(
                    "content", self.query, **SNIPPET_OPTIONS
                ),
                subject_headline=SearchHeadline(
                    Coalesce(NullIf("subject", Value("")), "topic__subject"),
                    self.query,
                    highlight_all=True,
                    **HEADLINE_OPTIONS,
                ),
            )
            .order_by()
            .values_list("pk", "snippet_headline", "subject_headline")
        )
        for pk, snippet_headline, subject_headline in rows:
            self.fetched[pk] = (_marked(snippet_headline), _marked(subject_headline))


def _marked(headline: str | None) -> SafeString:
    """A headline escaped whole, its selection marks turned into <mark>."""
    text = SELECTED.sub(r"<mark>\1</mark>", escape(" ".join((headline or "").split())))
    text = text.replace(START_SEL, "").replace(STOP_SEL, "")
    # Escaped above; the only markup is the <mark> pairs put in here.
    return mark_safe(text)  # noqa: S308  # nosec B308 B703


def query_words(query: str) -> list[str]:
    words = re.findall(r"[\w'’-]{2,}", (query or "")[:MAX_QUERY_LENGTH].lower())
    return list(dict.fromkeys(words))[:MAX_WORDS]


def highlight(text: str, words: list[str]) -> SafeString:
    """The text escaped, with each word (and its endings) wrapped in <mark>.
    SQLite's stand-in for ts_headline."""
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
    """The part of the text around the first match, highlighted (SQLite)."""
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
        search = SearchQuery(" ".join(words), search_type="websearch", config=CONFIG)
        # The cap applies to what this member may find: the newest matches of
        # all posts could all be in a forum they cannot read, or unapproved.
        newest_matches = (
            posts.alias(search_vector=StoredVector())
            .filter(search_vector=search)
            .order_by("-id")
            .values("id")[:NEWEST_MATCHES]
        )
        ranked = [
            (post, post.rank)
            for post in posts.alias(search_vector=StoredVector())
            .filter(search_vector=search, id__in=newest_matches)
            .annotate(rank=SearchRank(F("search_vector"), search))
            .order_by("-rank", "-created")[:limit]
        ]
        headlines = Headlines(query=search, post_ids=[post.pk for post, _ in ranked])
    else:
        for word in words:
            posts = posts.filter(
                Q(content__icontains=word) | Q(subject__icontains=word)
            )
        candidates = posts.order_by("-created", "-id")[: min(NEWEST_MATCHES, limit * 5)]
        ranked = sorted(
            ((post, _sqlite_rank(post, words)) for post in candidates),
            key=lambda pair: (-pair[1], -pair[0].created.timestamp()),
        )[:limit]
        headlines = None
    return [
        SearchResult(post=post, rank=rank, words=words, headlines=headlines)
        for post, rank in ranked
    ]


def _raw(post) -> str:
    content = post.content
    return getattr(content, "raw", None) or str(content or "")


def _sqlite_rank(post, words: list[str]) -> float:
    # Every candidate contains every word (the query says so); rank by how often.
    subject = (post.subject or "").lower()
    body = _raw(post).lower()
    return float(sum(3 * subject.count(w) + body.count(w) for w in words))
