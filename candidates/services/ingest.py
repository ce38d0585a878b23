"""Candidates in: one at a time, in bulk, or as an ingestion kept and run by a job (the API's
`…/async` calls and the dashboard's CSV import). Rows arrive validated (the API's serializers
check them, `candidates.serializers.rows_prepared`); an email already in the posting keeps its
interview."""

from dataclasses import dataclass
from functools import partial

from django.db import IntegrityError, transaction
from django.utils import timezone

from candidates.models import Candidate, Ingestion, Interview
from candidates.services.invitations import invitations_send
from heymilo.errors import Conflict
from heymilo.jobs import enqueue
from postings.models import Posting
from postings.services import posting_require_active
from webhooks.models import EventType
from webhooks.services import events_emit_bulk

BATCH_SIZE = 1000


@dataclass
class IngestResult:
    interview: Interview
    created: bool


def _candidates_by_email(
    *, posting: Posting, rows: list[dict]
) -> tuple[dict[str, Candidate], set[int]]:
    """Find or create the workspace's candidates for these rows, in a constant number of
    queries; with the ids of those that existed before (only they can have interviews)."""
    workspace = posting.workspace
    fields = ("pk", "public_id", "email", "name", "phone_number")
    known = Candidate.objects.filter(workspace=workspace, email__in=[row["email"] for row in rows])
    candidates = {candidate.email: candidate for candidate in known.only(*fields)}
    new = [
        Candidate(
            workspace=workspace,
            email=row["email"],
            name=row["name"],
            phone_number=row.get("phone_number") or "",
        )
        for row in rows
        if row["email"] not in candidates
    ]
    # An email another request adds meanwhile keeps that request's candidate.
    created = _insert_new(new, refetch=lambda: known.only(*fields))
    existed = {candidate.pk for candidate in candidates.values()}
    return {**candidates, **{candidate.email: candidate for candidate in created}}, existed


def _interviews_by_candidate(*, posting: Posting, candidate_ids: list[int]) -> dict[int, Interview]:
    interviews = Interview.objects.filter(posting=posting, candidate_id__in=candidate_ids).only(
        "pk", "public_id", "candidate_id", "posting_id"
    )
    return {interview.candidate_id: interview for interview in interviews}


def _insert_new(objects: list, *, refetch) -> list:
    """Insert rows that did not exist a moment ago, in batches; the database hands back their
    ids, so nothing is read again. Should another request insert one of them meanwhile (a
    unique constraint says so), the rest are inserted and `refetch()` reads them all."""
    if not objects:
        return []
    manager = type(objects[0]).objects
    try:
        with transaction.atomic():
            return manager.bulk_create(objects, batch_size=BATCH_SIZE)
    except IntegrityError:
        manager.bulk_create(objects, batch_size=BATCH_SIZE, ignore_conflicts=True)
        return list(refetch())


@transaction.atomic
def candidates_ingest(
    *, posting: Posting, rows: list[dict], source: str = Interview.Source.API, invite: bool = False
) -> list[IngestResult]:
    """Give each row (validated, email lower-cased) an interview for the posting, and with
    `invite` mail each candidate never invited their link.

    An email already in the posting returns its existing interview, never a duplicate; rows
    repeating an email within the call share one interview. Results follow the rows' order.
    """
    posting_require_active(posting=posting)
    by_email: dict[str, dict] = {}
    for row in rows:
        by_email.setdefault(row["email"], row)
    first_rows = list(by_email.values())
    candidates, existed = _candidates_by_email(posting=posting, rows=first_rows)
    candidate_ids = [candidate.pk for candidate in candidates.values()]
    existing = _interviews_by_candidate(posting=posting, candidate_ids=list(existed))
    new = [
        Interview(
            workspace=posting.workspace,
            posting=posting,
            candidate=candidates[row["email"]],
            metadata=row.get("metadata") or {},
            source=source,
        )
        for row in first_rows
        if candidates[row["email"]].pk not in existing
    ]
    refetch = partial(_interviews_by_candidate, posting=posting, candidate_ids=candidate_ids)
    interviews = {
        **existing,
        **{i.candidate_id: i for i in _insert_new(new, refetch=lambda: refetch().values())},
    }
    results, seen = [], set()
    for row in rows:
        candidate = candidates[row["email"]]
        interview = interviews[candidate.pk]
        interview.posting, interview.candidate = posting, candidate
        created = candidate.pk not in existing and candidate.pk not in seen
        seen.add(candidate.pk)
        results.append(IngestResult(interview=interview, created=created))
    _emit_ingested(posting=posting, rows=rows, results=results, source=source)
    if invite:
        invitations_send(interviews=[result.interview for result in results])
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
    *, posting: Posting, row: dict, source: str = Interview.Source.API, invite: bool = False
) -> IngestResult:
    return candidates_ingest(posting=posting, rows=[row], source=source, invite=invite)[0]


