"""Video embeds that never break a page.

Wagtail stores a fetched embed in its table, so a provider is asked once per
address. A failed fetch (offline, unknown provider, provider down) is remembered
in the cache for a while so that every page view does not wait on the network
again; the page shows a link card meanwhile.
"""

import hashlib
import json
import logging
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

from django.core.cache import cache as django_cache
from wagtail.embeds.embeds import get_embed
from wagtail.embeds.exceptions import EmbedException
from wagtail.embeds.finders.base import EmbedFinder

logger = logging.getLogger(__name__)
FAILURE_TTL = 10 * 60


def embed_or_none(url: str):
    """The embed for ``url``, or None when it cannot be fetched now."""
    if not url:
        return None
    key = "embed-failed:" + hashlib.sha256(url.encode()).hexdigest()
    if django_cache.get(key):
        return None
    try:
        embed = get_embed(url)
    except (EmbedException, OSError, ValueError) as error:
        logger.info("No embed for %s: %r", url, error)
        django_cache.set(key, True, FAILURE_TTL)
        return None
    return embed if embed.html else None


def player_context(url: str) -> dict:
    """What courses/blocks/video.html needs: the embed (or None) and the host
    that the link card names."""
    return {"embed": embed_or_none(url), "host": urlsplit(url).hostname or url}


@cache
def _read_fixtures(path: str) -> dict:
    return json.loads(Path(path).read_text())


class FixtureEmbedFinder(EmbedFinder):
    """oEmbed answers read from a JSON file ({url: answer}), for tests and offline use.

    Only the addresses in the file are accepted; any other falls through to the
    next finder or, if none, to the link card.
    """

    def __init__(self, path, **options):
        self.path = str(path)

    def accept(self, url):
        return url in _read_fixtures(self.path)

    def find_embed(self, url, max_width=None, max_height=None):
        answer = dict(_read_fixtures(self.path)[url])
        return {
            "title": answer.get("title", ""),
            "author_name": answer.get("author_name", ""),
            "provider_name": answer.get("provider_name", ""),
            "type": answer.get("type", "video"),
            "thumbnail_url": answer.get("thumbnail_url", ""),
            "width": answer.get("width"),
            "height": answer.get("height"),
            "html": answer.get("html", ""),
        }


embed_finder_class = FixtureEmbedFinder
