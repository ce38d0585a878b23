from dataclasses import dataclass

from django.db.models import Avg, Count, F, Q, QuerySet
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404

from candidates.models import Candidate, Interview
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


def candidate_get(*, workspace: Workspace, candidate_id: str) -> Candidate:
    """The workspace's candidate, or 404 for anyone else's."""
    return get_object_or_404(workspace.candidates, public_id=candidate_id)


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


# The recruiter's leaderboard. Tags live on the interview's current result (interviews app);
# they are reached through the reverse relation by name, so candidates imports nothing from it.

SORTS = {
    "-score": [F("rank_score").desc(nulls_last=True), "-created_at"],
    "score": [F("rank_score").asc(nulls_last=True), "-created_at"],
    "-date": ["-created_at", "-pk"],
    "date": ["created_at", "pk"],
    "name": ["candidate__name", "pk"],
}
HISTOGRAM_BUCKETS = 10


@dataclass(frozen=True)
class LeaderboardFilters:
    status: str = ""
    score_min: float | None = None
    score_max: float | None = None
    shortlisted: str = ""  # "yes", "no" or "" (any)
    tag: str = ""
    search: str = ""
    sort: str = "-score"


def with_effective_score(interviews: QuerySet[Interview]) -> QuerySet[Interview]:
    return interviews.annotate(rank_score=Coalesce("score_override", "score"))


def leaderboard(*, posting: Posting, filters: LeaderboardFilters) -> QuerySet[Interview]:
    interviews = with_effective_score(
        interview_list(posting=posting, status=filters.status or None)
    )
    if filters.score_min is not None:
        interviews = interviews.filter(rank_score__gte=filters.score_min)
    if filters.score_max is not None:
        interviews = interviews.filter(rank_score__lte=filters.score_max)
    if filters.shortlisted:
        interviews = interviews.filter(shortlisted=filters.shortlisted == "yes")
    if filters.search:
        interviews = interviews.filter(
            Q(candidate__name__icontains=filters.search)
            | Q(candidate__email__icontains=filters.search)
        )
    if filters.tag:
        # A JSON list's text holds each tag quoted, on SQLite and PostgreSQL alike.
        interviews = interviews.filter(
            results__is_current=True, results__tags__icontains=f'"{filters.tag}"'
        )
    return interviews.order_by(*SORTS.get(filters.sort, SORTS["-score"]))


def current_tags(interview: Interview) -> list[str]:
    """Tags of the current result, from a `results` prefetch."""
    current = [r for r in interview.results.all() if r.is_current]
    return current[0].tags if current else []


def posting_tags(*, posting: Posting) -> list[str]:
    rows = posting.interviews.filter(results__is_current=True).values_list(
        "results__tags", flat=True
    )
    return sorted({tag for tags in rows for tag in (tags or [])})


def score_histogram(*, posting: Posting) -> list[dict]:
    """Completed interviews per ten-point band of the (effective) score, 0–9 … 90–100."""
    scores = with_effective_score(posting.interviews.filter(status=Interview.Status.COMPLETED))
    counts = [0] * HISTOGRAM_BUCKETS
    for score in scores.exclude(rank_score=None).values_list("rank_score", flat=True):
        counts[min(int(score // 10), HISTOGRAM_BUCKETS - 1)] += 1
    tallest = max(counts) or 1
    return [
        {
            "label": f"{band * 10}–{band * 10 + (10 if band == HISTOGRAM_BUCKETS - 1 else 9)}",
            "count": count,
            "percent": round(100 * count / tallest),
            "empty": 100 - round(100 * count / tallest),
        }
        for band, count in enumerate(counts)
    ]


def posting_changed_since(*, posting: Posting, since) -> bool:
    return posting.interviews.filter(updated_at__gt=since).exists()


def interviews_changed(*, posting: Posting, public_ids: list[str], since) -> QuerySet[Interview]:
    """The listed interviews of the posting updated after `since`, for the live leaderboard."""
    interviews = with_effective_score(interview_list(posting=posting))
    return interviews.filter(public_id__in=public_ids, updated_at__gt=since).prefetch_related(
        "results"
    )
