"""How a web process uses its Redis connections."""

import httpx
import pytest
from django.conf import settings
from redis import Redis

pytestmark = pytest.mark.skipif(not settings.REDIS_URL, reason="the cache is Redis in production")


def test_requests_share_the_process_redis_connections(asgi_server, transactional_db):
    """Under ASGI each request gets its own cache object; they must not each open a connection
    (before: one new connection to Redis per request that touched the cache)."""
    redis = Redis.from_url(settings.REDIS_URL)
    with httpx.Client(base_url=asgi_server.url) as client:
        client.get("/health")  # the process's connections are open from here on
        before = redis.info("stats")["total_connections_received"]
        for _ in range(20):
            assert client.get("/health").status_code == 200  # writes and reads the cache
    assert redis.info("stats")["total_connections_received"] - before <= 2
