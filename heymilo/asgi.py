import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "heymilo.settings")
# Django must be set up before the routing modules import models.
django_asgi_app = get_asgi_application()

from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402

from heymilo.ai.embedding import warm_up  # noqa: E402
from heymilo.middleware import BodyLimit  # noqa: E402
from heymilo.routing import SameSiteOrigin, websocket_urlpatterns  # noqa: E402
from heymilo.speech.chain import warm_up as speech_warm_up  # noqa: E402

# A web process starts loading the sentence encoder and the speech models as it boots, in the
# background, so no candidate waits for them; short commands (migrate, …) never load them.
warm_up()
speech_warm_up()

application = ProtocolTypeRouter(
    {
        "http": BodyLimit(django_asgi_app),
        "websocket": SameSiteOrigin(URLRouter(websocket_urlpatterns)),
    }
)
