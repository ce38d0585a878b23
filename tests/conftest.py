import os

import pytest
from django.conf import settings
from django.core.cache import cache
from rest_framework.test import APIClient

from heymilo.accounts.services import api_key_create, workspace_get_or_create


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
