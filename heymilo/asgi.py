import gc
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

# What a web process boots with (Django, DRF, Channels, the engines' code: ~140,000 objects)
# lives as long as the process, yet each full garbage collection walked all of it: 60-170 ms
# on a 2-core machine, every request in flight stalled meanwhile (8 clients reading one node's
# 50-row candidate list: p95 262 ms before, 172-178 ms frozen). Frozen, the collector sees
# only what requests allocate.
gc.freeze()
