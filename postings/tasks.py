from django.db import transaction

from heymilo.jobs import job


@job(name="postings.generate_questions")
def generate_questions(step_pk: int) -> None:
    """Write the questions of an interview step created without any; once, even if re-run."""
    from postings.models import Posting, WorkflowStep
    from postings.services import questions_generate

    step = WorkflowStep.objects.select_related("posting__workspace").get(pk=step_pk)
    with transaction.atomic():
        Posting.objects.select_for_update().filter(pk=step.posting_id).first()
        if not step.questions.exists():
            questions_generate(posting=step.posting)
