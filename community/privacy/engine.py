"""Runs every recognizer, merges and ranks their matches, and highlights them."""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Iterator

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from community.privacy.ages import _find_ages
from community.privacy.base import (
    ADDRESS,
    AGE,
    DATE,
    DEFAULT_PHONE_REGION,
    EMAIL,
    HANDLE,
    ID_NUMBER,
    NAME,
    ORGANIZATION,
    PHONE,
    URL,
    Found,
    IdentifierMatch,
    _keyword_matches,
)
from community.privacy.codes import _find_codes
from community.privacy.dates import _find_dates
from community.privacy.gazetteer_names import _find_gazetteer_names
from community.privacy.handles import _find_handles
from community.privacy.names import _find_names
from community.privacy.not_clients import is_not_a_client, not_client_spans
from community.privacy.numbers import _LONG_NUMBER_REASON, _find_numbers
from community.privacy.online import _find_online
from community.privacy.organizations import _find_organizations
from community.privacy.phones import _find_phones
from community.privacy.places import _find_places
from community.privacy.spoken_ages import _find_spoken_ages
from community.privacy.spoken_dates import _find_spoken_dates
from community.privacy.towns import _find_towns

_PRIORITY: dict[str, int] = {
    EMAIL: 0,
    URL: 1,
    ID_NUMBER: 2,
    HANDLE: 3,
    PHONE: 4,
    DATE: 5,
    AGE: 6,
    ADDRESS: 7,
    ORGANIZATION: 8,
    NAME: 9,
}


def _candidates(text: str, region: str) -> Iterator[Found]:
    keyed = _keyword_matches(text)
    yield from _find_online(text, keyed)
    yield from _find_numbers(text, keyed)
    yield from _find_codes(text, keyed)
    yield from _find_handles(text, keyed)
    yield from _find_phones(text, region)
    yield from _find_dates(text, keyed)
    yield from _find_spoken_dates(text, keyed)
    yield from _find_ages(text, keyed)
    yield from _find_spoken_ages(text, keyed)
    yield from _find_places(text, keyed)
    yield from _find_towns(text, keyed)
    yield from _find_organizations(text, keyed)
    yield from _find_names(text, keyed)
    yield from _find_gazetteer_names(text, keyed)


def _merge_same_category(candidates: Iterable[Found]) -> list[Found]:
    """Union overlapping spans of one category; the longer span's reason is kept."""
    by_category: dict[str, list[Found]] = {}
    for candidate in candidates:
        by_category.setdefault(candidate[2], []).append(candidate)
    merged: list[Found] = []
    for items in by_category.values():
        items.sort()
        current = items[0]
        for item in items[1:]:
            if item[0] < current[1]:
                # On a tie the first reason sorted stays: the context rules'
                # ("next to a clinical word") over the gazetteer's plain one.
                longer = max(current, item, key=lambda c: c[1] - c[0])
                current = (current[0], max(current[1], item[1]), current[2], longer[3])
            else:
                merged.append(current)
                current = item
        merged.append(current)
    return merged


def _rank(found: Found) -> tuple[int, int, int]:
    start, end, category, reason = found
    priority = len(_PRIORITY) if reason == _LONG_NUMBER_REASON else _PRIORITY[category]
    return priority, start - end, start


def _drop_not_clients(
    candidates: Iterable[Found], text: str, members: Iterable[str]
) -> Iterator[Found]:
    masked = not_client_spans(text, members)
    for candidate in candidates:
        start, end, category, _ = candidate
        if category in (NAME, ORGANIZATION) and is_not_a_client(
            text, start, end, masked
        ):
            continue
        if category == HANDLE and _mentions_a_member(text, start, masked):
            continue
        yield candidate


def _mentions_a_member(text: str, start: int, spans) -> bool:
    """ "@Dana Reyes" in a forum post mentions a member (forum.mentions): the
    handle recognizer's "@Dana" is a colleague's name, not a client's."""
    return text[start : start + 1] == "@" and any(
        full_name and s == start + 1 for s, _e, full_name in spans
    )


def find_identifiers(
    text: str,
    *,
    region: str = DEFAULT_PHONE_REGION,
    members: Iterable[str] = (),
) -> list[IdentifierMatch]:
    """Likely identifiers in ``text``, sorted by start and never overlapping.

    ``region`` is the country assumed for phone numbers written without "+";
    ``members`` are the site's members' full display names, which are not
    clients' names (see ``not_clients``).
    """
    if not text or not text.strip():
        return []
    candidates = _drop_not_clients(_candidates(text, region), text, members)
    merged = _merge_same_category(candidates)
    # Most specific category first, then the longest span; keep what does not overlap.
    merged.sort(key=_rank)
    kept: list[Found] = []  # sorted by start, never overlapping
    starts: list[int] = []
    for candidate in merged:
        start, end = candidate[0], candidate[1]
        at = bisect.bisect_right(starts, start)
        if start >= end:
            continue
        if at and kept[at - 1][1] > start:
            continue  # overlaps the kept match before it
        if at < len(kept) and kept[at][0] < end:
            continue  # overlaps the kept match after it
        kept.insert(at, candidate)
        starts.insert(at, start)
    return [
        IdentifierMatch(start=s, end=e, category=c, reason=r, source=text)
        for s, e, c, r in kept
    ]


def _escape_block(text: str) -> str:
    escaped = str(escape(text))
    return escaped.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "<br>")


def highlight_identifiers(
    text: str, matches: list[IdentifierMatch] | None = None
) -> SafeString:
    """``text`` as safe HTML with each match in a ``<mark class="privacy-match">``.

    Everything, the reason included, goes through ``escape``: this is the only place
    the author's raw text meets the page, so no user HTML can pass. Matches that are
    out of range or overlap an earlier one are skipped rather than trusted.
    """
    if matches is None:
        matches = find_identifiers(text)
    parts: list[str] = []
    position = 0
    for match in sorted(matches, key=lambda m: (m.start, m.end)):
        if match.start < position or match.end > len(text) or match.start >= match.end:
            continue
        parts.append(_escape_block(text[position : match.start]))
        category = escape(match.category)
        reason = escape(match.reason)
        inner = _escape_block(text[match.start : match.end])
        parts.append(
            f'<mark class="privacy-match" data-category="{category}" title="{reason}">'
            f"{inner}</mark>"
        )
        position = match.end
    parts.append(_escape_block(text[position:]))
    # Every piece was escaped above.
    return mark_safe("".join(parts))  # noqa: S308  # nosec B308 B703
