from django.views import defaults

from heymilo.api.errors import json_not_found, json_server_error

MACHINE_PREFIXES = ("/api/", "/intake/")


def not_found(request, exception=None):
    """Machines get the JSON error envelope; people get the HTML page."""
    if request.path.startswith(MACHINE_PREFIXES):
        return json_not_found(request, exception)
    return defaults.page_not_found(request, exception)


def server_error(request):
    if request.path.startswith(MACHINE_PREFIXES):
        return json_server_error(request)
    return defaults.server_error(request)
