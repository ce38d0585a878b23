import pytest

from tests.factories import make_posting
from webhooks.models import Webhook


@pytest.fixture
def posting(owner):
    return make_posting(owner.workspace)


def register(owner, posting, **body):
    body = {"posting_id": posting.public_id, "event_type": "report_available", **body}
    return owner.post("/api/v4/webhooks", body)


def test_it_registers_a_webhook_and_shows_the_secret_once(owner, posting):
    created = register(owner, posting, url="https://example.com/hook")
    assert created.status_code == 201
    data = created.json()["data"]
    assert data["secret"].startswith("whsec_") and data["webhook_url"] == data["url"]
    fetched = owner.get(f"/api/v4/webhooks/{data['id']}").json()["data"]
    assert "secret" not in fetched
    stored = Webhook.objects.get(public_id=data["id"])
    assert data["secret"] not in stored.secret_encrypted
    assert stored.secret == data["secret"]


def test_it_accepts_the_v2_webhook_url_field(owner, posting):
    created = register(owner, posting, webhook_url="https://example.com/v2")
    assert created.json()["data"]["url"] == "https://example.com/v2"


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"url": "ftp://example.com/x"},
        {"url": "https://a.com", "webhook_url": "https://b.com"},
        {"url": "https://a.com", "event_type": "everything"},
    ],
)
def test_it_rejects_bad_registrations(owner, posting, body):
    assert register(owner, posting, **body).status_code == 422


def test_it_lists_and_deletes_webhooks(owner, posting):
    ids = [
        register(owner, posting, url=f"https://e.com/{n}").json()["data"]["id"] for n in range(2)
    ]
    listed = owner.get(f"/api/v4/webhooks?posting_id={posting.public_id}").json()
    assert [w["id"] for w in listed["data"]] == ids
    assert owner.delete(f"/api/v4/webhooks/{ids[0]}").json()["data"]["deleted"] is True
    assert owner.get(f"/api/v4/webhooks/{ids[0]}").status_code == 404
    assert owner.get("/api/v4/webhooks").json()["total_count"] == 1


def test_it_refuses_an_unknown_posting(owner):
    body = {"posting_id": "FFFFFFFF", "url": "https://e.com", "event_type": "report_available"}
    assert owner.post("/api/v4/webhooks", body).status_code == 404
