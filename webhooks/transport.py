"""One HTTP attempt to a checked address: no redirects, no proxies, a bounded response read."""

import ssl
import time
from dataclasses import dataclass
from functools import lru_cache

import httpx
from django.conf import settings

from webhooks.safety import Target, UnresolvableHost, UnsafeUrl, url_target

RESPONSE_EXCERPT_BYTES = 1024


@dataclass
class Outcome:
    succeeded: bool
    status_code: int | None = None
    duration_ms: int = 0
    error: str = ""
    response_excerpt: str = ""
    # False when another attempt cannot help (the URL points somewhere forbidden).
    retryable: bool = True


@lru_cache(maxsize=1)
def _tls_context() -> ssl.SSLContext:
    # Building a context loads the CA bundle (milliseconds); one per process is enough.
    return httpx.create_ssl_context()


def _pinned_request(target: Target, headers: dict[str, str], body: bytes) -> httpx.Request:
    """Aim at the checked address while naming the host, so DNS cannot be asked twice."""
    address = str(target.address)
    host = f"[{address}]" if target.address.version == 6 else address
    default_port = 443 if target.scheme == "https" else 80
    netloc = target.hostname if target.port == default_port else f"{target.hostname}:{target.port}"
    url = httpx.URL(target.url).copy_with(host=host, port=target.port)
    request = httpx.Request(
        "POST",
        url,
        headers={**headers, "Host": netloc},
        content=body,
        extensions={"sni_hostname": target.hostname},
    )
    return request


def _excerpt(response: httpx.Response) -> str:
    # Read at most 1 KB: an endpoint that answers with megabytes must not cost us megabytes.
    received = b""
    for chunk in response.iter_raw(RESPONSE_EXCERPT_BYTES):
        received += chunk
        if len(received) >= RESPONSE_EXCERPT_BYTES:
            break
    return received[:RESPONSE_EXCERPT_BYTES].decode("utf-8", "replace")[:RESPONSE_EXCERPT_BYTES]


def _send(target: Target, headers: dict[str, str], body: bytes) -> Outcome:
    timeout = settings.WEBHOOK_TIMEOUT_SECONDS
    with httpx.Client(
        timeout=timeout, follow_redirects=False, trust_env=False, verify=_tls_context()
    ) as client:
        response = client.send(_pinned_request(target, headers, body), stream=True)
        try:
            excerpt = _excerpt(response)
        finally:
            response.close()
    succeeded = 200 <= response.status_code < 300
    error = "" if succeeded else f"HTTP {response.status_code}"
    return Outcome(succeeded, response.status_code, error=error, response_excerpt=excerpt)


def http_post(*, url: str, headers: dict[str, str], body: bytes) -> Outcome:
    """POST `body` to `url` once; never raises for network trouble, reports it instead."""
    started = time.monotonic()
    try:
        outcome = _send(url_target(url), headers, body)
    except UnsafeUrl as exc:
        outcome = Outcome(False, error=f"Refused, no request sent: {exc}", retryable=False)
    except UnresolvableHost as exc:
        outcome = Outcome(False, error=str(exc))
    except httpx.TimeoutException:
        timeout = settings.WEBHOOK_TIMEOUT_SECONDS
        outcome = Outcome(False, error=f"Timed out after {timeout:g} s.")
    except httpx.HTTPError as exc:
        outcome = Outcome(False, error=f"{type(exc).__name__}: {exc}"[:500])
    outcome.duration_ms = int((time.monotonic() - started) * 1000)
    return outcome
