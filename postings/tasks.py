"""Thin jobs of the postings app: ids in, load, call the service of the same name."""

from heymilo.jobs import job
from postings import services
from postings.models import WorkflowStep


@job(name="postings.questions_ensure")
def questions_ensure(step_pk: int) -> None:
    step = WorkflowStep.objects.select_related("posting__workspace").filter(pk=step_pk).first()
    if step is not None:  # removed before the job ran: nothing to write
        services.questions_ensure(step=step)
