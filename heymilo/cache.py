"""The cache's Redis connections, shared by the whole process.

Django keeps one cache object per request context, and under ASGI every request is a new
context: its RedisCache made a connection pool, and so a new connection to Redis (TCP, HELLO,
CLIENT SETINFO), on every request that touched the cache, then dropped it. `CACHES` names this
pool class, so every cache object of the process borrows from one pool per server.
"""

import threading

from redis import ConnectionPool


class SharedConnectionPool(ConnectionPool):
    _pools: dict[tuple, ConnectionPool] = {}
    _lock = threading.Lock()

    @classmethod
    def from_url(cls, url: str, **options) -> ConnectionPool:
        key = (url, tuple(sorted(options.items(), key=lambda item: item[0])))
        with cls._lock:
            if key not in cls._pools:
                cls._pools[key] = super().from_url(url, **options)
            return cls._pools[key]
