"""Thin jobs of the interview: ids in, load, call the service of the same name; idempotent, safe
to run twice (heymilo/jobs.py). The sweeps queue again what a crash lost."""

from datetime import timedelta

from django.conf import settings
from django.db.models import F
from django.utils import timezone

from candidates.models import Interview
from heymilo.accounts.services import audit_record
from heymilo.jobs import job, requeue
from interviews import erasure, evaluation, recordings
from interviews.report import report_send_if_scored, unassembled


def evaluation_give_up(interview_pk: int, reason: str = "completed", *, error: str) -> None:
    """Retries are spent: say so where recruiters and integrators look (`evaluation_error` in
    the report and the API); the sweep will try again later."""
    Interview.objects.filter(pk=interview_pk).update(evaluation_error=error[:2000])
    interview = Interview.objects.filter(pk=interview_pk).select_related("workspace").first()
    if interview is not None:
        audit_record(
            workspace=interview.workspace,
            actor="system",
            action="evaluation_failed",
            target=interview.public_id,
            data={"reason": reason, "error": error},
        )


@job(name="interviews.interview_evaluate", give_up=evaluation_give_up)
def interview_evaluate(interview_pk: int, reason: str = "completed") -> None:
    interview = Interview.objects.select_related("posting__workspace", "candidate")
    interview = interview.filter(pk=interview_pk).first()
    if interview is None:
        return  # erased on request meanwhile: nothing to score
    if interview.results.filter(reason=reason).exists():
        return  # a re-run after a crash or a duplicate message: this report exists
    if reason == "completed" and interview.status != Interview.Status.EVALUATING:
        return
    evaluation.interview_evaluate(interview=interview, reason=reason)


def recordings_give_up(interview_pk: int, *, error: str) -> None:
    """The recording could not be assembled: the report goes out without it (the chunks stay,
    and the sweep tries the assembly again for a day)."""
    interview = Interview.objects.filter(pk=interview_pk).select_related("workspace").first()
    if interview is None:
        return
    audit_record(
        workspace=interview.workspace,
        actor="system",
        action="recording_failed",
        target=interview.public_id,
        data={"error": error[:2000]},
    )
    report_send_if_scored(interview_pk=interview_pk, wait_for_recordings=False)


@job(
    name="interviews.recordings_assemble",
    max_retries=3,
    time_limit=3600,
    give_up=recordings_give_up,
)
def recordings_assemble(interview_pk: int) -> None:
    interview = Interview.objects.filter(pk=interview_pk).first()
    if interview is not None:  # erased on request meanwhile: nothing to assemble
        recordings.recordings_assemble(interview=interview)


@job(name="interviews.files_delete", max_retries=8)
def files_delete(pks: list[int]) -> None:
    # Messages queued before the release that added FileToDelete carry file names: condemn
    # them the new way, so an upgrade in the middle of an erasure leaves nothing behind.
    names = [item for item in pks if isinstance(item, str)]
    if names:
        erasure.files_delete_later(names)
    erasure.files_delete(pks=[item for item in pks if not isinstance(item, str)])


def apply_retention() -> int:
    return erasure.retention_apply()


def requeue_condemned_files() -> int:
    return erasure.files_requeue_condemned()


# A finished interview whose recording is still unassembled RECORDINGS_STUCK_AFTER_SECONDS after
# the end has lost its assembly message (a conversion takes minutes); the sweep queues it again,
# for a day at most.
RECORDINGS_RETRY_FOR = timedelta(days=1)


def requeue_stuck_recordings() -> int:
    now = timezone.now()
    stuck = Interview.objects.filter(
        unassembled(),
        status=Interview.Status.COMPLETED,
        completed_at__lt=now - timedelta(seconds=settings.RECORDINGS_STUCK_AFTER_SECONDS),
        completed_at__gt=now - RECORDINGS_RETRY_FOR,
    ).values_list("pk", flat=True)
    return requeue(recordings_assemble, stuck)


# Late chunks stop coming ten minutes after the end and a conversion takes minutes: an hour
# after the end, a recording converted whole no longer needs its chunks.
CHUNKS_KEPT_FOR = timedelta(hours=1)


def discard_converted_chunks() -> int:
    converted = Interview.objects.filter(
        completed_at__lt=timezone.now() - CHUNKS_KEPT_FOR,
        recordings__content_type__in=recordings.DELIVERED_CONTENT_TYPES,
        chunks__kind=F("recordings__kind"),
    ).distinct()
    return sum(recordings.chunks_discard(interview=interview) for interview in converted[:100])


def requeue_stuck_evaluations() -> int:
    """The sweep: evaluations a crash lost are queued again (the job is idempotent)."""
    stuck = Interview.objects.filter(
        status=Interview.Status.EVALUATING,
        updated_at__lt=timezone.now() - timedelta(seconds=settings.EVALUATION_STUCK_AFTER_SECONDS),
    ).values_list("pk", flat=True)
    return requeue(interview_evaluate, stuck)
