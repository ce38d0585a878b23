from urllib.parse import unquote

from asgiref.sync import sync_to_async
from django.core.handlers.asgi import ASGIRequest
from django.http import FileResponse, HttpResponseBadRequest, JsonResponse

from heymilo.api.errors import error_body
from heymilo.handlers import MACHINE_PREFIXES


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
