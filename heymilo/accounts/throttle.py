"""Guessing passwords or flooding someone's inbox with reset mails takes many tries: count them
per account and per client address, in the shared cache (Redis when set, so every web node
counts together), and refuse the rest with 429 and Retry-After until the window passes."""

from dataclasses import dataclass

from django.shortcuts import render

from heymilo.ratelimit import fixed_window_hit


@dataclass(frozen=True)
class Limit:
    field: str  # the POST field that names the account
    per_account: int
    per_address: int
    window_seconds: int


LIMITS = {
    "/login/": Limit("username", per_account=10, per_address=30, window_seconds=15 * 60),
    "/password-reset/": Limit("email", per_account=3, per_address=10, window_seconds=60 * 60),
}


class AuthThrottleMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        limit = LIMITS.get(request.path) if request.method == "POST" else None
        if limit is not None:
            wait = _wait(request, limit)
            if wait:
                return _refusal(request, wait)
        return self.get_response(request)


def _wait(request, limit: Limit) -> int:
    """Seconds to wait when this attempt is one too many, else 0. Both counters count it."""
    account = request.POST.get(limit.field, "").strip().lower()[:254]
    address = request.META.get("REMOTE_ADDR", "")
    waits = []
    for bucket, allowed in (
        (f"auth:{request.path}:account:{account}", limit.per_account),
        (f"auth:{request.path}:address:{address}", limit.per_address),
    ):
        ok, _, reset_in = fixed_window_hit(bucket, allowed, window_seconds=limit.window_seconds)
        if not ok:
            waits.append(reset_in)
    return max(waits, default=0)


def _refusal(request, wait: int):
    minutes = max(1, round(wait / 60))
    message = (
        f"Too many attempts. For your account's safety, please wait {minutes} "
        f"minute{'s' if minutes != 1 else ''} and try again."
    )
    response = render(request, "dashboard/auth/throttled.html", {"message": message}, status=429)
    response["Retry-After"] = str(wait)
    return response
