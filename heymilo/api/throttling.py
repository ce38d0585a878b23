import time

from django.conf import settings
from django.core.cache import cache
from rest_framework.throttling import BaseThrottle

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


class RateLimitedThrottle(BaseThrottle):
    """Stores the figures on the request so the view can send X-RateLimit-* headers."""

    def limit(self) -> int:
        raise NotImplementedError

    def bucket(self, request, view) -> str | None:
        raise NotImplementedError

    def allow_request(self, request, view):
        bucket = self.bucket(request, view)
        if bucket is None:
            return True
        limit = self.limit()
        allowed, remaining, reset_in = fixed_window_hit(bucket, limit)
        request.rate_limit = {"limit": limit, "remaining": remaining, "reset": reset_in}
        self.reset_in = reset_in
        return allowed

    def wait(self):
        return self.reset_in


class ApiKeyRateThrottle(RateLimitedThrottle):
    def limit(self) -> int:
        return settings.API_RATE_LIMIT_PER_MINUTE

    def bucket(self, request, view):
        return f"key:{request.auth.pk}" if request.auth is not None else None


def rate_limit_headers(request) -> dict[str, str]:
    figures = getattr(request, "rate_limit", None)
    if not figures:
        return {}
    return {
        "X-RateLimit-Limit": str(figures["limit"]),
        "X-RateLimit-Remaining": str(figures["remaining"]),
        "X-RateLimit-Reset": str(figures["reset"]),
    }
