"""Email addresses, URLs and handles."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from community.privacy.base import (
    EMAIL,
    HANDLE,
    URL,
    Found,
    Keyed,
    _alternation,
    _keyed,
    _words,
)
from community.privacy.gazetteers import data_lines
from community.privacy.words import _NOT_NAMES

_EMAIL_DOMAIN = re.compile(
    r"@(?:[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,24}\b"
)
_EMAIL_LOCAL = re.compile(r"(?<![\w.+\-])[A-Za-z0-9][A-Za-z0-9._%+\-]{0,63}$")
_SCHEME_URL = _keyed(
    "scheme_url", _words("http https www"), r"(?i:https?://|www\.)[^\s<>\"'()\[\]{}]+"
)
# Top-level domains that are not also common English words, so that "that.It" (a
# missing space) is not a web address.
_TLDS = [word for line in data_lines("tlds.txt") for word in line.split()]
_TLD = re.compile(r"\.(?:" + "|".join(_TLDS) + r")\b(?![.\-]?\w)")
_DOMAIN_BEFORE_TLD = re.compile(
    r"(?<![\w.@/\-])(?:[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?\.){0,4}"
    r"[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?$"
)
_URL_PATH = re.compile(r"/[^\s<>\"'()\[\]{}]*")
_URL_TRAILING = ".,;:!?)]}'\"’”"

_AT_HANDLE = re.compile(
    r"@(?<![\w@.]@)[A-Za-z0-9_](?:[A-Za-z0-9_.]{0,28}[A-Za-z0-9_])?"
)
_REDDIT_USER = re.compile(r"u/(?<![\w/]u/)[A-Za-z0-9_\-]{3,20}\b")
_PLATFORMS = _words(
    """
    instagram insta ig twitter tiktok snapchat snap facebook fb reddit discord
    telegram threads bluesky tumblr youtube twitch linkedin kik"""
)
_PLATFORM_HANDLE = _keyed(
    "platform",
    _PLATFORMS,
    rf"(?i:{_alternation(_PLATFORMS)})"
    r"(?P<label>[ ]+(?i:handle|username|user[ ]name|account|profile|name|id))?"
    r"[ ]*(?P<sep>:|=|[ ](?i:is|as))[ ]*@?(?P<handle>[A-Za-z0-9_.]{2,30}[A-Za-z0-9_])",
)


_PUBLIC_SUFFIXES = (".gov", ".edu", ".int", ".mil", ".nhs.uk", ".gov.uk")


@cache
def _public_sites() -> frozenset[str]:
    return frozenset(line.lower() for line in data_lines("public_sites.txt"))


def _public_resource(url: str) -> bool:
    """A bare domain of a public resource (988lifeline.org, samhsa.gov)."""
    host, _, path = url.lower().removeprefix("www.").partition("/")
    if path.strip("/"):
        return False
    return host in _public_sites() or host.endswith(_PUBLIC_SUFFIXES)


def _trim_url(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1] in _URL_TRAILING:
        end -= 1
    return end


def _find_online(text: str, keyed: Keyed) -> Iterator[Found]:
    for m in _EMAIL_DOMAIN.finditer(text):
        local = _EMAIL_LOCAL.search(text, max(0, m.start() - 64), m.start())
        if local:
            yield local.start(), m.end(), EMAIL, "Looks like an email address"
    url_reason = "Looks like a web address"
    for m in keyed.get(_SCHEME_URL, ()):
        end = _trim_url(text, m.start(), m.end())
        if end > m.start():
            yield m.start(), end, URL, url_reason
    for m in _TLD.finditer(text):
        domain = _DOMAIN_BEFORE_TLD.search(text, max(0, m.start() - 120), m.start())
        if domain is None:
            continue
        path = _URL_PATH.match(text, m.end())
        end = _trim_url(text, m.end(), path.end()) if path else m.end()
        if not _public_resource(text[domain.start() : end]):
            yield domain.start(), end, URL, url_reason
    reason = "Looks like a social media handle"
    for regex in (_AT_HANDLE, _REDDIT_USER):
        for m in regex.finditer(text):
            yield m.start(), m.end(), HANDLE, reason
    for m in keyed.get(_PLATFORM_HANDLE, ()):
        handle = m.group("handle")
        strong = m.group("label") or m.group("sep") in (":", "=")
        if handle.lower() in _NOT_NAMES:
            continue
        if strong or any(c.isdigit() or c in "_." for c in handle):
            yield m.start("handle"), m.end("handle"), HANDLE, reason
