import json
import re
from functools import cache
from urllib.parse import unquote

from asgiref.sync import sync_to_async
from django.conf import settings
from django.core.handlers.asgi import ASGIRequest
from django.http import FileResponse, HttpResponseBadRequest, JsonResponse

from heymilo.api.errors import error_body
from heymilo.handlers import MACHINE_PREFIXES, service_unavailable
from heymilo.outages import is_outage


class RejectNulMiddleware:
    """No URL needs U+0000, and PostgreSQL cannot compare text with it: refuse it at the door
    (400) instead of letting any lookup turn it into a server error."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        query = unquote(request.META.get("QUERY_STRING", ""))
        if "\x00" in request.path or "\x00" in query:
            message = "The URL contains a null character."
            if request.path.startswith(MACHINE_PREFIXES):
                return JsonResponse(error_body(400, message), status=400)
            return HttpResponseBadRequest(message)
        return self.get_response(request)


class OutageMiddleware:
    """A view that finds PostgreSQL or Redis away answers 503 with Retry-After, not 500."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        return service_unavailable(request) if is_outage(exception) else None


class AsyncFileResponseMiddleware:
    """Under ASGI, a file response (whitenoise's static files) is read chunk by chunk in a
    thread; left with its sync iterator, Django would read the whole file into memory first."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            isinstance(request, ASGIRequest)
            and isinstance(response, FileResponse)
            and not response.is_async
            and response.file_to_stream is not None
        ):
            response.streaming_content = _read_chunks(response.file_to_stream, response.block_size)
        return response


async def _read_chunks(handle, size: int):
    read = sync_to_async(handle.read, thread_sensitive=False)
    try:
        while chunk := await read(size):
            yield chunk
    finally:
        await sync_to_async(handle.close, thread_sensitive=False)()


class BodyLimit:
    """ASGI: a request body larger than its path allows (settings.BODY_LIMITS) is answered 413
    as JSON before it is read, whether the client sent a Content-Length or streams it chunked.
    Django would read it whole first, and answer too large uploads with an HTML 400."""

    def __init__(self, application):
        self.application = application

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.application(scope, receive, send)
        limit = body_limit(scope["path"])
        declared = dict(scope.get("headers", [])).get(b"content-length", b"")
        if declared.isdigit() and int(declared) > limit:
            return await too_large(send, limit)
        received, refused = 0, False

        async def limited_receive():
            nonlocal received, refused
            message = await receive()
            received += len(message.get("body", b""))
            if message["type"] == "http.request" and received > limit and not refused:
                refused = True
                await too_large(send, limit)
                return {"type": "http.disconnect"}  # Django stops reading and answers nothing
            return message

        async def guarded_send(message):
            if not refused:
                await send(message)

        await self.application(scope, limited_receive, guarded_send)


@cache
def _limits() -> list[tuple[re.Pattern, int]]:
    return [(re.compile(pattern), limit) for pattern, limit in settings.BODY_LIMITS]


def body_limit(path: str) -> int:
    return next(
        (limit for pattern, limit in _limits() if pattern.search(path)),
        settings.API_MAX_BODY_BYTES,
    )


async def too_large(send, limit: int) -> None:
    body = json.dumps(error_body(413, f"The request body is larger than {limit} bytes.")).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": 413, "headers": headers})
    await send({"type": "http.response.body", "body": body})


class ContentSecurityMiddleware:
    """What a page may load and use, so an injected script or a framing site gets nowhere: our
    own scripts and styles only (none inline), media from us (or the file bucket), websockets
    to us, never framed. The camera and the microphone only on the interview room's page."""

    def __init__(self, get_response):
        self.get_response = get_response
        files = " ".join(settings.FILES_ORIGINS)
        self.policy = "; ".join(
            [
                "default-src 'self'",
                "script-src 'self'",
                "style-src 'self'",
                f"img-src 'self' data: blob: {files}".strip(),
                f"media-src 'self' blob: {files}".strip(),
                "connect-src 'self'",
                "font-src 'self'",
                "object-src 'none'",
                "base-uri 'self'",
                "form-action 'self'",
                "frame-ancestors 'none'",
            ]
        )

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Content-Security-Policy", self.policy)
        devices = "self" if INTERVIEW_ROOM.match(request.path) else ""
        response.setdefault(
            "Permissions-Policy",
            f"camera=({devices}), microphone=({devices}), geolocation=(), payment=(), usb=()",
        )
        return response


INTERVIEW_ROOM = re.compile(r"^/i/[^/]+$")
