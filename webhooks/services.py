import json
from collections.abc import Iterable
from datetime import timedelta

from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone

from heymilo.errors import Conflict
from heymilo.jobs import enqueue
from postings.models import Posting
from webhooks.models import (
    Event,
    Webhook,
    WebhookDelivery,
    new_event_id,
)
from webhooks.safety import url_check_registration

BATCH_SIZE = 500
# Up to this many deliveries are queued one message each straight from the web process;
# beyond it (a bulk ingest) one message per batch lets a worker queue them instead.
DIRECT_ENQUEUE_LIMIT = 50
MAX_ROTATION_GRACE_SECONDS = 7 * 24 * 3600


@transaction.atomic
def webhook_create(*, posting: Posting, url: str, event_type: str) -> tuple[Webhook, str]:
    """Register a webhook; the raw signing secret is returned once and stored encrypted.

    Raises safety.UnsafeUrl for a URL that is not http(s) to a public address.
    """
    url_check_registration(url)
    raw_secret = Webhook.generate_secret()
    webhook = Webhook(workspace=posting.workspace, posting=posting, url=url, event_type=event_type)
    webhook.set_secret(raw_secret)
    webhook.save()
    return webhook, raw_secret


def webhook_delete(*, webhook: Webhook) -> None:
    webhook.delete()


def webhook_rotate_secret(*, webhook: Webhook, grace_period_seconds: int = 0) -> str:
    """A new secret; the old one keeps signing (as a second v1) for the grace period."""
    now = timezone.now()
    raw_secret = Webhook.generate_secret()
    if grace_period_seconds > 0:
        webhook.previous_secret_encrypted = webhook.secret_encrypted
        webhook.previous_secret_expires_at = now + timedelta(seconds=grace_period_seconds)
    else:
        webhook.previous_secret_encrypted, webhook.previous_secret_expires_at = "", None
    webhook.set_secret(raw_secret)
    webhook.updated_at = now
    webhook.save()
    return raw_secret


def webhook_enable(*, webhook: Webhook) -> Webhook:
    """Re-activate a webhook that was disabled for failing; its failure streak starts over."""
    webhook.is_active, webhook.disabled_reason, webhook.failing_since = True, "", None
    webhook.updated_at = timezone.now()
    webhook.save(update_fields=["is_active", "disabled_reason", "failing_since", "updated_at"])
    return webhook


def webhook_disable(*, webhook_pk: int, reason: str) -> bool:
    updated = Webhook.objects.filter(pk=webhook_pk, is_active=True).update(
        is_active=False, disabled_reason=reason[:200], updated_at=timezone.now()
    )
    return bool(updated)


def event_body(
    *,
    event_id: str,
    event_type: str,
    created_at,
    posting_id: str,
    interview_id: str | None,
    data: dict,
) -> str:
    """The JSON every attempt sends, byte for byte (DESIGN.md §7)."""
    envelope = {
        "id": event_id,
        "object": "event",
        "event_type": event_type,
        "created_at": round(created_at.timestamp(), 3),
        "posting_id": posting_id,
        "interview_id": interview_id,
        "data": data,
    }
    return json.dumps(envelope, cls=DjangoJSONEncoder, separators=(",", ":"))


def event_emit(
    *, posting: Posting, interview_id: str, event_type: str, data: dict, dedupe_key: str = ""
) -> Event | None:
    """Record an event and a delivery per subscribed active webhook; queue them on commit.

    Idempotent by (event_type, interview_id, dedupe_key): emitting it again returns the first
    event and delivers nothing new. Events that legitimately repeat pass a dedupe_key naming the
    occurrence (e.g. the result id of a rescore). Returns None when no webhook subscribes.
    """
    emitted = events_emit_bulk(
        posting=posting,
        event_type=event_type,
        items=[(interview_id, data)],
        dedupe_key=dedupe_key,
    )
    if emitted is None:
        return None
    if emitted:
        return emitted[0]
    natural_key = {"event_type": event_type, "interview_id": interview_id, "dedupe_key": dedupe_key}
    return Event.objects.get(**natural_key)


def _subscribers(*, posting: Posting, event_type: str) -> list[Webhook]:
    return list(
        Webhook.objects.filter(posting=posting, event_type=event_type, is_active=True).only("pk")
    )


def _new_events(*, events: list[Event]) -> list[Event]:
    """Those of `events` that were inserted, not skipped as an earlier event's duplicate."""
    by_public_id = {event.public_id: event for event in events}
    inserted = []
    for start in range(0, len(events), BATCH_SIZE):
        chunk = [event.public_id for event in events[start : start + BATCH_SIZE]]
        for pk, public_id in Event.objects.filter(public_id__in=chunk).values_list(
            "pk", "public_id"
        ):
            by_public_id[public_id].pk = pk
            inserted.append(by_public_id[public_id])
    return inserted


