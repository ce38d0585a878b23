"""Thin tasks: ids in, the work is in webhooks.delivery."""

from django.db import DatabaseError

from heymilo.jobs import job
from webhooks import delivery


# HTTP failures are not task failures: the delivery schedules its own retry in the database.
# Only a database hiccup retries the task itself; the claim makes a re-run harmless.
@job(name="webhooks.delivery_attempt", retry_for=(DatabaseError,), max_retries=3, time_limit=120)
def delivery_attempt(delivery_id: int) -> None:
    delivery.delivery_attempt(delivery_id=delivery_id)


@job(name="webhooks.deliveries_fan_out", retry_for=(), max_retries=0, time_limit=120)
def deliveries_fan_out(delivery_ids: list[int]) -> None:
    for delivery_id in delivery_ids:
        delivery_attempt.delay(delivery_id)
