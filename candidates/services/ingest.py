from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from candidates.models import Candidate, Interview
from heymilo.api.errors import Unprocessable
from heymilo.api.fields import METADATA_MAX_KEYS
from heymilo.webhooks.models import EventType
from heymilo.webhooks.services import events_emit_bulk
from postings.models import Posting
from postings.services import posting_require_active

BATCH_SIZE = 1000


@dataclass
class IngestResult:
    interview: Interview
    created: bool


def _candidates_by_email(*, posting: Posting, rows: list[dict]) -> dict[str, Candidate]:
    """Find or create the workspace's candidates for these rows, in a constant number of queries."""
    workspace = posting.workspace
    emails = [row["email"] for row in rows]
    Candidate.objects.bulk_create(
        [
            Candidate(
                workspace=workspace,
                email=row["email"],
                name=row["name"],
                phone_number=row.get("phone_number") or "",
            )
            for row in rows
        ],
        batch_size=BATCH_SIZE,
        ignore_conflicts=True,  # an existing email keeps its candidate, even under a race
    )
    candidates = Candidate.objects.filter(workspace=workspace, email__in=emails)
    fields = ("pk", "public_id", "email", "name", "phone_number")
    return {c.email: c for c in candidates.only(*fields)}


def _interviews_by_candidate(*, posting: Posting, candidate_ids: list[int]) -> dict[int, Interview]:
    interviews = Interview.objects.filter(posting=posting, candidate_id__in=candidate_ids).only(
        "pk", "public_id", "candidate_id", "posting_id"
    )
    return {interview.candidate_id: interview for interview in interviews}


@transaction.atomic
def candidates_ingest(
    *, posting: Posting, rows: list[dict], source: str = Interview.Source.API
) -> list[IngestResult]:
    """Give each row (validated, email lower-cased) an interview for the posting.

    An email already in the posting returns its existing interview, never a duplicate; rows
    repeating an email within the call share one interview. Results follow the rows' order.
    """
    posting_require_active(posting=posting)
    by_email: dict[str, dict] = {}
    for row in rows:
        by_email.setdefault(row["email"], row)
    first_rows = list(by_email.values())
    candidates = _candidates_by_email(posting=posting, rows=first_rows)
    candidate_ids = [candidate.pk for candidate in candidates.values()]
    existing = _interviews_by_candidate(posting=posting, candidate_ids=candidate_ids)
    Interview.objects.bulk_create(
        [
            Interview(
                workspace=posting.workspace,
                posting=posting,
                candidate=candidates[row["email"]],
                metadata=row.get("metadata") or {},
                source=source,
            )
            for row in first_rows
            if candidates[row["email"]].pk not in existing
        ],
        batch_size=BATCH_SIZE,
        ignore_conflicts=True,
    )
    interviews = _interviews_by_candidate(posting=posting, candidate_ids=candidate_ids)
    results, seen = [], set()
    for row in rows:
        candidate = candidates[row["email"]]
        interview = interviews[candidate.pk]
        interview.posting, interview.candidate = posting, candidate
        created = candidate.pk not in existing and candidate.pk not in seen
        seen.add(candidate.pk)
        results.append(IngestResult(interview=interview, created=created))
    _emit_ingested(posting=posting, rows=rows, results=results, source=source)
    return results


def _emit_ingested(
    *, posting: Posting, rows: list[dict], results: list[IngestResult], source: str
) -> None:
    # A generator: the event data is only built when a webhook subscribes to the posting.
    events_emit_bulk(
        posting=posting,
        event_type=EventType.CANDIDATE_INGESTED,
        items=(
            (result.interview.public_id, _ingested_data(result.interview, row, source))
            for row, result in zip(rows, results, strict=True)
            if result.created
        ),
    )


def _ingested_data(interview: Interview, row: dict, source: str) -> dict:
    candidate = interview.candidate
    return {
        "interview_id": interview.public_id,
        "candidate_id": candidate.public_id,
        "name": candidate.name,
        "email": candidate.email,
        "phone_number": candidate.phone_number or None,
        "status": Interview.Status.PENDING,
        "interview_url": interview.interview_url,
        "source": source,
        "metadata": row.get("metadata") or {},
    }


def candidate_ingest(
    *, posting: Posting, row: dict, source: str = Interview.Source.API
) -> IngestResult:
    return candidates_ingest(posting=posting, rows=[row], source=source)[0]


@transaction.atomic
def interview_metadata_update(*, interview: Interview, changes: dict) -> dict:
    """Merge `changes` into the interview's metadata; a null value removes its key.

    The row is locked so that two integrators' updates at once both land.
    """
    locked = Interview.objects.select_for_update().get(pk=interview.pk)
    merged = dict(locked.metadata)
    for key, value in changes.items():
        if value is None:
            merged.pop(key, None)
        else:
            merged[key] = value
    if len(merged) > METADATA_MAX_KEYS:
        raise Unprocessable(
            f"An interview keeps at most {METADATA_MAX_KEYS} metadata keys; this would make "
            f"{len(merged)}. Remove some first (set them to null).",
            param="metadata",
        )
    locked.metadata = merged
    locked.updated_at = timezone.now()
    locked.save(update_fields=["metadata", "updated_at"])
    interview.metadata = merged
    return merged


def interview_metadata_clear(*, interview: Interview) -> None:
    Interview.objects.filter(pk=interview.pk).update(metadata={}, updated_at=timezone.now())
    interview.metadata = {}
