"""GET deliveries, redeliver, test events and secret rotation over the API."""

import pytest

from tests.factories import make_posting
from tests.webhooks.helpers import emit
from webhooks.models import WebhookDelivery
from webhooks.services import webhook_create

pytestmark = pytest.mark.usefixtures("fast_retries")


def deliveries_path(hook) -> str:
    return f"/api/v4/webhooks/{hook['id']}/deliveries"


def test_it_lists_deliveries_with_their_attempts_page_by_page(
    owner, posting, hook, receiver, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        events = [emit(posting, f"{n:016X}") for n in range(3)]
    first = owner.get(deliveries_path(hook) + "?limit=2").json()
    assert (first["total_count"], first["has_more"], len(first["data"])) == (3, True, 2)
    row = first["data"][0]
    assert row["object"] == "webhook_delivery" and row["id"].startswith("dlv_")
    assert (row["event_id"], row["status"], row["webhook_id"]) == (
        events[0].public_id,
        "succeeded",
        hook["id"],
    )
    assert row["attempts"][0]["status_code"] == 200 and row["attempts"][0]["number"] == 1
    rest = owner.get(f"{deliveries_path(hook)}?limit=2&starting_after={row['id']}").json()
    assert [r["event_id"] for r in rest["data"]] == [e.public_id for e in events[1:]]
    last = owner.get(f"{deliveries_path(hook)}?starting_after={first['data'][1]['id']}").json()
    assert last["has_more"] is False and len(last["data"]) == 1
    one = owner.get(f"{deliveries_path(hook)}/{row['id']}").json()
    assert one["data"]["id"] == row["id"]


def test_it_filters_deliveries_by_status(
    owner, posting, hook, receiver, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        emit(posting)
    assert owner.get(deliveries_path(hook) + "?status=failed").json()["total_count"] == 0
    assert owner.get(deliveries_path(hook) + "?status=succeeded").json()["total_count"] == 1
    assert owner.get(deliveries_path(hook) + "?status=lost").status_code == 422


def test_redeliver_sends_the_same_event_again_and_logs_a_new_attempt(
    owner, posting, hook, receiver, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        event = emit(posting)
    delivery_id = WebhookDelivery.objects.get().public_id
    with django_capture_on_commit_callbacks(execute=True):
        answer = owner.post(f"{deliveries_path(hook)}/{delivery_id}/redeliver")
    assert answer.status_code == 202
    assert receiver.event_ids() == [event.public_id, event.public_id]
    assert receiver.received[0].body == receiver.received[1].body
    assert receiver.received[1].verified
    assert receiver.received[1].headers["X-HeyMilo-Attempt"] == "2"
    shown = owner.get(f"{deliveries_path(hook)}/{delivery_id}").json()["data"]
    assert shown["status"] == "succeeded" and shown["attempt_count"] == 2
    assert [a["number"] for a in shown["attempts"]] == [1, 2]


def test_redeliver_answers_409_while_an_attempt_is_in_flight(owner, posting, hook):
    emit(posting)  # never committed in this test: the delivery stays queued
    WebhookDelivery.objects.update(status="in_flight")
    delivery_id = WebhookDelivery.objects.get().public_id
    answer = owner.post(f"{deliveries_path(hook)}/{delivery_id}/redeliver")
    assert answer.status_code == 409 and answer.json()["error"]["code"] == "conflict"


def test_the_test_endpoint_sends_a_signed_test_event(
    owner, hook, receiver, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        answer = owner.post(f"/api/v4/webhooks/{hook['id']}/test")
    assert answer.status_code == 202
    data = answer.json()["data"]
    assert data["is_test"] is True and data["interview_id"] is None
    [request] = receiver.received
    assert request.verified and request.event["data"]["test"] is True
    assert request.event["event_type"] == "report_available"
    assert request.event["id"] == data["event_id"]
    listed = owner.get(deliveries_path(hook)).json()["data"]
    assert listed[0]["status"] == "succeeded" and listed[0]["is_test"] is True


def test_the_secret_is_shown_again_only_on_rotation(owner, hook, receiver):
    rotated = owner.post(f"/api/v4/webhooks/{hook['id']}/rotate_secret")
    assert rotated.status_code == 200
    secret = rotated.json()["data"]["secret"]
    assert secret.startswith("whsec_") and secret != receiver.secret
    assert "secret" not in owner.get(f"/api/v4/webhooks/{hook['id']}").json()["data"]
    listed = owner.get("/api/v4/webhooks").json()["data"]
    assert all("secret" not in row for row in listed)
    bad = owner.post(f"/api/v4/webhooks/{hook['id']}/rotate_secret", {"grace_period_seconds": -1})
    assert bad.status_code == 422 and bad.json()["error"]["param"] == "grace_period_seconds"


def test_another_workspaces_webhooks_and_deliveries_answer_404(
    owner, outsider, posting, hook, receiver, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        emit(posting)
    delivery_id = WebhookDelivery.objects.get().public_id
    for path in [
        deliveries_path(hook),
        f"{deliveries_path(hook)}/{delivery_id}",
    ]:
        assert outsider.get(path).status_code == 404
    for path in [
        f"{deliveries_path(hook)}/{delivery_id}/redeliver",
        f"/api/v4/webhooks/{hook['id']}/test",
        f"/api/v4/webhooks/{hook['id']}/rotate_secret",
        f"/api/v4/webhooks/{hook['id']}/enable",
    ]:
        assert outsider.post(path).status_code == 404
    # The owner's other webhook does not reach this webhook's deliveries either.
    other, _ = webhook_create(
        posting=make_posting(owner.workspace), url="https://e.com/h", event_type="report_available"
    )
    assert (
        owner.get(f"/api/v4/webhooks/{other.public_id}/deliveries/{delivery_id}").status_code == 404
    )
    assert len(receiver.received) == 1
