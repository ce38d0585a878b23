from django.db.models import Avg, Count, QuerySet
from django.shortcuts import get_object_or_404

from candidates.models import Interview
from heymilo.accounts.models import Workspace
from postings.models import Posting


def interview_list(*, posting: Posting, status: str | None = None) -> QuerySet[Interview]:
    interviews = posting.interviews.select_related("candidate", "posting").prefetch_related(
        "posting__steps"
    )
    return interviews.filter(status=status) if status else interviews


def interview_get(*, workspace: Workspace, interview_id: str) -> Interview:
    """The workspace's interview, or 404 for anyone else's."""
    interviews = workspace.interviews.select_related("candidate", "posting").prefetch_related(
        "posting__steps"
    )
    return get_object_or_404(interviews, public_id=interview_id)


def posting_stats(*, posting: Posting) -> dict:
    by_status = dict(
        posting.interviews.values_list("status").annotate(count=Count("id")).order_by()
    )
    average = posting.interviews.filter(status=Interview.Status.COMPLETED).aggregate(
        avg=Avg("score")
    )["avg"]
    return {
        "object": "posting_stats",
        "posting_id": posting.public_id,
        "title": posting.title,
        "total_candidates": sum(by_status.values()),
        "completed_interviews": by_status.get(Interview.Status.COMPLETED, 0),
        "average_interview_score": round(average, 1) if average is not None else None,
        "status_counts": {status: by_status.get(status, 0) for status in Interview.Status.values},
    }
