from dataclasses import dataclass, replace

from django.core.cache import cache
from django.db.models import Count, F, Max, Q, QuerySet, Sum
from django.db.models.functions import Coalesce, Floor, Least
from django.shortcuts import get_object_or_404

from candidates.models import Candidate, CandidateEmail, Interview
from heymilo.accounts.models import Workspace
from heymilo.keyset import Key, ordering, values_of
from heymilo.keyset import after as keyset_after
from postings.models import Posting


def interview_list(*, posting: Posting, status: str | None = None) -> QuerySet[Interview]:
    # Through posting.interviews every row gets this very posting object, its steps already
    # prefetched by posting_get: no join and no prefetch per page.
    interviews = posting.interviews.select_related("candidate")
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


def _summary_groups(posting: Posting):
    return (
        with_effective_score(posting.interviews)
        .values("status", band=Least(Floor(F("rank_score") / 10.0), HISTOGRAM_BUCKETS - 1.0))
        .annotate(count=Count("pk"), score_sum=Sum("score"), scored=Count("score"))
        .order_by()
    )


def posting_stats(*, posting: Posting) -> dict:
    return posting_summary(posting=posting)[0]


def posting_summary(*, posting: Posting, version: str | None = None) -> tuple[dict, list[dict]]:
    """The posting's figures (the API's stats) and the histogram of its effective scores, from
    one pass over its interviews grouped by status and score band (a few dozen groups). The
    pass reads every interview of the posting (30 ms for 100,000), so its groups are cached
    under the posting's version (`posting_version`, which a caller may pass)."""
    key = f"posting-summary:{version or posting_version(posting=posting)}"
    groups = cache.get_or_set(key, lambda: list(_summary_groups(posting)), POSTING_FIGURES_SECONDS)
    by_status = dict.fromkeys(Interview.Status.values, 0)
    bands = [0] * HISTOGRAM_BUCKETS
    score_sum = scored = 0
    for group in groups:
        by_status[group["status"]] += group["count"]
        if group["status"] == Interview.Status.COMPLETED:
            score_sum, scored = score_sum + (group["score_sum"] or 0), scored + group["scored"]
            if group["band"] is not None:
                bands[int(group["band"])] += group["count"]
    stats = {
        "object": "posting_stats",
        "posting_id": posting.public_id,
        "title": posting.title,
        "total_candidates": sum(by_status.values()),
        "completed_interviews": by_status[Interview.Status.COMPLETED],
        "average_interview_score": round(score_sum / scored, 1) if scored else None,
        "status_counts": by_status,
    }
    return stats, _histogram(bands)


# The recruiter's leaderboard. Tags live on the interview's current result (interviews app);
# they are reached through the reverse relation by name, so candidates imports nothing from it.

# Each sort ends with the primary key, so no two rows tie and a page can start after any row.
SORTS = {
    "-score": [
        Key("rank_score", descending=True, nullable=True),
        Key("created_at", descending=True),
        Key("pk", descending=True),
    ],
    "score": [
        Key("rank_score", nullable=True),
        Key("created_at", descending=True),
        Key("pk", descending=True),
    ],
    "-date": [Key("created_at", descending=True), Key("pk", descending=True)],
    "date": [Key("created_at"), Key("pk")],
    "name": [Key("candidate__name"), Key("pk")],
}
HISTOGRAM_BUCKETS = 10
POSTING_FIGURES_SECONDS = 60


@dataclass(frozen=True)
class LeaderboardFilters:
    status: str = ""
    score_min: float | None = None
    score_max: float | None = None
    shortlisted: str = ""  # "yes", "no" or "" (any)
    tag: str = ""
    search: str = ""
    sort: str = "-score"

    @property
    def filtering(self) -> bool:
        return replace(self, sort=LeaderboardFilters.sort) != LeaderboardFilters()


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
    return interviews.order_by(*ordering(sort_keys(filters)))


def sort_keys(filters: LeaderboardFilters) -> list[Key]:
    return SORTS.get(filters.sort, SORTS["-score"])


