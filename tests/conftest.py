import os
import socket
import threading
import time

import pytest
import uvicorn
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from rest_framework.test import APIClient

from heymilo.accounts.services import api_key_create, workspace_get_or_create
from heymilo.celery import app as celery_app


def pytest_report_header(config):
    database = settings.DATABASES["default"]
    layer = settings.CHANNEL_LAYERS["default"]["BACKEND"]
    where = database.get("HOST") or database["NAME"]
    port = f":{database['PORT']}" if database.get("PORT") else ""
    return [
        f"database: {database['ENGINE'].rsplit('.', 1)[-1]} at {where}{port}",
        f"channel layer: {layer} {settings.REDIS_URL or '(in-memory)'}",
        f"cache: {settings.CACHES['default']['BACKEND']}",
    ]


@pytest.fixture(scope="session", autouse=True)
def require_real_services(django_db_setup, django_db_blocker):
    """`make test` promises PostgreSQL and Redis; fail loudly rather than fall back quietly."""
    if os.environ.get("HEYMILO_REQUIRE_SERVICES") != "1":
        return
    from django.db import connection
    from redis import Redis

    with django_db_blocker.unblock():
        assert connection.vendor == "postgresql", connection.vendor
    assert Redis.from_url(settings.REDIS_URL).ping()


@pytest.fixture(autouse=True)
def clean_cache():
    cache.clear()
    yield


@pytest.fixture(autouse=True)
def eager_jobs():
    """Queued tasks run in the caller's thread, so a test sees the whole pipeline at once."""
    saved = celery_app.conf.task_always_eager, celery_app.conf.task_eager_propagates
    celery_app.conf.task_always_eager = celery_app.conf.task_eager_propagates = True
    yield
    celery_app.conf.task_always_eager, celery_app.conf.task_eager_propagates = saved


class ApiUser:
    """A workspace with an API key and a client that sends it."""

    def __init__(self, name: str):
        self.workspace = workspace_get_or_create(name=name)
        self.api_key, self.raw_key = api_key_create(workspace=self.workspace)
        self.client = APIClient()
        self.client.credentials(HTTP_X_API_KEY=self.raw_key)

    def get(self, path, **kwargs):
        return self.client.get(path, **kwargs)

    def post(self, path, data=None, **kwargs):
        return self.client.post(path, data, format="json", **kwargs)

    def patch(self, path, data=None, **kwargs):
        return self.client.patch(path, data, format="json", **kwargs)

    def delete(self, path, **kwargs):
        return self.client.delete(path, **kwargs)


@pytest.fixture
def owner(db) -> ApiUser:
    return ApiUser("Acme")


@pytest.fixture
def outsider(db) -> ApiUser:
    return ApiUser("Globex")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class AsgiServer:
    """The real ASGI application under uvicorn on loopback, in a thread of the test process."""

    def __init__(self):
        self.port = free_port()
        config = uvicorn.Config(
            "heymilo.asgi:application",
            host="127.0.0.1",
            port=self.port,
            log_level="warning",
            lifespan="off",
        )
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def ws_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}"

    def start(self) -> "AsgiServer":
        self.thread.start()
        deadline = time.monotonic() + 10
        while not self.server.started:
            assert time.monotonic() < deadline, "the ASGI server did not start"
            time.sleep(0.02)
        return self

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)

    def wait_until_idle(self, timeout: float = 10) -> None:
        """Let what closed sockets and pages left running (a reply being planned, an answer being
        stored, a disconnect being recorded) finish before the test's data is flushed: a TRUNCATE
        racing a row lock deadlocks. First the server's request tasks, then the database's other
        connections (PostgreSQL; SQLite has none to wait for)."""
        deadline = time.monotonic() + timeout
        while self.server.server_state.tasks and time.monotonic() < deadline:
            time.sleep(0.01)
        if connection.vendor != "postgresql":
            return
        quiet_since = None
        with connection.cursor() as cursor:
            while time.monotonic() < deadline:
                cursor.execute(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                    "AND pid <> pg_backend_pid() AND state IS NOT NULL AND state <> 'idle'"
                )
                if cursor.fetchone()[0] or self.server.server_state.tasks:
                    quiet_since = None
                elif quiet_since is None:
                    quiet_since = time.monotonic()
                elif time.monotonic() - quiet_since >= 0.2:  # not just between two statements
                    return
                time.sleep(0.01)


@pytest.fixture(scope="session")
def asgi_server():
    """One live server for the session; tests using it need transactional_db."""
    server = AsgiServer().start()
    yield server
    server.stop()


@pytest.fixture(autouse=True)
def live_server_idle_before_flush(request):
    """A test that used the live server waits for it to be idle before its data is flushed. As an
    autouse fixture it is torn down after the test's own fixtures (pages, sockets) and, holding
    transactional_db, before the flush."""
    if "asgi_server" not in request.fixturenames:
        yield
        return
    request.getfixturevalue("transactional_db")
    yield
    request.getfixturevalue("asgi_server").wait_until_idle()
