"""PostgreSQL or Redis away for a moment (a restart, a failover): the request or the websocket
message fails with "try again shortly" (503 with Retry-After, an error frame), never a 500 or a
dropped socket, and the next one after the service is back works: Django opens a new database
connection per request and redis-py reconnects by itself."""

from django.db import InterfaceError, OperationalError
from django.utils.translation import gettext_lazy as _
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

OUTAGES = (OperationalError, InterfaceError, RedisConnectionError, RedisTimeoutError)
RETRY_AFTER_SECONDS = 5
MESSAGE = _("The service is briefly unavailable; please try again in a few seconds.")


def is_outage(error: BaseException | None) -> bool:
    return isinstance(error, OUTAGES)
