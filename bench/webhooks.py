"""Webhook delivery benchmark: 10,000 events to a local receiver on 127.0.0.1.

    .venv/bin/python bench/webhooks.py [--events 10000] [--threads 16]
    bench/with-services.sh bench/webhooks.py        # against throwaway PostgreSQL + Redis

In-process: the events are emitted in one bulk call (as a 10,000-row ingest does), then
threads play the Celery worker threads, calling the same function the `webhooks.deliver` task
calls (claim → signed HTTP POST → record) once per delivery; the broker hop is left out. The
receiver is a threaded HTTP server in a separate process that verifies every signature and
notes the arrival time.

Prints emission time, throughput (events/s, from the first attempt to the last receipt) and
delivery latency p50/p95 (event created_at → receipt; a burst, so it includes queueing) and
the p50/p95 of a single attempt. It creates a throwaway test database; your data is untouched.
"""

import argparse
import hashlib
import hmac
import multiprocessing
import os
import queue
import statistics
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "heymilo.settings")
os.environ["WEBHOOKS_ALLOW_PRIVATE_URLS"] = "true"  # the receiver is on loopback

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection, connections  # noqa: E402
from django.test import TestCase  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402


class Receiver:
    """Runs in its own process, so its work does not compete with the senders for the GIL."""

    def __init__(self, secret: str) -> None:
        self.secret = secret
        self.arrivals: dict[str, float] = {}
        self.bad_signatures = 0
        self.lock = threading.Lock()

    def verified(self, header: str, body: bytes) -> bool:
        fields = dict(part.split("=", 1) for part in header.split(","))
        signed = fields["t"].encode() + b"." + body
        expected = hmac.new(self.secret.encode(), signed, hashlib.sha256).hexdigest()
        return hmac.compare_digest(expected, fields["v1"])

    def handler(self):
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                arrived = time.time()
                good = receiver.verified(self.headers["X-HeyMilo-Signature"], body)
                with receiver.lock:
                    receiver.arrivals.setdefault(self.headers["X-HeyMilo-Event-Id"], arrived)
                    receiver.bad_signatures += not good
                self.send_response(200 if good else 400)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        return Handler

    @classmethod
    def serve(cls, secret: str, port: multiprocessing.Queue, stop, results) -> None:
        receiver = cls(secret)
        server = ThreadingHTTPServer(("127.0.0.1", 0), receiver.handler())
        server.daemon_threads = True
        server.request_queue_size = 256
        threading.Thread(target=server.serve_forever, daemon=True).start()
        port.put(server.server_address[1])
        stop.wait()
        server.shutdown()
        results.put((receiver.arrivals, receiver.bad_signatures))


def receiver_start(secret: str):
    """(url, stop() → (arrivals by event id, bad signature count))."""
    port, results, stop = multiprocessing.Queue(), multiprocessing.Queue(), multiprocessing.Event()
    process = multiprocessing.Process(target=Receiver.serve, args=(secret, port, stop, results))
    process.start()
    url = f"http://127.0.0.1:{port.get(timeout=30)}/hooks"

    def finish() -> tuple[dict[str, float], int]:
        stop.set()
        outcome = results.get(timeout=60)
        process.join()
        return outcome

    return url, finish


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def deliver_all(delivery_ids: list[int], threads: int) -> None:
    """Worker threads, each with its own database connection, draining one shared queue."""
    from webhooks.delivery import delivery_attempt

    work: queue.SimpleQueue[int | None] = queue.SimpleQueue()
    for delivery_id in delivery_ids:
        work.put(delivery_id)

    def worker() -> None:
        try:
            while (delivery_id := work.get()) is not None:
                delivery_attempt(delivery_id=delivery_id)
        finally:
            connections.close_all()

    pool = [threading.Thread(target=worker) for _ in range(threads)]
    for thread in pool:
        work.put(None)
        thread.start()
    for thread in pool:
        thread.join()


def run(events: int, threads: int) -> None:
    from heymilo.accounts.services import workspace_get_or_create
    from postings.models import Posting
    from webhooks.models import (
        EventType,
        Webhook,
        WebhookDelivery,
        WebhookDeliveryAttempt,
    )
    from webhooks.services import events_emit_bulk, webhook_create

    workspace = workspace_get_or_create(name="Bench")
    posting = Posting.objects.create(workspace=workspace, title="Bench")
    webhook, secret = webhook_create(
        posting=posting, url="http://127.0.0.1/pending", event_type=EventType.REPORT_AVAILABLE
    )
    url, receiver_stop = receiver_start(secret)
    Webhook.objects.filter(pk=webhook.pk).update(url=url)
    print(f"database: {connection.vendor}; {threads} delivery threads; {events} events")

    items = ((f"{n:016X}", {"score": n % 100, "n": n}) for n in range(events))
    started = time.perf_counter()
    # The workers below stand in for the queue, so the on-commit enqueue is dropped.
    with TestCase.captureOnCommitCallbacks(execute=False):
        emitted = events_emit_bulk(
            posting=posting, event_type=EventType.REPORT_AVAILABLE, items=items
        )
    print(f"emit {len(emitted)} events + deliveries: {time.perf_counter() - started:.2f} s")

    delivery_ids = list(WebhookDelivery.objects.order_by("pk").values_list("pk", flat=True))
    started = time.perf_counter()
    deliver_all(delivery_ids, threads)
    elapsed = time.perf_counter() - started
    arrivals, bad_signatures = receiver_stop()

    created = {e.public_id: e.created_at.timestamp() for e in emitted}
    latencies = [arrivals[i] - created[i] for i in created if i in arrivals]
    durations = list(WebhookDeliveryAttempt.objects.values_list("duration_ms", flat=True))
    succeeded = WebhookDelivery.objects.filter(status="succeeded").count()
    print(
        f"delivered {len(arrivals)}/{events} (succeeded {succeeded}, "
        f"bad signatures {bad_signatures}) in {elapsed:.2f} s: "
        f"{len(arrivals) / elapsed:,.0f} events/s"
    )
    print(
        f"latency created→received: p50 {percentile(latencies, 0.5) * 1000:,.0f} ms, "
        f"p95 {percentile(latencies, 0.95) * 1000:,.0f} ms (burst of {events})"
    )
    print(
        f"one attempt (HTTP incl. DNS check): p50 {statistics.median(durations):.0f} ms, "
        f"p95 {percentile(durations, 0.95):.0f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--threads", type=int, default=16)
    args = parser.parse_args()
    settings.WEBHOOKS_ALLOW_PRIVATE_URLS = True
    if connection.vendor == "sqlite":
        # A file, not shared memory: many threads write to it at once.
        connection.settings_dict["TEST"]["NAME"] = str(settings.VAR_DIR / "bench-webhooks.sqlite3")
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        run(args.events, args.threads)
    finally:
        connections.close_all()
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
