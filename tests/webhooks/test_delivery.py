"""Deliveries to a real HTTP receiver on loopback, through the Celery tasks (eagerly)."""

import json
import time

import pytest

from tests.webhooks.helpers import delivery_of, emit, statuses, sweep_until, webhook
from tests.webhooks.receiver import Receiver
from webhooks import tasks
from webhooks.models import Event, WebhookDelivery

pytestmark = pytest.mark.usefixtures("fast_retries")


def test_it_delivers_a_signed_event_the_receiver_can_verify(
    posting, hook, receiver, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        event = emit(posting)
    [request] = receiver.received
    assert request.verified
    assert request.body == event.body.encode()
    assert request.headers["X-HeyMilo-Event-Id"] == event.public_id
    assert request.headers["Idempotency-Key"] == event.public_id
    assert request.headers["X-HeyMilo-Event-Type"] == "report_available"
    assert request.headers["Content-Type"] == "application/json"
    assert request.headers["User-Agent"].startswith("HeyMilo-Webhooks/")
    body = request.event
    assert list(body) == [
        "id",
        "object",
        "event_type",
        "created_at",
        "posting_id",
        "interview_id",
        "data",
    ]
    assert body["id"].startswith("evt_") and body["object"] == "event"
    assert body["posting_id"] == posting.public_id and body["data"]["score"] == 80
    assert abs(body["created_at"] - time.time()) < 60
    delivery = delivery_of(event)
    assert delivery.status == "succeeded"
    [attempt] = delivery.attempts.all()
    assert (attempt.status_code, attempt.succeeded, attempt.response_excerpt) == (200, True, "ok")


def test_it_retries_until_the_receiver_comes_back_and_delivers_each_event_once(
    posting, hook, receiver, django_capture_on_commit_callbacks
):
    receiver.stop()
    interview_ids = [f"{n:016X}" for n in range(5)]
    with django_capture_on_commit_callbacks(execute=True):
        events = [emit(posting, interview_id) for interview_id in interview_ids]
    assert statuses() == ["pending"] * 5
    first_error = WebhookDelivery.objects.first().last_error
    assert "ConnectError" in first_error, first_error

    # Still down for a few retry rounds, then back on the same port.
    sweep_until(lambda: min(d.attempt_count for d in WebhookDelivery.objects.all()) >= 3)
    receiver.start()
    sweep_until(lambda: statuses() == ["succeeded"] * 5)
    for _ in range(3):  # later sweeps and stray messages must not send anything again
        sweep_until(lambda: True)
        for delivery in WebhookDelivery.objects.all():
            tasks.delivery_attempt.delay(delivery.pk)

    assert sorted(receiver.event_ids()) == sorted(event.public_id for event in events)
    assert all(request.verified for request in receiver.received)
    for delivery in WebhookDelivery.objects.all():
        attempts = list(delivery.attempts.values_list("succeeded", flat=True))
        assert attempts[-1] is True and attempts.count(True) == 1 and len(attempts) >= 4


def test_it_marks_the_delivery_failed_when_the_retries_run_out(
    owner, settings, posting, hook, receiver, django_capture_on_commit_callbacks
):
    settings.WEBHOOK_MAX_ATTEMPTS = 3
    receiver.status = 500
    with django_capture_on_commit_callbacks(execute=True):
        event = emit(posting)
    sweep_until(lambda: statuses() == ["failed"])
    delivery = delivery_of(event)
    assert delivery.attempt_count == 3 and delivery.last_error == "HTTP 500"
    assert list(delivery.attempts.values_list("status_code", flat=True)) == [500, 500, 500]
    shown = owner.get(f"/api/v4/webhooks/{hook['id']}/deliveries").json()["data"][0]
    assert shown["status"] == "failed" and len(shown["attempts"]) == 3
    assert len(receiver.received) == 3


def test_it_logs_at_most_a_kilobyte_of_the_response(
    posting, hook, receiver, django_capture_on_commit_callbacks
):
    receiver.status, receiver.response_body = 400, b"x" * 5000
    with django_capture_on_commit_callbacks(execute=True):
        event = emit(posting)
    attempt = delivery_of(event).attempts.get()
    assert attempt.status_code == 400 and attempt.response_excerpt == "x" * 1024
    assert attempt.duration_ms >= 0 and not attempt.succeeded


def test_it_does_not_follow_redirects(posting, hook, receiver, django_capture_on_commit_callbacks):
    elsewhere = Receiver().start()
    try:
        receiver.status, receiver.extra_headers = 302, {"Location": elsewhere.url}
        with django_capture_on_commit_callbacks(execute=True):
            event = emit(posting)
        assert elsewhere.received == []
    finally:
        elsewhere.stop()
    delivery = delivery_of(event)
    assert delivery.status == "pending" and delivery.last_status_code == 302


def test_it_gives_up_on_a_slow_receiver_after_the_timeout(
    settings, posting, hook, receiver, django_capture_on_commit_callbacks
):
    settings.WEBHOOK_TIMEOUT_SECONDS = 0.3
    receiver.delay = 1.0
    with django_capture_on_commit_callbacks(execute=True):
        event = emit(posting)
    delivery = delivery_of(event)
    assert delivery.status == "pending" and delivery.last_error == "Timed out after 0.3 s."
    assert delivery.attempts.get().duration_ms < 900


def test_a_second_run_of_a_delivered_task_sends_nothing(
    posting, hook, receiver, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        event = emit(posting)
    delivery = delivery_of(event)
    tasks.delivery_attempt.delay(delivery.pk)
    tasks.delivery_attempt.apply(args=[delivery.pk])
    assert len(receiver.received) == 1 and delivery.attempts.count() == 1


def test_emitting_the_same_event_twice_records_and_delivers_it_once(
    posting, hook, receiver, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = emit(posting)
        again = emit(posting, data={"score": 99})
        rescore = emit(posting, dedupe_key="result:2")
    assert again.pk == first.pk and rescore.pk != first.pk
    assert Event.objects.count() == 2 and WebhookDelivery.objects.count() == 2
    assert sorted(receiver.event_ids()) == sorted([first.public_id, rescore.public_id])


def test_it_records_nothing_when_no_webhook_subscribes(posting, hook):
    assert emit(posting, event_type="interview_started") is None
    assert Event.objects.count() == 0


def test_it_delivers_to_every_active_subscribed_webhook_of_the_posting(
    owner, posting, hook, receiver, django_capture_on_commit_callbacks
):
    second = Receiver().start()
    try:
        body = {
            "posting_id": posting.public_id,
            "url": second.url,
            "event_type": "report_available",
        }
        second.secret = owner.post("/api/v4/webhooks", body).json()["data"]["secret"]
        other = {**body, "event_type": "interview_started"}
        assert owner.post("/api/v4/webhooks", other).status_code == 201
        with django_capture_on_commit_callbacks(execute=True):
            event = emit(posting)
        assert second.event_ids() == receiver.event_ids() == [event.public_id]
        assert second.received[0].verified and receiver.received[0].verified
    finally:
        second.stop()


def test_it_disables_a_webhook_whose_deliveries_fail_for_days(
    owner, settings, posting, hook, receiver, django_capture_on_commit_callbacks
):
    settings.WEBHOOK_DISABLE_AFTER_SECONDS = 0.3  # "days", shrunk
    receiver.status = 503
    with django_capture_on_commit_callbacks(execute=True):
        emit(posting, "0000000000000001")
    sweep_until(lambda: not webhook(hook["id"]).is_active)
    shown = owner.get(f"/api/v4/webhooks/{hook['id']}").json()["data"]
    assert shown["is_active"] is False
    assert "Every delivery failed since" in shown["disabled_reason"]
    assert "HTTP 503" in shown["disabled_reason"]
    sweep_until(lambda: statuses() == ["failed"])
    assert "Webhook disabled" in WebhookDelivery.objects.get().last_error
    assert emit(posting, "0000000000000002") is None  # a disabled webhook subscribes to nothing

    receiver.status = 200
    enabled = owner.post(f"/api/v4/webhooks/{hook['id']}/enable").json()["data"]
    assert enabled["is_active"] is True and enabled["disabled_reason"] == ""
    with django_capture_on_commit_callbacks(execute=True):
        event = emit(posting, "0000000000000003")
    assert receiver.event_ids()[-1] == event.public_id


def test_a_success_resets_the_failure_streak(
    settings, posting, hook, receiver, django_capture_on_commit_callbacks
):
    settings.WEBHOOK_DISABLE_AFTER_SECONDS = 0.5
    receiver.status = 503
    with django_capture_on_commit_callbacks(execute=True):
        emit(posting)
    assert webhook(hook["id"]).failing_since is not None
    receiver.status = 200
    sweep_until(lambda: statuses() == ["succeeded"])
    time.sleep(0.6)
    receiver.status = 503
    with django_capture_on_commit_callbacks(execute=True):
        emit(posting, "0000000000000009")
    assert webhook(hook["id"]).is_active


def test_the_sweep_takes_back_an_attempt_whose_worker_died(
    settings, posting, hook, receiver, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        event = emit(posting)  # committed but never queued, as if the broker lost it
    # What a worker killed mid-request leaves behind: claimed, lease running out.
    delivery = delivery_of(event)
    WebhookDelivery.objects.filter(pk=delivery.pk).update(
        status="in_flight", attempt_count=1, lease_expires_at=delivery.created_at
    )
    sweep_until(lambda: statuses() == ["succeeded"])
    attempts = list(delivery.attempts.values_list("number", "succeeded", "error"))
    assert attempts[0][:2] == (1, False) and "Interrupted" in attempts[0][2]
    assert attempts[1][:2] == (2, True)
    assert receiver.event_ids() == [event.public_id]


def test_the_sweep_queues_a_due_delivery_whose_message_was_lost(
    settings, posting, hook, receiver, django_capture_on_commit_callbacks
):
    settings.WEBHOOK_REQUEUE_AFTER_SECONDS = 0.2
    with django_capture_on_commit_callbacks(execute=False):
        event = emit(posting)
    sweep_until(lambda: statuses() == ["succeeded"])
    assert receiver.event_ids() == [event.public_id]


def test_a_rotated_secret_signs_alongside_the_old_one_during_the_grace_period(
    owner, posting, hook, receiver, django_capture_on_commit_callbacks
):
    old_secret = receiver.secret
    path = f"/api/v4/webhooks/{hook['id']}/rotate_secret"
    rotated = owner.post(path, {"grace_period_seconds": 3600}).json()["data"]
    assert rotated["secret"] != old_secret and "secret" not in owner.get(path[:-14]).json()["data"]
    with django_capture_on_commit_callbacks(execute=True):
        emit(posting, "0000000000000001")
    assert receiver.received[-1].verified  # the receiver still has the old secret
    receiver.secret = rotated["secret"]
    with django_capture_on_commit_callbacks(execute=True):
        emit(posting, "0000000000000002")
    assert receiver.received[-1].verified

    rotated_now = owner.post(path).json()["data"]  # no grace: the old secrets stop at once
    with django_capture_on_commit_callbacks(execute=True):
        emit(posting, "0000000000000003")
    assert not receiver.received[-1].verified
    receiver.secret = rotated_now["secret"]
    assert receiver.received[-1].headers["X-HeyMilo-Signature"].count("v1=") == 1
    header = receiver.received[-1].headers["X-HeyMilo-Signature"]
    assert json.loads(receiver.received[-1].body)["id"] and header.startswith("t=")
