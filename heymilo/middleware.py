from urllib.parse import unquote

from django.http import HttpResponseBadRequest, JsonResponse

from heymilo.api.errors import error_body
from heymilo.errors import MACHINE_PREFIXES


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
