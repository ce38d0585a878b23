"""The websocket root: which paths exist, and from which pages a browser may open them."""

from urllib.parse import urlsplit

from channels.security.websocket import WebsocketDenier
from django.conf import settings
from django.http.request import validate_host
from django.urls import re_path

from interviews.routing import websocket_urlpatterns as interview_patterns


class Refuse(WebsocketDenier):
    """A 403 to the handshake. No channel on the layer: a refused socket never gets messages,
    and refusing costs no Redis round trip."""

    channel_layer_alias = None


class SameSiteOrigin:
    """Refuse a websocket that a page of another site opens in someone's browser: browsers
    always send Origin, and it must name a host this server answers (ALLOWED_HOSTS). Clients
    that send none are not browsers; they gain nothing a header could take away."""

    def __init__(self, application):
        self.application = application

    async def __call__(self, scope, receive, send):
        origin = dict(scope.get("headers", [])).get(b"origin")
        if origin is not None and not self.allowed(origin):
            return await Refuse()(scope, receive, send)
        return await self.application(scope, receive, send)

    @staticmethod
    def allowed(origin: bytes) -> bool:
        try:
            host = urlsplit(origin.decode("latin-1")).hostname or ""
        except ValueError:
            return False
        return validate_host(host, settings.ALLOWED_HOSTS)


websocket_urlpatterns = [
    *interview_patterns,
    # Any other path is refused quietly (a 403 to the handshake), not a traceback per attempt.
    re_path(r"", Refuse.as_asgi()),
]
