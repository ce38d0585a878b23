"""Attempting deliveries: claim, send outside any transaction, record, schedule the retry.

The schedule lives in the database (next_attempt_at), not in the broker: the queue only says
"look at delivery N now". A message that is lost, duplicated or late is harmless, because an
attempt starts by claiming the row (pending and due → in_flight) and only one claim can win.
The sweep queues due retries and takes back attempts whose worker died (expired lease).
"""

import logging
import random
import time
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from heymilo.jobs import send
from webhooks import services
from webhooks.models import Webhook, WebhookDelivery, WebhookDeliveryAttempt
from webhooks.signing import signature_header
from webhooks.transport import Outcome, http_post

logger = logging.getLogger(__name__)

Status = WebhookDelivery.Status
USER_AGENT = "HeyMilo-Webhooks/1.0 (+https://github.com/heymilo-compatible)"
# A worker whose clock runs slightly behind the web server's must still take a fresh delivery.
CLOCK_SKEW = timedelta(seconds=5)
SWEEP_BATCH = 1000
LOST_ATTEMPT = "Interrupted: the worker stopped before recording a result."


@dataclass
class Claim:
    delivery: WebhookDelivery
    number: int


def retry_delay(failures: int) -> float:
    """Seconds before the next attempt after `failures` failed ones: doubling, capped, ±20%."""
    base = settings.WEBHOOK_RETRY_BASE_SECONDS * 2 ** min(failures - 1, 40)
    return min(base, settings.WEBHOOK_RETRY_MAX_DELAY_SECONDS) * random.uniform(0.8, 1.2)


def _claim(delivery_id: int) -> Claim | None:
    now = timezone.now()
    lease = timedelta(seconds=settings.WEBHOOK_LEASE_SECONDS)
    claimed = WebhookDelivery.objects.filter(
        pk=delivery_id, status=Status.PENDING, next_attempt_at__lte=now + CLOCK_SKEW
    ).update(
        status=Status.IN_FLIGHT,
        lease_expires_at=now + lease,
        attempt_count=F("attempt_count") + 1,
        last_attempt_at=now,
    )
    if not claimed:
        return None  # done, in flight elsewhere, not due, or deleted: nothing to do
    delivery = WebhookDelivery.objects.select_related("webhook", "event").get(pk=delivery_id)
    return Claim(delivery=delivery, number=delivery.attempt_count)


def delivery_headers(*, delivery: WebhookDelivery, number: int, body: bytes) -> dict[str, str]:
    event = delivery.event
    signature = signature_header(
        secrets=delivery.webhook.signing_secrets(), timestamp=int(time.time()), body=body
    )
    return {
        "Content-Type": "application/json",
        "User-Agent": USER_AGENT,
        "X-HeyMilo-Event-Id": event.public_id,
        "Idempotency-Key": event.public_id,
        "X-HeyMilo-Event-Type": event.event_type,
        "X-HeyMilo-Delivery-Id": delivery.public_id,
        "X-HeyMilo-Attempt": str(number),
        "X-HeyMilo-Signature": signature,
    }


def delivery_attempt(*, delivery_id: int) -> Outcome | None:
    """One attempt of a due delivery; a no-op for one already done or being attempted."""
    claim = _claim(delivery_id)
    if claim is None:
        return None
    delivery = claim.delivery
    if not (delivery.webhook.is_active or delivery.event.is_test):
        reason = delivery.webhook.disabled_reason or "disabled"
        outcome = Outcome(False, error=f"Webhook disabled, no request sent: {reason}")
        outcome.retryable = False
    else:
        body = delivery.event.body.encode()
        headers = delivery_headers(delivery=delivery, number=claim.number, body=body)
        # No transaction is open here: a slow receiver must not hold database locks.
        outcome = http_post(url=delivery.webhook.url, headers=headers, body=body)
    _record(claim, outcome)
    return outcome


def _next_state(delivery: WebhookDelivery, outcome: Outcome, now: datetime) -> dict:
    common = {
        "lease_expires_at": None,
        "last_status_code": outcome.status_code,
        "last_error": outcome.error[:500],
    }
    if outcome.succeeded:
        return {**common, "status": Status.SUCCEEDED, "completed_at": now, "next_attempt_at": None}
    failures = delivery.consecutive_failures + 1
    common["consecutive_failures"] = failures
    if not outcome.retryable or failures >= settings.WEBHOOK_MAX_ATTEMPTS:
        return {**common, "status": Status.FAILED, "completed_at": now, "next_attempt_at": None}
    next_at = now + timedelta(seconds=retry_delay(failures))
    return {**common, "status": Status.PENDING, "next_attempt_at": next_at}