def events_emit_bulk(
    *,
    posting: Posting,
    event_type: str,
    items: Iterable[tuple[str, dict]],
    dedupe_key: str = "",
) -> list[Event] | None:
    """event_emit for many interviews at once, in a constant number of queries per 500.

    `items` are (interview_id, data) pairs and are only read when a webhook subscribes, so a
    generator costs nothing for a posting without webhooks. Returns the new events, or None
    when no webhook subscribes.
    """
    webhooks = _subscribers(posting=posting, event_type=event_type)
    if not webhooks:
        return None
    now = timezone.now()
    events = []
    for interview_id, data in items:
        event_id = new_event_id()
        body = event_body(
            event_id=event_id,
            event_type=event_type,
            created_at=now,
            posting_id=posting.public_id,
            interview_id=interview_id,
            data=data,
        )
        events.append(
            Event(
                public_id=event_id,
                workspace_id=posting.workspace_id,
                posting=posting,
                interview_id=interview_id,
                event_type=event_type,
                dedupe_key=dedupe_key,
                body=body,
                created_at=now,
            )
        )
    with transaction.atomic():
        # ON CONFLICT DO NOTHING: a duplicate never aborts the caller's transaction.
        Event.objects.bulk_create(events, batch_size=BATCH_SIZE, ignore_conflicts=True)
        inserted = _new_events(events=events)
        deliveries = [
            WebhookDelivery(webhook=webhook, event=event, next_attempt_at=now, enqueued_at=now)
            for event in inserted
            for webhook in webhooks
        ]
        WebhookDelivery.objects.bulk_create(deliveries, batch_size=BATCH_SIZE)
        deliveries_enqueue(delivery_ids=[delivery.pk for delivery in deliveries])
    return inserted


@transaction.atomic
def webhook_send_test(*, webhook: Webhook) -> WebhookDelivery:
    """A test event to this webhook only, delivered like any other (disabled webhooks too)."""
    now = timezone.now()
    event_id = new_event_id()
    data = {"test": True, "webhook_id": webhook.public_id, "message": "A test event."}
    event = Event.objects.create(
        public_id=event_id,
        workspace_id=webhook.workspace_id,
        posting_id=webhook.posting_id,
        event_type=webhook.event_type,
        dedupe_key=event_id,
        is_test=True,
        created_at=now,
        body=event_body(
            event_id=event_id,
            event_type=webhook.event_type,
            created_at=now,
            posting_id=webhook.posting.public_id,
            interview_id=None,
            data=data,
        ),
    )
    delivery = WebhookDelivery.objects.create(
        webhook=webhook, event=event, next_attempt_at=now, enqueued_at=now, created_at=now
    )
    deliveries_enqueue(delivery_ids=[delivery.pk])
    return delivery


@transaction.atomic
def delivery_redeliver(*, delivery: WebhookDelivery) -> WebhookDelivery:
    """Send the same event (same id, same body) again, with a fresh retry budget."""
    if not (delivery.webhook.is_active or delivery.event.is_test):
        raise Conflict("conflict", "The webhook is disabled; enable it before redelivering.")
    now = timezone.now()
    updated = (
        WebhookDelivery.objects.filter(pk=delivery.pk)
        .exclude(status=WebhookDelivery.Status.IN_FLIGHT)
        .update(
            status=WebhookDelivery.Status.PENDING,
            consecutive_failures=0,
            next_attempt_at=now,
            enqueued_at=now,
            completed_at=None,
        )
    )
    if not updated:
        raise Conflict("conflict", "The delivery is being attempted right now.")
    deliveries_enqueue(delivery_ids=[delivery.pk])
    delivery.refresh_from_db()
    return delivery


def deliveries_enqueue(*, delivery_ids: list[int]) -> None:
    """Queue an attempt of each delivery once the transaction commits."""
    for name, args in delivery_messages(delivery_ids):
        enqueue(name, *args)


def delivery_messages(delivery_ids: list[int]) -> list[tuple[str, tuple]]:
    """(job, arguments) of the messages that attempt these deliveries: a few go one message
    each; a bulk ingest's thousands go in batches that a worker fans out."""
    if len(delivery_ids) <= DIRECT_ENQUEUE_LIMIT:
        return [("webhooks.delivery_attempt", (delivery_id,)) for delivery_id in delivery_ids]
    return [
        ("webhooks.deliveries_fan_out", (delivery_ids[start : start + BATCH_SIZE],))
        for start in range(0, len(delivery_ids), BATCH_SIZE)
    ]
