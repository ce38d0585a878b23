"""A real `celery worker` (and its beat) on real Redis and PostgreSQL, killed mid-delivery."""

import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection, transaction

from heymilo.celery import app as celery_app
from tests.webhooks.helpers import emit
from webhooks.models import WebhookDelivery

ROOT = Path(__file__).resolve().parents[2]
CONCURRENCY = 4
EVENTS = 40

pytestmark = [
    pytest.mark.skipif(not settings.REDIS_URL, reason="a real worker needs REDIS_URL (Redis)"),
    pytest.mark.django_db(transaction=True),
]


def database_url() -> str:
    db = connection.settings_dict  # the test database pytest-django created
    auth = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{auth}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


def start_worker(var_dir: Path, log, **extra_env: str) -> subprocess.Popen:
    env = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "REDIS_URL": settings.REDIS_URL,
        "SECRET_KEY": settings.SECRET_KEY,  # it decrypts the webhook secrets
        "VAR_DIR": str(var_dir),
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "WEBHOOKS_ALLOW_PRIVATE_URLS": "true",
        "WEBHOOK_TIMEOUT_SECONDS": "2",
        "WEBHOOK_LEASE_SECONDS": "4",
        "WEBHOOK_REQUEUE_AFTER_SECONDS": "4",
        "WEBHOOK_RETRY_BASE_SECONDS": "0.2",
        "JOBS_SWEEP_INTERVAL_SECONDS": "1",
        **extra_env,
    }
    command = [sys.executable, "-m", "celery", "-A", "heymilo", "worker", "-B"]
    command += ["--pool=threads", f"--concurrency={CONCURRENCY}", "--loglevel=warning"]
    # Its own process group, so SIGKILL takes the embedded beat process down with it.
    return subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=log, stderr=log, start_new_session=True
    )


def kill(worker: subprocess.Popen) -> None:
    if worker.poll() is None:
        os.killpg(worker.pid, signal.SIGKILL)
        worker.wait(timeout=10)


def wait_for(condition, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.1)


def test_a_worker_killed_mid_delivery_and_restarted_delivers_every_event_once(
    posting, hook, receiver, tmp_path
):
    if connection.vendor != "postgresql":
        pytest.skip("the worker process needs a database it can share: PostgreSQL")
    celery_app.conf.task_always_eager = False
    celery_app.control.purge()
    receiver.delay = 0.2  # slow enough that the kill lands during attempts
    with open(tmp_path / "worker.log", "ab") as log:
        worker = start_worker(tmp_path, log)
        try:
            with transaction.atomic():  # queued on commit, to Redis
                events = [emit(posting, f"{n:016X}") for n in range(EVENTS)]
            wait_for(lambda: len(receiver.received) >= 8, 30, "the first deliveries")
            kill(worker)
            assert len(set(receiver.event_ids())) < EVENTS, "the kill came too late to matter"
            worker = start_worker(tmp_path, log)
            done = WebhookDelivery.objects.filter(status="succeeded")
            wait_for(lambda: done.count() == EVENTS, 60, "every delivery to succeed")
            time.sleep(2)  # a couple more sweeps: nothing may be sent again
        finally:
            kill(worker)

    received = Counter(receiver.event_ids())
    assert set(received) == {event.public_id for event in events}
    assert all(request.verified for request in receiver.received)
    # A receiver sees an event twice only if the worker died between sending it and
    # recording the answer; that attempt is logged as interrupted, and receivers dedupe by id.
    interrupted = set(
        WebhookDelivery.objects.filter(attempts__error__startswith="Interrupted").values_list(
            "event__public_id", flat=True
        )
    )
    repeated = {event_id for event_id, count in received.items() if count > 1}
    assert repeated <= interrupted and len(interrupted) <= CONCURRENCY
    assert max(received.values()) <= 2
    for delivery in WebhookDelivery.objects.all():
        assert list(delivery.attempts.values_list("succeeded", flat=True)).count(True) == 1
