"""Webhook URLs must reach the public internet, at registration and again at delivery."""

import pytest

from tests.webhooks.helpers import delivery_of, emit
from webhooks.models import WebhookDelivery
from webhooks.safety import address_problem, literal_address

REFUSED = [
    "http://127.0.0.1/hooks",
    "http://127.8.9.10:8080/hooks",
    "http://localhost:8000/hooks",
    "http://api.localhost/hooks",
    "http://10.0.0.5/hooks",
    "http://172.16.3.4/hooks",
    "http://192.168.1.1/hooks",
    "http://100.64.0.1/hooks",
    "http://169.254.169.254/latest/meta-data/",
    "http://169.254.10.20/hooks",
    "http://metadata.google.internal/computeMetadata/v1/",
    "http://100.100.100.200/latest/meta-data",
    "http://0.0.0.0/hooks",
    "http://224.0.0.1/hooks",
    "http://240.0.0.1/hooks",
    "http://[::1]/hooks",
    "http://[fd00:ec2::254]/latest/meta-data",
    "http://[fe80::1]/hooks",
    "http://[::ffff:127.0.0.1]/hooks",
    "http://[64:ff9b::a9fe:a9fe]/hooks",
]


def register(owner, posting, url):
    body = {"posting_id": posting.public_id, "url": url, "event_type": "report_available"}
    return owner.post("/api/v4/webhooks", body)


@pytest.mark.parametrize("url", REFUSED)
def test_it_refuses_to_register_a_non_public_address(owner, posting, url):
    refused = register(owner, posting, url)
    assert refused.status_code == 422, refused.json()
    error = refused.json()["error"]
    assert (error["param"], error["code"]) == ("url", "url_not_allowed")
    assert "public address" in error["message"]


def test_it_names_what_the_address_is(owner, posting):
    message = register(owner, posting, "http://169.254.169.254/").json()["error"]["message"]
    assert "cloud metadata address" in message


@pytest.mark.parametrize("url", ["https://93.184.215.14/hooks", "https://hooks.example.com/x"])
def test_it_registers_public_and_not_yet_resolvable_urls(owner, posting, url):
    assert register(owner, posting, url).status_code == 201


@pytest.mark.parametrize("url", ["ftp://93.184.215.14/x", "http:///nohost", "https://e.com:99999/"])
def test_it_refuses_urls_that_are_not_http_to_a_host(owner, posting, url):
    assert register(owner, posting, url).status_code == 422


def test_the_development_setting_allows_private_addresses(owner, posting, allow_private):
    assert register(owner, posting, "http://127.0.0.1:9/hooks").status_code == 201


@pytest.mark.parametrize(
    ("address", "public"),
    [("8.8.8.8", True), ("2606:4700::1111", True), ("::ffff:10.0.0.1", False), ("::", False)],
)
def test_it_tells_public_addresses_from_the_rest(address, public):
    assert (address_problem(literal_address(address)) is None) is public


def test_it_refuses_at_delivery_a_name_that_resolves_to_a_private_address(
    owner, settings, posting, receiver, django_capture_on_commit_callbacks
):
    # Registered while allowed (or before the name pointed here), delivered while not.
    settings.WEBHOOKS_ALLOW_PRIVATE_URLS = True
    assert register(owner, posting, f"http://localhost:{receiver.port}/hooks").status_code == 201
    settings.WEBHOOKS_ALLOW_PRIVATE_URLS = False
    with django_capture_on_commit_callbacks(execute=True):
        event = emit(posting)
    delivery = delivery_of(event)
    assert receiver.received == []  # resolved, checked, and no request sent
    assert delivery.status == WebhookDelivery.Status.FAILED
    assert delivery.last_error.startswith("Refused, no request sent: localhost resolves to")
    assert "loopback address" in delivery.last_error
    assert delivery.attempts.get().status_code is None