def bulk_ingest(
    *,
    posting: Posting,
    prepared: list[dict],
    source: str = Interview.Source.API,
    invite: bool = False,
) -> list[dict]:
    """Ingest the valid rows of `prepared` (`{"row": …}` or `{"error": …, "email": …}` each); a
    result object for every row, errors included, in order."""
    valid = [(index, item["row"]) for index, item in enumerate(prepared) if "row" in item]
    rows = [row for _, row in valid]
    results = candidates_ingest(posting=posting, rows=rows, source=source, invite=invite)
    by_index = {index: result for (index, _), result in zip(valid, results, strict=True)}
    return [
        bulk_row(index, item, posting, by_index.get(index)) for index, item in enumerate(prepared)
    ]


def ingestion_create(
    *,
    posting: Posting,
    prepared: list[dict],
    source: str = Interview.Source.API,
    invite: bool = False,
    queue: bool = True,
) -> Ingestion:
    """Keep prepared rows to ingest in the background. Queued at once, or (`queue=False`)
    staged until someone confirms them with `ingestion_queue` (the CSV import's preview)."""
    posting_require_active(posting=posting)
    ingestion = Ingestion.objects.create(
        workspace=posting.workspace,
        posting=posting,
        rows=prepared,
        source=source,
        invite=invite,
        status=Ingestion.Status.QUEUED if queue else Ingestion.Status.STAGED,
    )
    if queue:
        enqueue("candidates.ingestion_process", ingestion.pk)
    return ingestion


@transaction.atomic
def ingestion_queue(*, ingestion: Ingestion, invite: bool) -> bool:
    """Queue a staged ingestion; False when it was already queued or done (a second click)."""
    queued = Ingestion.objects.filter(pk=ingestion.pk, status=Ingestion.Status.STAGED).update(
        status=Ingestion.Status.QUEUED, invite=invite
    )
    if queued:
        enqueue("candidates.ingestion_process", ingestion.pk)
    ingestion.refresh_from_db()
    return bool(queued)


@transaction.atomic
def ingestion_process(*, ingestion_pk: int) -> None:
    """Ingest a queued ingestion's rows once: a re-run after a crash finds it done, or redoes it
    whole (the interviews and the results commit together)."""
    ingestion = Ingestion.objects.select_for_update().select_related("posting").get(pk=ingestion_pk)
    if ingestion.status != Ingestion.Status.QUEUED:
        return
    try:
        with transaction.atomic():
            ingestion.results = bulk_ingest(
                posting=ingestion.posting,
                prepared=ingestion.rows,
                source=ingestion.source,
                invite=ingestion.invite,
            )
        ingestion.status = Ingestion.Status.COMPLETED
    except Conflict as error:  # the posting was archived after the rows were accepted
        ingestion.status, ingestion.error = Ingestion.Status.FAILED, error.message
    ingestion.completed_at = timezone.now()
    ingestion.save(update_fields=["results", "status", "error", "completed_at"])


def bulk_counts(rows: list[dict]) -> dict[str, int]:
    counts = {f"{status}_count": 0 for status in ("created", "existing", "error")}
    for row in rows:
        counts[f"{row['status']}_count"] += 1
    return counts


def bulk_row(index: int, item: dict, posting: Posting, result: IngestResult | None) -> dict:
    if result is None:
        return {
            "object": "error",
            "index": index,
            "status": "error",
            "email": item.get("email"),
            "interview_id": None,
            "interview_url": None,
            "posting_id": posting.public_id,
            "error": item["error"],
        }
    interview = result.interview
    return {
        "object": "candidate",
        "index": index,
        "status": "created" if result.created else "existing",
        "email": interview.candidate.email,
        "interview_id": interview.public_id,
        "interview_url": interview.interview_url,
        "posting_id": posting.public_id,
        "error": None,
    }
