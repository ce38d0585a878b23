"""Settings → webhooks, through the webhook services, against a real local receiver."""

import re

import pytest

from tests.webhooks.receiver import Receiver
from webhooks.models import Webhook, WebhookDelivery

pytestmark = pytest.mark.django_db


@pytest.fixture
def receiver(settings):
    settings.WEBHOOKS_ALLOW_PRIVATE_URLS = True
    server = Receiver().start()
    yield server
    server.stop()


def add(user, posting, url):
    data = {"posting": posting.public_id, "url": url, "event_type": "report_available"}
    return user.post("/dashboard/settings/webhooks", data)


def test_a_new_webhooks_secret_is_shown_once(dash_owner, posting, receiver):
    page = add(dash_owner, posting, receiver.url).content.decode()
    secret = re.search(r'id="raw-secret"[^>]*>(whsec_[^<]+)<', page).group(1)
    webhook = Webhook.objects.get(posting=posting)
    assert webhook.secret == secret
    assert (
        secret
        not in dash_owner.get(f"/dashboard/settings/webhooks/{webhook.public_id}").content.decode()
    )


def test_a_private_address_is_refused_when_not_allowed(dash_owner, posting):
    page = add(dash_owner, posting, "http://127.0.0.1:9/hook").content.decode()
    assert "public address" in page and not Webhook.objects.exists()


def test_a_test_event_is_delivered_and_logged_then_redelivered(
    dash_owner, posting, receiver, django_capture_on_commit_callbacks
):
    add(dash_owner, posting, receiver.url)
    webhook = Webhook.objects.get(posting=posting)
    base = f"/dashboard/settings/webhooks/{webhook.public_id}"
    with django_capture_on_commit_callbacks(execute=True):
        dash_owner.post(f"{base}/test")
    delivery = WebhookDelivery.objects.get(webhook=webhook)
    assert delivery.status == "succeeded" and len(receiver.event_ids()) == 1
    log = dash_owner.get(base).content.decode()
    assert delivery.event.public_id in log and ">200<" in log
    with django_capture_on_commit_callbacks(execute=True):
        dash_owner.post(f"{base}/deliveries/{delivery.public_id}/redeliver")
    assert receiver.event_ids() == [delivery.event.public_id] * 2


def test_rotating_shows_the_new_secret_once_and_delete_removes(dash_owner, posting, receiver):
    add(dash_owner, posting, receiver.url)
    webhook = Webhook.objects.get(posting=posting)
    base = f"/dashboard/settings/webhooks/{webhook.public_id}"
    page = dash_owner.post(f"{base}/rotate").content.decode()
    webhook.refresh_from_db()
    assert webhook.secret in page
    dash_owner.post(f"{base}/delete")
    assert not Webhook.objects.exists()


def test_access_to_webhook_settings(
    dash_owner, dash_recruiter, dash_viewer, dash_outsider, posting, receiver
):
    add(dash_owner, posting, receiver.url)
    webhook = Webhook.objects.get(posting=posting)
    base = f"/dashboard/settings/webhooks/{webhook.public_id}"
    dash_owner.post(f"{base}/test")
    delivery = WebhookDelivery.objects.get(webhook=webhook)
    for user in (dash_owner, dash_recruiter, dash_viewer):
        assert user.get("/dashboard/settings/webhooks").status_code == 200
        assert user.get(base).status_code == 200
    writes = [f"{base}/test", f"{base}/deliveries/{delivery.public_id}/redeliver", f"{base}/rotate"]
    for write in writes:
        assert dash_viewer.post(write).status_code == 403, write
        assert dash_outsider.post(write).status_code == 404, write
    assert dash_viewer.post(f"{base}/delete").status_code == 403
    assert add(dash_viewer, posting, receiver.url).status_code == 403
    assert dash_outsider.get(base).status_code == 404
    assert webhook.url not in dash_outsider.get("/dashboard/settings/webhooks").content.decode()
    add(dash_outsider, posting, receiver.url)  # another workspace's posting is not a choice
    assert Webhook.objects.count() == 1
    assert dash_recruiter.post(f"{base}/test").status_code == 302
