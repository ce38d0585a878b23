"""Thin jobs of the candidates app: ids in, load, call the service of the same name."""

from datetime import timedelta

from django.utils import timezone

from candidates.models import Ingestion
from candidates.services import ingest, invitations
from heymilo.jobs import job, requeue

# A queued ingestion this old has lost its message (a broker or worker restart): queue it again.
REQUEUE_AFTER = timedelta(minutes=1)
# A CSV import nobody confirmed within a day is dropped with its rows.
STAGED_FOR = timedelta(days=1)


def ingestion_give_up(ingestion_pk: int, *, error: str) -> None:
    Ingestion.objects.filter(pk=ingestion_pk, status=Ingestion.Status.QUEUED).update(
        status=Ingestion.Status.FAILED, error=error[:2000], completed_at=timezone.now()
    )


@job(name="candidates.ingestion_process", give_up=ingestion_give_up)
def ingestion_process(ingestion_pk: int) -> None:
    ingest.ingestion_process(ingestion_pk=ingestion_pk)


# A mail server that is down gets another try for about a day (backoff up to ten minutes).
@job(name="candidates.email_send", max_retries=150, give_up=invitations.email_give_up)
def email_send(email_pk: int) -> None:
    invitations.email_send(email_pk=email_pk)


def reminders_queue() -> int:
    return invitations.reminders_queue()


def emails_requeue() -> int:
    return invitations.emails_requeue()


def ingestions_sweep() -> int:
    """Queue again the ingestions whose message was lost; drop CSV imports never confirmed."""
    now = timezone.now()
    Ingestion.objects.filter(
        status=Ingestion.Status.STAGED, created_at__lt=now - STAGED_FOR
    ).delete()
    stuck = Ingestion.objects.filter(
        status=Ingestion.Status.QUEUED, created_at__lt=now - REQUEUE_AFTER
    ).values_list("pk", flat=True)
    return requeue(ingestion_process, stuck)
