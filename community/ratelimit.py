"""A fixed-window rate limit in the shared cache (Redis in production), so that
every app process counts together."""

import time

from django.core.cache import cache


def hit(*, key: str, limit: int, period: int) -> bool:
    """Count one action; True when this one goes over ``limit`` per ``period`` s."""
    window = int(time.time() // period)
    cache_key = f"ratelimit:{key}:{window}"
    if cache.add(cache_key, 1, timeout=period + 1):
        return limit < 1
    try:
        return cache.incr(cache_key) > limit
    except ValueError:  # expired between add and incr
        cache.add(cache_key, 1, timeout=period + 1)
        return False
