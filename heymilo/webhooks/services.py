from django.db import transaction

from heymilo.webhooks.models import Webhook
from postings.models import Posting


@transaction.atomic
def webhook_create(*, posting: Posting, url: str, event_type: str) -> tuple[Webhook, str]:
    """Register a webhook; the raw signing secret is returned once and stored encrypted."""
    raw_secret = Webhook.generate_secret()
    webhook = Webhook(workspace=posting.workspace, posting=posting, url=url, event_type=event_type)
    webhook.set_secret(raw_secret)
    webhook.save()
    return webhook, raw_secret


def webhook_delete(*, webhook: Webhook) -> None:
    webhook.delete()