@transaction.atomic
def _record(claim: Claim, outcome: Outcome) -> None:
    delivery, now = claim.delivery, timezone.now()
    WebhookDeliveryAttempt.objects.create(
        delivery=delivery,
        number=claim.number,
        succeeded=outcome.succeeded,
        status_code=outcome.status_code,
        duration_ms=outcome.duration_ms,
        error=outcome.error[:500],
        response_excerpt=outcome.response_excerpt[:1024],
        started_at=delivery.last_attempt_at or now,
    )
    # Fenced by the attempt number: if the lease expired and another attempt took over,
    # that attempt owns the row now.
    WebhookDelivery.objects.filter(
        pk=delivery.pk, status=Status.IN_FLIGHT, attempt_count=claim.number
    ).update(**_next_state(delivery, outcome, now))
    _webhook_health(delivery.webhook, outcome, now)


def _webhook_health(webhook: Webhook, outcome: Outcome, now: datetime) -> None:
    """Track the failure streak; a streak as long as WEBHOOK_DISABLE_AFTER disables it."""
    webhooks = Webhook.objects.filter(pk=webhook.pk)
    if outcome.succeeded:
        if webhook.failing_since is not None:  # as read at the claim: skip a write per success
            webhooks.update(failing_since=None)
        return
    webhooks.filter(failing_since__isnull=True).update(failing_since=now)
    window = timedelta(seconds=settings.WEBHOOK_DISABLE_AFTER_SECONDS)
    if webhooks.filter(is_active=True, failing_since__lte=now - window).exists():
        since = webhooks.values_list("failing_since", flat=True).get()
        reason = (
            f"Every delivery failed since {since:%Y-%m-%d %H:%M} UTC; last error: {outcome.error}"
        )
        if services.webhook_disable(webhook_pk=webhook.pk, reason=reason):
            logger.warning("webhook %s disabled: %s", webhook.public_id, reason)


def _release_expired_leases(now: datetime) -> int:
    """Attempts whose worker died (SIGKILL, OOM, lost host) go back to pending."""
    expired = WebhookDelivery.objects.filter(status=Status.IN_FLIGHT, lease_expires_at__lt=now)
    rows = expired.values_list("pk", "attempt_count", "consecutive_failures")[:SWEEP_BATCH]
    released = 0
    for pk, number, failures in rows:
        # A lost attempt counts as a failure, so a receiver that crashes workers stays bounded.
        spent = failures + 1 >= settings.WEBHOOK_MAX_ATTEMPTS
        with transaction.atomic():
            updated = WebhookDelivery.objects.filter(
                pk=pk, status=Status.IN_FLIGHT, attempt_count=number
            ).update(
                status=Status.FAILED if spent else Status.PENDING,
                next_attempt_at=None if spent else now,
                completed_at=now if spent else None,
                lease_expires_at=None,
                consecutive_failures=failures + 1,
                last_error=LOST_ATTEMPT,
            )
            if updated:
                WebhookDeliveryAttempt.objects.create(
                    delivery_id=pk, number=number, error=LOST_ATTEMPT, started_at=now
                )
        released += updated
    return released


def _enqueue_due(now: datetime) -> int:
    """Queue due deliveries that have no live message: a retry, or a message that was lost."""
    requeue_before = now - timedelta(seconds=settings.WEBHOOK_REQUEUE_AFTER_SECONDS)
    due = (
        WebhookDelivery.objects.filter(status=Status.PENDING, next_attempt_at__lte=now)
        .filter(
            Q(enqueued_at__isnull=True)
            | Q(enqueued_at__lt=F("next_attempt_at"))
            | Q(enqueued_at__lt=requeue_before)
        )
        .order_by("next_attempt_at")
    )
    delivery_ids = list(due.values_list("pk", flat=True)[:SWEEP_BATCH])
    if delivery_ids:
        WebhookDelivery.objects.filter(pk__in=delivery_ids).update(enqueued_at=now)
        for name, args in services.delivery_messages(delivery_ids):
            send(name, *args)
    return len(delivery_ids)


def deliveries_sweep() -> int:
    """Registered with heymilo.jobs: run by celery beat every JOBS_SWEEP_INTERVAL_SECONDS."""
    now = timezone.now()
    return _release_expired_leases(now) + _enqueue_due(now)
