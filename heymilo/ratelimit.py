"""Counting hits in the shared cache: rate limits that hold across web processes and nodes
(Redis when REDIS_URL is set; otherwise the process's own memory)."""

import functools
import time

from django.conf import settings
from django.core.cache import cache
from redis import Redis

WINDOW_SECONDS = 60


def fixed_window_hit(
    bucket: str, limit: int, *, window_seconds: int = WINDOW_SECONDS
) -> tuple[bool, int, int]:
    """Count one hit in the current window (a minute by default); return (allowed, remaining,
    seconds until reset).

    A fixed window in the shared cache (Redis in production) holds across web processes.
    """
    now = time.time()
    window = int(now // window_seconds)
    key = f"ratelimit:{bucket}:{window_seconds}:{window}"
    count = _count(key, timeout=window_seconds * 2)
    reset_in = int((window + 1) * window_seconds - now) + 1
    return count <= limit, max(limit - count, 0), reset_in


def _count(key: str, timeout: int) -> int:
    """One more hit on `key`. On Redis a single round trip (every API request pays it; the
    cache API would take three); elsewhere the cache's add and incr."""
    client = _redis()
    if client is not None:
        pipeline = client.pipeline(transaction=False)
        pipeline.set(key, 0, ex=timeout, nx=True)
        pipeline.incr(key)
        return pipeline.execute()[1]
    cache.add(key, 0, timeout=timeout)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=timeout)
        return 1


@functools.cache
def _redis() -> Redis | None:
    if not settings.REDIS_URL:
        return None
    return Redis.from_url(settings.REDIS_URL, socket_connect_timeout=2, socket_timeout=5)
