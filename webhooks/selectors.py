from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from heymilo.accounts.models import Workspace
from webhooks.models import Webhook, WebhookDelivery


def webhook_list(*, workspace: Workspace, posting_id: str | None = None) -> QuerySet[Webhook]:
    webhooks = workspace.webhooks.select_related("posting")
    return webhooks.filter(posting__public_id=posting_id) if posting_id else webhooks


def webhook_get(*, workspace: Workspace, webhook_id: str) -> Webhook:
    return get_object_or_404(webhook_list(workspace=workspace), public_id=webhook_id)


def delivery_list(*, webhook: Webhook, status: str | None = None) -> QuerySet[WebhookDelivery]:
    """A webhook's deliveries with their event and attempts; scoped through the webhook."""
    deliveries = webhook.deliveries.select_related("event", "webhook").prefetch_related("attempts")
    return deliveries.filter(status=status) if status else deliveries


def delivery_get(*, webhook: Webhook, delivery_id: str) -> WebhookDelivery:
    return get_object_or_404(delivery_list(webhook=webhook), public_id=delivery_id)
