"""Background ingestion of candidates sent to `…/candidates/async` and `…/bulk/async`, and the
mail that carries a candidate's interview link."""

from datetime import timedelta

from django.utils import timezone

from candidates.models import Ingestion, Interview
from heymilo.jobs import job, requeue

# A queued ingestion this old has lost its message (a broker or worker restart): queue it again.
REQUEUE_AFTER = timedelta(minutes=1)


def ingestion_give_up(ingestion_pk: int, *, error: str) -> None:
    Ingestion.objects.filter(pk=ingestion_pk, status=Ingestion.Status.QUEUED).update(
        status=Ingestion.Status.FAILED, error=error[:2000], completed_at=timezone.now()
    )


@job(name="candidates.ingest", give_up=ingestion_give_up)
def process_ingestion(ingestion_pk: int) -> None:
    from candidates.bulk import ingestion_process

    ingestion_process(ingestion_pk=ingestion_pk)


def requeue_stuck_ingestions() -> int:
    stuck = Ingestion.objects.filter(
        status=Ingestion.Status.QUEUED, created_at__lt=timezone.now() - REQUEUE_AFTER
    ).values_list("pk", flat=True)
    return requeue(process_ingestion, stuck)


@job(name="candidates.send_interview_link", max_retries=8)
def send_interview_link(interview_pk: int) -> None:
    from candidates.invitations import interview_link_send

    interview = Interview.objects.select_related("posting__workspace", "candidate")
    interview = interview.filter(pk=interview_pk).first()
    if interview is not None:  # deleted before the mail went out: nothing to send
        interview_link_send(interview=interview)
