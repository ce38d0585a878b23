from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from heymilo.accounts.models import Workspace
from postings.models import Posting, Question


def posting_list(*, workspace: Workspace, status: str | None = None) -> QuerySet[Posting]:
    postings = workspace.postings.prefetch_related("steps__posting", "questions__posting")
    return postings.filter(status=status) if status else postings


def posting_summaries(*, workspace: Workspace, search: str | None = None) -> QuerySet[Posting]:
    postings = workspace.postings.only("pk", "public_id", "title")
    return postings.filter(title__icontains=search) if search else postings


def posting_get(*, workspace: Workspace, posting_id: str, questions: bool = True) -> Posting:
    """The workspace's posting, or 404: another workspace's posting is not there for the caller.
    `questions=False` leaves its questions unread (its candidate lists need only its steps)."""
    postings = (
        posting_list(workspace=workspace)
        if questions
        else workspace.postings.prefetch_related("steps__posting")
    )
    return get_object_or_404(postings, public_id=posting_id)


def question_list(*, posting: Posting, modality: str | None = None) -> QuerySet[Question]:
    questions = posting.questions.select_related("posting").order_by("modality", "rank")
    return questions.filter(modality=modality) if modality else questions


def question_get(*, posting: Posting, question_id: str) -> Question:
    return get_object_or_404(question_list(posting=posting), public_id=question_id)
