from django.core.management import call_command
from rest_framework.test import APIClient

from heymilo.accounts.models import ApiKey
from heymilo.accounts.services import api_key_revoke


def test_it_rejects_a_request_without_a_key(db):
    response = APIClient().get("/api/v4/postings")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "X-API-KEY"
    assert response.json()["error"]["type"] == "authentication_error"


def test_it_rejects_an_unknown_key(db):
    client = APIClient()
    client.credentials(HTTP_X_API_KEY="hm_not-a-real-key")
    response = client.get("/api/v4/postings")
    assert response.status_code == 401
    assert response.json()["error"]["message"] == "Invalid or revoked API key."


def test_it_rejects_a_revoked_key(owner):
    api_key_revoke(api_key=owner.api_key)
    assert owner.get("/api/v4/postings").status_code == 401


def test_it_stores_only_a_hash_of_the_key(owner):
    stored = ApiKey.objects.get(pk=owner.api_key.pk)
    assert owner.raw_key not in (stored.key_hash, stored.prefix, stored.name)
    assert len(stored.key_hash) == 64


def test_it_records_when_a_key_was_last_used(owner):
    assert ApiKey.objects.get(pk=owner.api_key.pk).last_used_at is None
    owner.get("/api/v4/postings")
    assert ApiKey.objects.get(pk=owner.api_key.pk).last_used_at is not None


def test_create_api_key_prints_a_working_key_on_the_last_line(db, capsys):
    call_command("create_api_key", "Initech")
    raw_key = capsys.readouterr().out.strip().splitlines()[-1]
    client = APIClient()
    client.credentials(HTTP_X_API_KEY=raw_key)
    assert client.get("/api/v4/postings").status_code == 200


def test_create_api_key_reuses_an_existing_workspace(db, capsys):
    call_command("create_api_key", "Initech")
    call_command("create_api_key", "Initech")
    assert ApiKey.objects.filter(workspace__name="Initech").count() == 2


def test_revoke_api_key_revokes_by_prefix(owner, capsys):
    call_command("revoke_api_key", owner.api_key.prefix)
    assert owner.get("/api/v4/postings").status_code == 401


def test_it_rate_limits_each_key_with_headers(owner, outsider, settings):
    settings.API_RATE_LIMIT_PER_MINUTE = 3
    statuses = [owner.get("/api/v4/postings").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    limited = owner.get("/api/v4/postings")
    assert limited.json()["error"]["code"] == "rate_limited"
    assert limited["X-RateLimit-Limit"] == "3"
    assert limited["X-RateLimit-Remaining"] == "0"
    assert 1 <= int(limited["Retry-After"]) <= 61
    # Another key has its own budget.
    assert outsider.get("/api/v4/postings").status_code == 200


def test_every_response_carries_rate_limit_headers(owner):
    response = owner.get("/api/v4/postings")
    assert response["X-RateLimit-Limit"] == "300"
    assert int(response["X-RateLimit-Remaining"]) == 299
