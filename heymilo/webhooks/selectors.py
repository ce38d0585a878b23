from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from heymilo.accounts.models import Workspace
from heymilo.webhooks.models import Webhook


def webhook_list(*, workspace: Workspace, posting_id: str | None = None) -> QuerySet[Webhook]:
    webhooks = workspace.webhooks.select_related("posting")
    return webhooks.filter(posting__public_id=posting_id) if posting_id else webhooks


def webhook_get(*, workspace: Workspace, webhook_id: str) -> Webhook:
    return get_object_or_404(webhook_list(workspace=workspace), public_id=webhook_id)
