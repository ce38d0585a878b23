"""Counting hits in the shared cache: rate limits that hold across web processes and nodes
(Redis when REDIS_URL is set; otherwise the process's own memory)."""

import time

from django.core.cache import cache

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
    cache.add(key, 0, timeout=window_seconds * 2)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window_seconds * 2)
        count = 1
    reset_in = int((window + 1) * window_seconds - now) + 1
    return count <= limit, max(limit - count, 0), reset_in
