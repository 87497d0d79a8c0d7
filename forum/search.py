"""Forum search: ranked, highlighted, offline.

On PostgreSQL it is full-text search over subject and text with
``django.contrib.postgres.search``: the member's words as a websearch query,
matched against the stored tsvector column and its GIN index (migration 0002),
ranked with ts_rank and highlighted with ts_headline. On SQLite, which has none
of this, every word must appear in some form: words are reduced to their stems
with the same Snowball English stemmer PostgreSQL's "english" configuration
uses (``snowballstemmer``), so "cancelling" finds "cancels" on both. SQL narrows
the candidates by each stem's letters, Python keeps those whose words share every
stem, ranks them by how often (subject hits counting more) and marks the words by
hand. Both search only approved posts in forums the member may read, and may be
limited to posts written between two dates.
"""

import datetime
import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

import snowballstemmer
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
from django.utils import timezone
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


WORD = re.compile(r"[\w'’-]+")


def query_words(query: str) -> list[str]:
    words = re.findall(r"[\w'’-]{2,}", (query or "")[:MAX_QUERY_LENGTH].lower())
    return list(dict.fromkeys(words))[:MAX_WORDS]


@lru_cache(maxsize=1)
def _stemmer():
    return snowballstemmer.stemmer("english")


@lru_cache(maxsize=20_000)
def stem(word: str) -> str:
    """A word's Snowball English stem ("cancelling", "cancels" -> "cancel")."""
    return _stemmer().stemWord(word.lower().replace("’", "'"))


def _token_stems(token: str) -> set[str]:
    """The stems a word of a post counts as: the whole and, for "self-harm" or
    "client's", its parts, so a search for "harm" finds it."""
    parts = [token, *re.split(r"['’-]+", token)]
    return {stem(part) for part in parts if part}


def text_stems(text: str) -> set[str]:
    return set().union(*(_token_stems(t) for t in WORD.findall(text or "")))


def _sql_fragment(word: str) -> str:
    """Letters every form of the word shares, for SQL to narrow the candidates:
    the part of the word its stem keeps ("happy" -> "happi" -> "happ")."""
    stemmed = stem(word)
    size = 0
    while size < min(len(word), len(stemmed)) and word[size] == stemmed[size]:
        size += 1
    return word[: max(size, 2)]


def highlight(text: str, words: list[str]) -> SafeString:
    """The text escaped, with each word that shares a stem with one searched
    for wrapped in <mark>. SQLite's stand-in for ts_headline."""
    if not words:
        return escape(text)
    stems = {stem(w) for w in words}
    out, last = [], 0
    for match in WORD.finditer(text):
        if not _token_stems(match.group(0)) & stems:
            continue
        out.append(escape(text[last : match.start()]))
        out.append(f"<mark>{escape(match.group(0))}</mark>")
        last = match.end()
    out.append(escape(text[last:]))
    # Every piece is escaped above.
    return mark_safe("".join(out))  # noqa: S308  # nosec B308 B703


def snippet(text: str, words: list[str]) -> SafeString:
    """The part of the text around the first match, highlighted (SQLite)."""
    text = re.sub(r"\s+", " ", text or "").strip()
    stems = {stem(w) for w in words}
    positions = [
        match.start()
        for match in WORD.finditer(text)
        if _token_stems(match.group(0)) & stems
    ][:1]
    start = max(min(positions) - SNIPPET_CHARS // 3, 0) if positions else 0
    piece = text[start : start + SNIPPET_CHARS]
    prefix = "… " if start else ""
    suffix = " …" if start + SNIPPET_CHARS < len(text) else ""
    # highlight() escapes; the prefix and suffix are our own text.
    return mark_safe(prefix + highlight(piece, words) + suffix)  # noqa: S308  # nosec B308 B703


def _day_start(day: datetime.date) -> datetime.datetime:
    """Midnight of a day in the member's time zone (the dates they typed)."""
    return timezone.make_aware(
        datetime.datetime.combine(day, datetime.time.min),
        timezone.get_current_timezone(),
    )


def search_posts(
    *,
    query: str,
    readable_forums,
    since: datetime.date | None = None,
    until: datetime.date | None = None,
    limit: int = 100,
) -> list[SearchResult]:
    """Posts matching every word, best first. ``since`` and ``until`` are days
    (both included) in the member's time zone."""
    from machina.apps.forum_conversation.models import Post

    words = query_words(query)
    if not words:
        return []
    posts = Post.objects.filter(
        approved=True, topic__approved=True, topic__forum__in=readable_forums
    ).select_related("topic", "topic__forum", "poster")
    if since:
        posts = posts.filter(created__gte=_day_start(since))
    if until:
        posts = posts.filter(created__lt=_day_start(until + datetime.timedelta(days=1)))
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
            fragment = _sql_fragment(word)
            posts = posts.filter(
                Q(content__icontains=fragment) | Q(subject__icontains=fragment)
            )
        stems = {stem(w) for w in words}
        candidates = posts.order_by("-created", "-id")[: min(NEWEST_MATCHES, limit * 5)]
        matches = [
            post
            for post in candidates
            if stems <= text_stems(f"{post.subject or ''} {_raw(post)}")
        ]
        ranked = sorted(
            ((post, _sqlite_rank(post, stems)) for post in matches),
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


def _sqlite_rank(post, stems: set[str]) -> float:
    # Every match has every stem; rank by how often its words carry one.
    def hits(text: str) -> int:
        return sum(bool(_token_stems(t) & stems) for t in WORD.findall(text or ""))

    return float(3 * hits(post.subject or "") + hits(_raw(post)))
