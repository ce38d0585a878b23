"""Background jobs of the interview: ids in, idempotent, safe to run twice."""

from celery import shared_task

from candidates.models import Interview


@shared_task(acks_late=True, bind=True, max_retries=5, default_retry_delay=30)
def evaluate_interview(self, interview_pk: int, reason: str = "completed") -> None:
    from interviews.evaluation import interview_evaluate

    interview = Interview.objects.select_related("posting__workspace", "candidate").get(
        pk=interview_pk
    )
    already_scored = interview.results.filter(is_current=True, reason=reason).exists()
    if reason == "completed" and (
        interview.status != Interview.Status.EVALUATING or already_scored
    ):
        return  # a re-run after a crash or a duplicate message: the report exists
    try:
        interview_evaluate(interview=interview, reason=reason)
    except Exception as exc:
        raise self.retry(exc=exc)


@shared_task(acks_late=True, bind=True, max_retries=3, default_retry_delay=30)
def assemble_recordings(self, interview_pk: int) -> None:
    from interviews.recordings import recordings_assemble

    interview = Interview.objects.get(pk=interview_pk)
    recordings_assemble(interview=interview)
