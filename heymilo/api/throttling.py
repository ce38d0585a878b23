from django.conf import settings
from rest_framework.throttling import BaseThrottle

from heymilo.ratelimit import fixed_window_hit


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