@dataclass(frozen=True)
class BoardPage:
    rows: list[Interview]
    count: int
    next_after: str | None  # the last row's id, when more rows follow


def leaderboard_page(
    *, posting: Posting, filters: LeaderboardFilters, after: str | None, size: int, total: int
) -> BoardPage:
    """One page of the leaderboard, starting after the row `after` names (keyset). `total` is
    the posting's count of candidates, the count when nothing is filtered out."""
    interviews = leaderboard(posting=posting, filters=filters)
    keys = sort_keys(filters)
    anchor = interviews.filter(public_id=after).first() if after else None
    page = interviews.filter(keyset_after(keys, values_of(anchor, keys))) if anchor else interviews
    rows = list(page.prefetch_related("results")[: size + 1])
    return BoardPage(
        rows=rows[:size],
        count=interviews.count() if filters.filtering else total,
        next_after=rows[size - 1].public_id if len(rows) > size else None,
    )


def current_tags(interview: Interview) -> list[str]:
    """Tags of the current result, from a `results` prefetch."""
    current = [r for r in interview.results.all() if r.is_current]
    return current[0].tags if current else []


def posting_tags(*, posting: Posting, version: str | None = None) -> list[str]:
    """Every tag of the posting's current results. Reading them all takes a scan of the
    posting's results, so the answer is cached under the posting's version."""
    key = f"posting-tags:{version or posting_version(posting=posting)}"
    return cache.get_or_set(key, lambda: _tags(posting), POSTING_FIGURES_SECONDS)


def _tags(posting: Posting) -> list[str]:
    rows = posting.interviews.filter(results__is_current=True).values_list(
        "results__tags", flat=True
    )
    return sorted({tag for tags in rows.distinct() for tag in (tags or [])})


def posting_version(*, posting: Posting) -> str:
    """What the figures cached for a posting are keyed on: its interviews' last change (every
    change to an interview sets `updated_at`) and its erasures (an erased interview may not
    have been the last one changed). A change whose transaction commits after a later one
    hides behind it; the figures expire after POSTING_FIGURES_SECONDS, which bounds that."""
    last_change = posting.interviews.aggregate(last=Max("updated_at"))["last"]
    erasures = cache.get(_erasures_key(posting.pk), 0)
    return f"{posting.pk}:{erasures}:{last_change.timestamp() if last_change else 0}"


def posting_cache_forget(*, posting_ids) -> None:
    """Erasure: the figures cached for these postings may count the erased interviews."""
    for posting_id in set(posting_ids):
        key = _erasures_key(posting_id)
        cache.add(key, 0, timeout=None)
        cache.incr(key)


def _erasures_key(posting_id: int) -> str:
    return f"posting-erasures:{posting_id}"


def score_histogram(*, posting: Posting) -> list[dict]:
    """Completed interviews per ten-point band of the (effective) score, 0–9 … 90–100."""
    return posting_summary(posting=posting)[1]


def _histogram(counts: list[int]) -> list[dict]:
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


MAIL_PROBLEMS = (CandidateEmail.Status.BOUNCED, CandidateEmail.Status.FAILED)


@dataclass(frozen=True)
class MailPage:
    rows: list[CandidateEmail]
    older: int | None  # the last row's id, when older mail follows


def mail_log_page(*, workspace: Workspace, problems: bool, before: int | None, size: int):
    """The workspace's mail, newest first, a page at a time from the row before `before`
    (keyset on the id, which grows with each mail): the log can hold every mail ever sent."""
    emails = CandidateEmail.objects.filter(workspace=workspace)
    if problems:
        emails = emails.filter(status__in=MAIL_PROBLEMS)
    if before:
        emails = emails.filter(pk__lt=before)
    rows = list(
        emails.select_related("posting", "interview__candidate").order_by("-pk")[: size + 1]
    )
    return MailPage(rows=rows[:size], older=rows[size - 1].pk if len(rows) > size else None)
