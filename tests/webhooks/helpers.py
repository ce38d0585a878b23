import time

from heymilo.jobs import sweep
from webhooks.models import Event, Webhook, WebhookDelivery
from webhooks.services import event_emit


def emit(posting, interview_id: str = "A1B2C3D4E5F60718", **kwargs) -> Event | None:
    kwargs.setdefault("event_type", "report_available")
    kwargs.setdefault("data", {"interview_id": interview_id, "score": 80})
    return event_emit(posting=posting, interview_id=interview_id, **kwargs)


def delivery_of(event: Event) -> WebhookDelivery:
    return WebhookDelivery.objects.get(event=event)


def sweep_until(condition, *, seconds: float = 10.0, pause: float = 0.05) -> None:
    """Run the periodic sweep (what celery beat does) until `condition()` holds."""
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "condition not reached in time"
        sweep.delay()
        time.sleep(pause)


def statuses() -> list[str]:
    return list(WebhookDelivery.objects.order_by("pk").values_list("status", flat=True))


def webhook(public_id: str) -> Webhook:
    return Webhook.objects.get(public_id=public_id)
