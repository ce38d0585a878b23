from django.conf import settings
from rest_framework import parsers

from heymilo.api.errors import InvalidJson, PayloadTooLarge
from heymilo.payloads import json_loads


class JSONParser(parsers.JSONParser):
    """Reads at most API_MAX_BODY_BYTES, whether or not the client sent a Content-Length."""

    def parse(self, stream, media_type=None, parser_context=None):
        limit = settings.API_MAX_BODY_BYTES
        raw = stream.read(limit + 1) if stream is not None else b""
        if len(raw) > limit:
            raise PayloadTooLarge(f"The request body is larger than {limit} bytes.")
        try:
            return json_loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, ValueError) as exc:
            raise InvalidJson(f"The request body is not valid JSON: {exc}") from None
