"""Thin tasks: ids in, the work is in heymilo.webhooks.delivery."""

from django.db import DatabaseError

from heymilo.jobs import job
from heymilo.webhooks.delivery import delivery_attempt


# HTTP failures are not task failures: the delivery schedules its own retry in the database.
# Only a database hiccup retries the task itself; the claim makes a re-run harmless.
@job(name="webhooks.deliver", retry_for=(DatabaseError,), max_retries=3, time_limit=120)
def webhook_deliver(delivery_id: int) -> None:
    delivery_attempt(delivery_id=delivery_id)


@job(name="webhooks.enqueue", retry_for=(), max_retries=0, time_limit=120)
def webhook_deliveries_enqueue(delivery_ids: list[int]) -> None:
    for delivery_id in delivery_ids:
        webhook_deliver.delay(delivery_id)
