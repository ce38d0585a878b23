import sys

from django.http import HttpResponse, JsonResponse
from django.views import defaults

from heymilo.api.errors import error_body, json_not_found, json_server_error
from heymilo.outages import MESSAGE, RETRY_AFTER_SECONDS, is_outage

MACHINE_PREFIXES = ("/api/", "/intake/")


def not_found(request, exception=None):
    """Machines get the JSON error envelope; people get the HTML page."""
    if request.path.startswith(MACHINE_PREFIXES):
        return json_not_found(request, exception)
    return defaults.page_not_found(request, exception)


def server_error(request):
    # Django calls this inside its `except` block when the request runs in one thread.
    if is_outage(sys.exc_info()[1]):
        return service_unavailable(request)
    if request.path.startswith(MACHINE_PREFIXES):
        return json_server_error(request)
    return defaults.server_error(request)


def service_unavailable(request):
    """A dependency is down: say when to come back. No template: rendering one could need the
    database that is away."""
    if request.path.startswith(MACHINE_PREFIXES) or "json" in request.headers.get("Accept", ""):
        body = error_body(503, MESSAGE, code="service_unavailable")
        response = JsonResponse(body, status=503)
    else:
        html = f"<!doctype html><title>Unavailable</title><h1>Back in a moment</h1><p>{MESSAGE}"
        response = HttpResponse(html, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response
