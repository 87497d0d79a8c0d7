"""Handles without an "@": gaming tags, usernames and chat names.

- after a word that names one ("his gamertag is GrimReaperXIII", "an account
  called helpfulbuilder88", "her discord is lunarmoth#0412", "Kai's Twitch is
  kaiplaysbadly");
- before a platform ("ShadowFoxx on PSN");
- by shape anywhere: an underscore inside a word (nightowl_kestrel) or a
  Discord tag (quietfern#2210), which prose never has.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from community.privacy import gazetteers
from community.privacy.base import HANDLE, Found, Keyed
from community.privacy.words import _NOT_NAMES

_REASON = "Looks like a username or handle"
_PLATFORMS = (
    r"twitch|steam|psn|playstation|xbox|roblox|discord|reddit|tiktok|snapchat|snap"
    r"|instagram|insta|twitter|kik|telegram|minecraft|fortnite|tumblr|youtube"
    r"|pinterest|threads|bluesky|venmo|cashapp|onlyfans|grindr|tinder|hinge|bumble"
)
_HANDLE = r"(?P<handle>[A-Za-z0-9][A-Za-z0-9_.#\-]{2,31}[A-Za-z0-9])"
_NAMED = re.compile(
    r"(?i:\b(?:gamer[ ]?tag|gaming[ ]tag|tag|user[ ]?name|handle|screen[ ]?name"
    r"|nick(?:name)?[ ]online|account|profile|alias"
    rf"|(?:{_PLATFORMS})(?:[ ](?:name|tag|handle|username|account|id))?)"
    r"(?:[ ]+(?:is|was|called|named|of)|[ ]*[:=])"
    r"|\b(?:posts|streams|plays|games|goes)[ ]+(?:as|by|under))[ ]+" + _HANDLE
)
_BEFORE_PLATFORM = re.compile(rf"{_HANDLE}[ ]+(?i:on|at)[ ]+(?i:{_PLATFORMS})\b")
_SHAPED = re.compile(
    r"(?<![\w@/.])(?:[A-Za-z0-9]+_[A-Za-z0-9_]*[A-Za-z0-9]|[A-Za-z][\w.]{2,30}#\d{4})"
    r"(?![\w@])"
)


def _handle_like(token: str) -> bool:
    low = token.lower()
    if low in _NOT_NAMES:
        return False
    unusual = any(c.isdigit() or c in "_#." for c in token)
    inner_capital = any(c.isupper() for c in token[1:]) and not token.isupper()
    return unusual or inner_capital or gazetteers.zipf(low) < 3.0


def _find_handles(text: str, keyed: Keyed) -> Iterator[Found]:
    for regex in (_NAMED, _BEFORE_PLATFORM):
        for m in regex.finditer(text):
            if _handle_like(m["handle"]):
                yield m.start("handle"), m.end("handle"), HANDLE, _REASON
    for m in _SHAPED.finditer(text):
        yield m.start(), m.end(), HANDLE, _REASON
